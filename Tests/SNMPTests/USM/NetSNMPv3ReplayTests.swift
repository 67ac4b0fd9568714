import Foundation
import Testing
@testable import SNMP

/// SNMPv3 exchanges recorded from net-snmp 5.9 for every user of scripts/lab/snmpd-users.txt
/// (Tests/SNMPCodecTests/Fixtures/netsnmp/v3-manifest.json), replayed without net-snmp: each
/// MAC verifies with keys localised from the passwords, each encrypted PDU decrypts to the
/// scoped PDU net-snmp saw, and a flipped bit fails verification.
struct NetSNMPv3ReplayTests {
    struct Exchange: Decodable, CustomTestStringConvertible {
        struct Message: Decodable {
            let file: String
            let msg_id: Int32
            let msg_flags: UInt8
            let engine_id: String
            let engine_boots: Int32
            let engine_time: Int32
            let user_name: String
            let scoped_pdu: String
        }
        let user: String
        let level: String
        let auth: String?
        let auth_password: String?
        let priv: String?
        let priv_password: String?
        let engine_id: String
        let messages: [Message]
        var testDescription: String { user }
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SNMPCodecTests/Fixtures/netsnmp")
    static let exchanges: [Exchange] = {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("v3-manifest.json")) else { return [] }
        return (try? JSONDecoder().decode([Exchange].self, from: data)) ?? []
    }()

    static let auth: [String: AuthenticationProtocol] = [
        "MD5": .md5, "SHA": .sha1, "SHA-224": .sha224, "SHA-256": .sha256, "SHA-384": .sha384, "SHA-512": .sha512]
    static let priv: [String: PrivacyProtocol] = [
        "DES": .des, "AES": .aes128, "AES-192": .aes192, "AES-256": .aes256, "AES-192-C": .aes192c, "AES-256-C": .aes256c]

    static func bytes(_ hex: String) -> [UInt8] {
        Array(OctetString(hex: hex)!.bytes)
    }

    @Test func everyUserWasRecorded() {
        #expect(Self.exchanges.count >= 43)
    }

    @Test(arguments: exchanges)
    func replays(_ exchange: Exchange) throws {
        let level = SecurityLevel(rawValue: exchange.level)!
        let user = try USMUser(name: exchange.user, level: level,
                               authProtocol: exchange.auth.flatMap { Self.auth[$0] } ?? .none, authPassword: exchange.auth_password,
                               privProtocol: exchange.priv.flatMap { Self.priv[$0] } ?? .none, privPassword: exchange.priv_password)
        let keys = try user.keys.localized(to: Self.bytes(exchange.engine_id))
        for message in exchange.messages {
            let hex = try String(contentsOf: Self.folder.appendingPathComponent(message.file), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let datagram = Self.bytes(hex)
            guard case .v3(let m) = try SNMPMessage.decode(datagram).message else { Issue.record("not v3"); continue }
            #expect(m.msgID == message.msg_id)
            #expect(m.msgFlags.rawValue == message.msg_flags)
            let parameters = try USMSecurityParameters.decode(m.msgSecurityParameters)
            #expect(parameters.userName.utf8String == message.user_name)
            #expect(parameters.authoritativeEngineBoots == message.engine_boots)
            if m.msgFlags.contains(.auth), let authKey = keys.authKey {
                let range = parameters.authenticationParameters.bytes.indices
                #expect(try keys.authProtocol.verify(message: datagram, authenticationParametersRange: range, key: authKey), "\(message.file)")
                var tampered = datagram
                tampered[tampered.count - 1] ^= 0x01
                #expect(try !keys.authProtocol.verify(message: tampered, authenticationParametersRange: range, key: authKey))
            }
            let scoped: [UInt8]
            switch m.msgData {
            case .plaintext(let plain): scoped = plain.encode()
            case .encrypted(let encrypted):
                let plain = try keys.privProtocol.decrypt(encryptedPDU: encrypted.bytes, privacyParameters: parameters.privacyParameters.bytes,
                                                          key: #require(keys.privKey), engineBoots: parameters.authoritativeEngineBoots,
                                                          engineTime: parameters.authoritativeEngineTime)
                scoped = try ScopedPDU.decode(plain).encode()
            }
            // net-snmp's encoding may use long-form lengths; compare the decoded ScopedPDUs.
            #expect(try ScopedPDU.decode(scoped) == ScopedPDU.decode(Self.bytes(message.scoped_pdu)), "\(message.file)")
        }
    }
}
