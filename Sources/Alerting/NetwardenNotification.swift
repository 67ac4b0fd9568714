import SNMP
import SNMPCodec

/// The NETWARDEN-MIB notification for an alert notice (mibs/NETWARDEN-MIB).
enum NetwardenNotification {
    static func trapOID(for action: String) -> OID {
        switch action {
        case "resolved": NetwardenMIB.Notification.alertResolved.oid
        case "acknowledged": NetwardenMIB.Notification.alertAcknowledged.oid
        default: NetwardenMIB.Notification.alertRaised.oid
        }
    }

    static func varBinds(action: String, kind: String, severity: String, tenant: String, site: String, device: String,
                         address: String, message: String, dedupKey: String) -> [VarBind] {
        [
            VarBind(NetwardenMIB.Object.tenant.instance, .octetString(OctetString(tenant))),
            VarBind(NetwardenMIB.Object.site.instance, .octetString(OctetString(site))),
            VarBind(NetwardenMIB.Object.deviceName.instance, .octetString(OctetString(device))),
            VarBind(NetwardenMIB.Object.severity.instance, .integer(Self.severity(severity).rawValue)),
            VarBind(NetwardenMIB.Object.kind.instance, .integer(Self.kind(kind).rawValue)),
            VarBind(NetwardenMIB.Object.message.instance, .octetString(OctetString(message))),
            VarBind(NetwardenMIB.Object.dedupKey.instance, .octetString(OctetString(dedupKey))),
        ]
    }

    static func severity(_ name: String) -> NetwardenMIB.Severity {
        switch name {
        case "critical": .critical
        case "warning": .warning
        default: .info
        }
    }

    static func kind(_ name: String) -> NetwardenMIB.Kind {
        switch name {
        case "device_down", "device_unreachable": .deviceDown
        case "interface_down": .interfaceDown
        case "flapping": .flapping
        case "reboot": .reboot
        case "firmware_changed": .firmwareChanged
        case "firmware_outdated": .firmwareBelowPolicy
        case "config_unsaved", "config_changed": .unsavedConfig
        case "storage", "cpu", "memory", "interface_utilisation", "error_rate": .threshold
        case "new_device": .newDevice
        case "login_failure": .syslog
        default: .trap
        }
    }
}
