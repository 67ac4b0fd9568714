import Foundation
import Testing
@testable import SNMPCodec

/// Datagrams recorded from net-snmp 5.9 (its tools and snmpd; Fixtures/netsnmp/record.sh),
/// decoded here without net-snmp and compared field by field with what net-snmp decoded.
struct NetSNMPReplayTests {
    struct Entry: Decodable, CustomTestStringConvertible {
        struct Binding: Decodable {
            let oid: String
            let type: String
            let value: JSONValue?
        }
        let file: String
        let version: String
        let community: String
        let pdu: String
        let request_id: Int32?
        let error_status: Int?
        let error_index: Int?
        let enterprise: String?
        let agent_addr: String?
        let generic_trap: Int32?
        let specific_trap: Int32?
        let time_stamp: UInt32?
        let varbinds: [Binding]
        var testDescription: String { file }
    }

    enum JSONValue: Decodable {
        case number(Double), text(String), hex(String)
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let n = try? container.decode(Double.self) { self = .number(n); return }
            if let s = try? container.decode(String.self) { self = .text(s); return }
            let object = try container.decode([String: String].self)
            self = .hex(object["hex"] ?? "")
        }
    }

    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("netsnmp")
    static let entries: [Entry] = {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("manifest.json")) else { return [] }
        return (try? JSONDecoder().decode([Entry].self, from: data)) ?? []
    }()

    @Test func theManifestIsThere() {
        #expect(Self.entries.count >= 40)
    }

    @Test(arguments: entries)
    func decodesLikeNetSNMP(_ entry: Entry) throws {
        let hex = try String(contentsOf: Self.folder.appendingPathComponent(entry.file), encoding: .utf8)
        let datagram = bytes(hex)
        let (message, tolerances) = try SNMPMessage.decode(datagram)
        guard case .community(let m) = message else { Issue.record("not a community message"); return }
        #expect(m.version.description == entry.version)
        #expect(m.community.utf8String == entry.community)
        #expect(m.pdu.type.description == entry.pdu)
        switch m.pdu {
        case .pdu(let pdu):
            #expect(pdu.requestID == entry.request_id)
            #expect(Int(pdu.errorStatusField) == entry.error_status ?? -1 || pdu.type == .getBulkRequest)
        case .trapV1(let trap):
            #expect(trap.enterprise.description == entry.enterprise)
            #expect(trap.agentAddress.description == entry.agent_addr)
            #expect(trap.genericTrap == entry.generic_trap)
            #expect(trap.specificTrap == entry.specific_trap)
            #expect(trap.timeStamp == entry.time_stamp)
        }
        let varBinds = m.pdu.varBinds
        #expect(varBinds.count == entry.varbinds.count)
        for (ours, theirs) in zip(varBinds, entry.varbinds) {
            #expect(ours.oid.description == theirs.oid)
            #expect(ours.value.typeName == theirs.type, "\(theirs.oid)")
            #expect(Self.matches(ours.value, theirs.value), "\(theirs.oid): \(ours.value) vs \(String(describing: theirs.value))")
        }
        // Re-encoded, it decodes to the same message; byte for byte when net-snmp's encoding was canonical.
        let again = m.encode()
        #expect(try SNMPMessage.decode(again, rules: .strict).message == message)
        if tolerances.isEmpty { #expect(again == datagram) }
    }

    static func matches(_ value: SNMPValue, _ expected: JSONValue?) -> Bool {
        switch (value, expected) {
        case (.integer(let v), .number(let n)): Double(v) == n
        case (.counter32(let v), .number(let n)), (.gauge32(let v), .number(let n)), (.timeTicks(let v), .number(let n)): Double(v) == n
        case (.counter64(let v), .number(let n)): Double(v) == n
        case (.octetString(let s), .hex(let h)), (.opaque(let s), .hex(let h)): hexString(Array(s.bytes)) == h.lowercased()
        case (.objectIdentifier(let oid), .text(let t)): oid.description == t
        case (.ipAddress(let a), .text(let t)): a.description == t
        case (.null, nil), (.noSuchObject, nil), (.noSuchInstance, nil), (.endOfMibView, nil): true
        default: false
        }
    }
}
