import Testing
@testable import SNMP
import SNMPCodec

/// Notifications to events by OID alone (no MIB files), and SNMPv1 traps read as RFC 3584 says.
struct TrapEventTests {
    func v2(_ trapOID: OID, _ varBinds: [VarBind] = [], type: PDUType = .snmpV2Trap) -> AnyPDU {
        .pdu(PDU(type: type, requestID: 1, varBinds: [VarBind(NotificationContent.sysUpTime, .timeTicks(42)),
                                                       VarBind(NotificationContent.snmpTrapOID, .objectIdentifier(trapOID))] + varBinds))
    }

    @Test func linkEventsCarryTheirIfIndex() throws {
        let down = try #require(NotificationContent(v2("1.3.6.1.6.3.1.1.5.3", [
            VarBind("1.3.6.1.2.1.2.2.1.1.12", .integer(12)), VarBind("1.3.6.1.2.1.2.2.1.7.12", .integer(1)),
            VarBind("1.3.6.1.2.1.2.2.1.8.12", .integer(2)),
        ])))
        #expect(down.uptime == 42 && down.varBinds.count == 3 && !down.isInform)
        #expect(TrapEvent.map(down) == TrapEvent(kind: .linkDown, name: "linkDown", ifIndex: 12))
        // Without ifIndex.N, the instance of ifOperStatus tells the interface.
        let up = try #require(NotificationContent(v2("1.3.6.1.6.3.1.1.5.4", [VarBind("1.3.6.1.2.1.2.2.1.8.5", .integer(1))], type: .informRequest)))
        #expect(up.isInform)
        #expect(TrapEvent.map(up) == TrapEvent(kind: .linkUp, name: "linkUp", ifIndex: 5))
    }

    @Test func genericAndVendorNotificationsMapByOID() throws {
        let cases: [(OID, TrapEvent.Kind, String)] = [
            ("1.3.6.1.6.3.1.1.5.1", .reboot, "coldStart"), ("1.3.6.1.6.3.1.1.5.2", .reboot, "warmStart"),
            ("1.3.6.1.6.3.1.1.5.5", .loginFailure, "authenticationFailure"),
            ("1.3.6.1.4.1.9.9.43.2.0.1", .configChanged, "ciscoConfigManEvent"),
            ("1.3.6.1.4.1.2636.4.5.0.1", .configChanged, "jnxCmCfgChange"),
            ("1.3.6.1.4.1.9.9.13.3.0.4", .hardwareFault, "ciscoEnvMonFanNotification"),
        ]
        for (oid, kind, name) in cases {
            let event = TrapEvent.map(try #require(NotificationContent(v2(oid))))
            #expect(event.kind == kind && event.name == name && event.ifIndex == nil, "\(oid)")
        }
        #expect(TrapEvent.map(try #require(NotificationContent(v2("1.3.6.1.4.1.99999.1")))) == TrapEvent(kind: .other, name: nil, ifIndex: nil))
    }

    @Test func v1TrapsBecomeTheirRFC3584OIDs() throws {
        let linkDown = TrapV1PDU(enterprise: "1.3.6.1.4.1.9.1.1", agentAddress: IPv4Address(192, 0, 2, 7), genericTrap: 2, specificTrap: 0,
                                 timeStamp: 7, varBinds: [VarBind("1.3.6.1.2.1.2.2.1.1.3", .integer(3))])
        let content = try #require(NotificationContent(.trapV1(linkDown)))
        #expect(content.trapOID == "1.3.6.1.6.3.1.1.5.3" && content.uptime == 7 && content.agentAddress == IPv4Address(192, 0, 2, 7))
        #expect(TrapEvent.map(content) == TrapEvent(kind: .linkDown, name: "linkDown", ifIndex: 3))
        // Enterprise-specific: enterprise.0.specific — Cisco's reload is cisco.0.0.
        let reload = TrapV1PDU(enterprise: "1.3.6.1.4.1.9", agentAddress: IPv4Address(0, 0, 0, 0), genericTrap: 6, specificTrap: 0,
                               timeStamp: 1, varBinds: [])
        let r = try #require(NotificationContent(.trapV1(reload)))
        #expect(r.trapOID == "1.3.6.1.4.1.9.0.0" && TrapEvent.map(r).kind == .reboot)
        let bogus = TrapV1PDU(enterprise: "1.3.6.1.4.1.9", agentAddress: IPv4Address(0, 0, 0, 0), genericTrap: 9, specificTrap: 0,
                              timeStamp: 1, varBinds: [])
        #expect(NotificationContent(.trapV1(bogus)) == nil)
    }

    @Test func aV2PDUWithoutSnmpTrapOIDIsNoNotification() {
        #expect(NotificationContent(.pdu(PDU(type: .snmpV2Trap, requestID: 1, varBinds: [VarBind("1.3.6.1.2.1.1.3.0", .timeTicks(1))]))) == nil)
        #expect(NotificationContent(.pdu(PDU(type: .getRequest, requestID: 1, varBinds: []))) == nil)
    }
}
