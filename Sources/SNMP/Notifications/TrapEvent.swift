import SNMPCodec

/// What a notification means to Netwarden, known by OID in code so that it works with no MIB file.
/// The kinds' raw values are those of the syslog event classes, so a linkDown trap and a
/// `%LINK-3-UPDOWN` line name the same event.
public struct TrapEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case linkDown, linkUp, configChanged, reboot, loginFailure, hardwareFault, other
    }

    public var kind: Kind
    /// The notification's name (`linkDown`, `ciscoConfigManEvent`); nil when unknown.
    public var name: String?
    /// The interface it concerns (IF-MIB ifIndex), for link events.
    public var ifIndex: Int?

    /// Maps a notification to its event. Unknown OIDs are `.other` with no name.
    public static func map(_ content: NotificationContent) -> TrapEvent {
        guard let known = known[content.trapOID] else { return TrapEvent(kind: .other, name: nil, ifIndex: nil) }
        var event = TrapEvent(kind: known.kind, name: known.name, ifIndex: nil)
        if known.kind == .linkDown || known.kind == .linkUp { event.ifIndex = ifIndex(in: content.varBinds) }
        return event
    }

    /// RFC 2863 linkDown/linkUp carry ifIndex, ifAdminStatus and ifOperStatus of the interface: the
    /// ifIndex is the value of ifIndex.N or, failing that, the instance N of any ifTable column.
    static func ifIndex(in varBinds: [VarBind]) -> Int? {
        for varBind in varBinds {
            if let suffix = varBind.oid.suffix(after: ifIndexColumn), suffix.count == 1 {
                if case .integer(let v) = varBind.value { return Int(v) }
                return Int(suffix[0])
            }
        }
        for varBind in varBinds {
            if let suffix = varBind.oid.suffix(after: ifEntry), suffix.count == 2 { return Int(suffix[1]) }
        }
        return nil
    }

    static let ifEntry: OID = "1.3.6.1.2.1.2.2.1"
    static let ifIndexColumn: OID = "1.3.6.1.2.1.2.2.1.1"

    /// Known notifications; vendor OIDs checked against the vendors' MIB modules with snmptranslate.
    static let known: [OID: (kind: Kind, name: String)] = [
        // SNMPv2-MIB / IF-MIB generic traps (RFC 3418, RFC 2863).
        "1.3.6.1.6.3.1.1.5.1": (.reboot, "coldStart"),
        "1.3.6.1.6.3.1.1.5.2": (.reboot, "warmStart"),
        "1.3.6.1.6.3.1.1.5.3": (.linkDown, "linkDown"),
        "1.3.6.1.6.3.1.1.5.4": (.linkUp, "linkUp"),
        "1.3.6.1.6.3.1.1.5.5": (.loginFailure, "authenticationFailure"),
        // CISCO-CONFIG-MAN-MIB.
        "1.3.6.1.4.1.9.9.43.2.0.1": (.configChanged, "ciscoConfigManEvent"),
        "1.3.6.1.4.1.9.9.43.2.0.2": (.configChanged, "ccmCLIRunningConfigChanged"),
        // CISCO-GENERAL-TRAPS reload (SNMPv1 enterprise cisco, specific 0).
        "1.3.6.1.4.1.9.0.0": (.reboot, "reload"),
        // CISCO-ENVMON-MIB.
        "1.3.6.1.4.1.9.9.13.3.0.1": (.hardwareFault, "ciscoEnvMonShutdownNotification"),
        "1.3.6.1.4.1.9.9.13.3.0.2": (.hardwareFault, "ciscoEnvMonVoltageNotification"),
        "1.3.6.1.4.1.9.9.13.3.0.3": (.hardwareFault, "ciscoEnvMonTemperatureNotification"),
        "1.3.6.1.4.1.9.9.13.3.0.4": (.hardwareFault, "ciscoEnvMonFanNotification"),
        "1.3.6.1.4.1.9.9.13.3.0.5": (.hardwareFault, "ciscoEnvMonRedundantSupplyNotification"),
        // JUNIPER-CFGMGMT-MIB and JUNIPER-MIB chassis traps.
        "1.3.6.1.4.1.2636.4.5.0.1": (.configChanged, "jnxCmCfgChange"),
        "1.3.6.1.4.1.2636.4.1.1": (.hardwareFault, "jnxPowerSupplyFailure"),
        "1.3.6.1.4.1.2636.4.1.2": (.hardwareFault, "jnxFanFailure"),
        "1.3.6.1.4.1.2636.4.1.3": (.hardwareFault, "jnxOverTemperature"),
        // UPS-MIB (RFC 1628).
        "1.3.6.1.2.1.33.2.1": (.hardwareFault, "upsTrapOnBattery"),
    ]
}
