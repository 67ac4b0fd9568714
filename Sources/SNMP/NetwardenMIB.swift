/// The OIDs of mibs/NETWARDEN-MIB: the notifications Netwarden sends upstream about its own
/// alerts, and the objects they carry. Known to the code, so sending needs no MIB file; a test
/// checks each one against the module.
///
/// The module sits under net-snmp's playpen arc (1.3.6.1.4.1.8072.9999.9999) until Netwarden
/// has an IANA Private Enterprise Number (mibs/README.md).
public enum NetwardenMIB {
    public static let module = OID("1.3.6.1.4.1.8072.9999.9999.7887")
    static let notifications = module.appending([0])
    static let alert = module.appending([1, 1])

    /// snmpTrapOID values.
    public enum Notification: UInt32, Sendable, CaseIterable {
        case alertRaised = 1
        case alertResolved = 2
        case alertAcknowledged = 3

        public var oid: OID { NetwardenMIB.notifications.appending([rawValue]) }
    }

    /// The varbind objects; `instance` is the scalar's `.0`.
    public enum Object: UInt32, Sendable, CaseIterable {
        case alertId = 1
        case tenant = 2
        case site = 3
        case deviceName = 4
        case deviceAddressType = 5
        case deviceAddress = 6
        case severity = 7
        case kind = 8
        case message = 9
        case dedupKey = 10
        case time = 11
        case user = 12

        public var oid: OID { NetwardenMIB.alert.appending([rawValue]) }
        public var instance: OID { oid.appending([0]) }
    }

    /// NetwardenAlertSeverity.
    public enum Severity: Int32, Sendable, CaseIterable {
        case critical = 1, major, minor, warning, info
    }

    /// NetwardenAlertKind: the events of the daemon (issue 5) that raise alerts.
    public enum Kind: Int32, Sendable, CaseIterable {
        case deviceDown = 1, deviceUp, interfaceDown, flapping, reboot, firmwareChanged,
             firmwareBelowPolicy, unsavedConfig, threshold, syslog, trap, newDevice
    }
}
