import Testing
@testable import SNMP

struct AuthenticationTests {
    // MARK: - The HMAC primitives

    // RFC 4231 test cases 1 and 2 for the SHA-2 HMACs (SHA-224 from OpenSSL, the rest from
    // swift-crypto), RFC 2202 test case 2 for MD5 and SHA-1.
    static let hmacVectors: [(AuthenticationProtocol, [UInt8], [UInt8], String)] = [
        (.md5, Array("Jefe".utf8), Array("what do ya want for nothing?".utf8), "750c783e6ab0b503eaa86e310a5db738"),
        (.sha1, Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
         "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"),
        (.sha224, [UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
         "896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22"),
        (.sha224, Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
         "a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44"),
        (.sha256, [UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (.sha384, [UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
         "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6"),
        (.sha512, [UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
         "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4" +
         "be9d914eeb61f1702e696c203a126854"),
    ]

    @Test func hmacPrimitivesMatchRFC4231And2202() throws {
        for (proto, key, data, expected) in Self.hmacVectors {
            var mac = try proto.macType.init(key: key)
            data.withUnsafeBytes { mac.update($0) }
            #expect(mac.finish() == hex(expected), "\(proto)")
        }
    }

    // FIPS 180-4 / RFC 3874 SHA-224 of "abc", from OpenSSL.
    @Test func sha224Primitive() throws {
        #expect(try AuthenticationProtocol.sha224.hash(Array("abc".utf8))
            == hex("23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"))
    }

    // MARK: - Message authentication

    // net-snmp's sc_generate_keyed_hash over a message whose MAC field is zero.
    @Test(arguments: NetSNMPVectors.auth)
    func authenticateMatchesNetSNMP(_ vector: NetSNMPVectors.Auth) throws {
        let proto = vector.proto
        let key = USMKey(hex(vector.kul))
        let range = NetSNMPVectors.macOffset..<(NetSNMPVectors.macOffset + proto.macLength)
        var message = NetSNMPVectors.message
        // Whatever the field holds beforehand, it counts as zeros.
        message.replaceSubrange(range, with: repeatElement(0xEE, count: range.count))
        try proto.authenticate(message: &message, authenticationParametersRange: range, key: key)
        #expect(Array(message[range]) == hex(vector.mac))
        #expect(message[..<range.lowerBound] == NetSNMPVectors.message[..<range.lowerBound])
        #expect(message[range.upperBound...] == NetSNMPVectors.message[range.upperBound...])
        #expect(try proto.verify(message: message, authenticationParametersRange: range, key: key))
    }

    @Test(arguments: AuthenticationProtocol.allCases.filter { $0 != .none })
    func verifyRejectsTampering(_ proto: AuthenticationProtocol) throws {
        let key = try proto.localizedKey(password: "maplesyrup", engineID: NetSNMPVectors.engineID)
        let range = 10..<(10 + proto.macLength)
        var message = NetSNMPVectors.message
        try proto.authenticate(message: &message, authenticationParametersRange: range, key: key)
        #expect(try proto.verify(message: message, authenticationParametersRange: range, key: key))

        for index in [0, range.lowerBound, range.upperBound - 1, message.count - 1] {
            var tampered = message
            tampered[index] ^= 0x01
            #expect(try !proto.verify(message: tampered, authenticationParametersRange: range, key: key), "octet \(index)")
        }
        let otherKey = try proto.localizedKey(password: "maplesyrup", engineID: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3])
        #expect(try !proto.verify(message: message, authenticationParametersRange: range, key: otherKey))
        // A field of the wrong length is a wrong digest, not an error.
        #expect(try !proto.verify(message: message, authenticationParametersRange: range.dropLast(), key: key))
    }

    @Test func misuseThrows() throws {
        let key = try AuthenticationProtocol.md5.localizedKey(password: "maplesyrup", engineID: NetSNMPVectors.engineID)
        var message = NetSNMPVectors.message
        #expect(throws: USMError(.invalidAuthenticationParameters, "")) {
            try AuthenticationProtocol.md5.authenticate(message: &message, authenticationParametersRange: 95..<107, key: key)
        }
        #expect(throws: USMError(.invalidAuthenticationParameters, "")) {
            try AuthenticationProtocol.md5.authenticate(message: &message, authenticationParametersRange: 0..<16, key: key)
        }
        #expect(throws: USMError(.invalidKeyLength, "")) {
            try AuthenticationProtocol.sha1.authenticate(message: &message, authenticationParametersRange: 0..<12, key: key)
        }
        #expect(throws: USMError(.unsupportedCombination, "")) {
            try AuthenticationProtocol.none.verify(message: message, authenticationParametersRange: 0..<0, key: key)
        }
        #expect(message == NetSNMPVectors.message)
    }

    // MARK: - Locating the MAC field

    @Test func findsAuthenticationParametersInAnEncodedMessage() throws {
        let proto = AuthenticationProtocol.sha256
        let parameters = USMSecurityParameters(
            authoritativeEngineID: OctetString(NetSNMPVectors.engineID), authoritativeEngineBoots: 3,
            authoritativeEngineTime: 1234, userName: "netwarden",
            authenticationParameters: OctetString([UInt8](repeating: 0, count: proto.macLength)),
            privacyParameters: OctetString([UInt8](repeating: 0xAB, count: 8)))
        let message = SNMPv3Message(
            msgID: 42, msgMaxSize: 65507, msgFlags: [.auth, .priv, .reportable],
            msgSecurityParameters: OctetString(parameters.encode()),
            msgData: .encrypted(OctetString([UInt8](repeating: 0x5A, count: 300))))
        var bytes = message.encode()
        let range = try #require(USM.authenticationParametersRange(in: bytes))
        #expect(range.count == proto.macLength)

        // The codec's decoded slices point at the same octets.
        guard case .v3(let decoded) = try SNMPMessage.decode(bytes).message else {
            Issue.record("not decoded as SNMPv3")
            return
        }
        let decodedParameters = try USMSecurityParameters.decode(decoded.msgSecurityParameters)
        #expect(decodedParameters.authenticationParameters.bytes.indices == range)

        let key = try proto.localizedKey(password: "maplesyrup", engineID: NetSNMPVectors.engineID)
        try proto.authenticate(message: &bytes, authenticationParametersRange: range, key: key)
        #expect(try proto.verify(message: bytes, authenticationParametersRange: range, key: key))

        // Every strict prefix is rejected rather than misread.
        for length in 0..<range.upperBound {
            #expect(USM.authenticationParametersRange(in: Array(bytes.prefix(length))) == nil)
        }
        #expect(USM.authenticationParametersRange(in: [0x30, 0x80, 0x00, 0x00]) == nil)
    }
}
