import Testing
@testable import SNMP

/// Replays real snmpd traffic (``NetSNMPPackets``): verifies and decrypts what net-snmp sent, then
/// rebuilds the same octets with this module's outgoing path.
struct NetSNMPPacketTests {
    @Test(arguments: NetSNMPPackets.exchanges)
    func request(_ exchange: NetSNMPPackets.Exchange) throws {
        let scoped = try check(hex(exchange.request), exchange)
        #expect(scoped.pdu.type == .getRequest)
        #expect(scoped.pdu.varBinds == [VarBind("1.3.6.1.2.1.1.1.0")])
    }

    @Test(arguments: NetSNMPPackets.exchanges)
    func response(_ exchange: NetSNMPPackets.Exchange) throws {
        let scoped = try check(hex(exchange.response), exchange)
        #expect(scoped.pdu.type == .response)
        #expect(scoped.pdu.varBinds == [VarBind("1.3.6.1.2.1.1.1.0", .octetString(OctetString(NetSNMPPackets.sysDescr)))])
    }

    /// Incoming path on `bytes`, then the outgoing path must reproduce them exactly.
    private func check(_ bytes: [UInt8], _ exchange: NetSNMPPackets.Exchange) throws -> ScopedPDU {
        // Incoming: decode, locate, verify, decrypt.
        guard case .v3(let message) = try SNMPMessage.decode(bytes).message else {
            Issue.record("not SNMPv3")
            throw USMError(.decryptionError, "not SNMPv3")
        }
        #expect(message.msgFlags.isSuperset(of: [.auth, .priv]))
        let parameters = try USMSecurityParameters.decode(message.msgSecurityParameters)
        #expect(parameters.userName == OctetString(exchange.user))
        let range = parameters.authenticationParameters.bytes.indices
        #expect(USM.authenticationParametersRange(in: bytes) == range)

        let keys = try USMMasterKeys(authProtocol: exchange.auth, authPassword: NetSNMPPackets.authPassword,
                                     privProtocol: exchange.priv, privPassword: NetSNMPPackets.privPassword)
            .localized(to: parameters.authoritativeEngineID.bytes)
        let authKey = try #require(keys.authKey)
        let privKey = try #require(keys.privKey)
        #expect(try exchange.auth.verify(message: bytes, authenticationParametersRange: range, key: authKey))
        var tampered = bytes
        tampered[tampered.count - 1] ^= 0x80
        #expect(try !exchange.auth.verify(message: tampered, authenticationParametersRange: range, key: authKey))

        guard case .encrypted(let encrypted) = message.msgData else {
            Issue.record("msgData is not encrypted")
            throw USMError(.decryptionError, "plaintext")
        }
        let plaintext = try exchange.priv.decrypt(
            encryptedPDU: encrypted.bytes, privacyParameters: parameters.privacyParameters.bytes, key: privKey,
            engineBoots: parameters.authoritativeEngineBoots, engineTime: parameters.authoritativeEngineTime)
        let scoped = try ScopedPDU.decode(plaintext)
        #expect(scoped.contextEngineID == parameters.authoritativeEngineID)

        // Outgoing: the same salt, boots and time give the same encryptedPDU (DES: the decrypted
        // octets include net-snmp's padding, so no more is added) ...
        let salt = Array(parameters.privacyParameters.bytes)
        let reencrypted: EncryptedScopedPDU
        if exchange.priv == .des {
            reencrypted = try exchange.priv.encrypt(
                scopedPDU: plaintext, key: privKey, engineBoots: Int32(bitPattern: bigEndian(salt[0..<4])),
                engineTime: 0, salt: UInt64(bigEndian(salt[4..<8])))
        } else {
            reencrypted = try exchange.priv.encrypt(
                scopedPDU: plaintext, key: privKey, engineBoots: parameters.authoritativeEngineBoots,
                engineTime: parameters.authoritativeEngineTime, salt: bigEndian64(salt))
        }
        #expect(reencrypted.privacyParameters == salt)
        #expect(reencrypted.encryptedPDU[...] == encrypted.bytes)

        // ... and encoding with a zero MAC, then authenticating, gives net-snmp's message.
        var outgoingParameters = parameters
        outgoingParameters.authenticationParameters = OctetString([UInt8](repeating: 0, count: exchange.auth.macLength))
        outgoingParameters.privacyParameters = OctetString(reencrypted.privacyParameters)
        var outgoing = SNMPv3Message(msgID: message.msgID, msgMaxSize: message.msgMaxSize, msgFlags: message.msgFlags,
                                     msgSecurityParameters: OctetString(outgoingParameters.encode()),
                                     msgData: .encrypted(OctetString(reencrypted.encryptedPDU))).encode()
        let outgoingRange = try #require(USM.authenticationParametersRange(in: outgoing))
        try exchange.auth.authenticate(message: &outgoing, authenticationParametersRange: outgoingRange, key: authKey)
        #expect(outgoing == bytes)
        return scoped
    }

    private func bigEndian(_ octets: ArraySlice<UInt8>) -> UInt32 { octets.reduce(0) { $0 << 8 | UInt32($1) } }
    private func bigEndian64(_ octets: [UInt8]) -> UInt64 { octets.reduce(0) { $0 << 8 | UInt64($1) } }
}
