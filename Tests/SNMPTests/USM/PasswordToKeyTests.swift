import Testing
@testable import SNMP

struct PasswordToKeyTests {
    // RFC 3414 A.3.1: MD5, "maplesyrup", engine ID 00…02.
    @Test func rfc3414MD5() throws {
        let ku = try AuthenticationProtocol.md5.passwordToKey("maplesyrup")
        #expect(ku.octets == hex("9f af 32 83 88 4e 92 83 4e bc 98 47 d8 ed d9 63"))
        let kul = try AuthenticationProtocol.md5.localize(ku, engineID: NetSNMPVectors.engineID)
        #expect(kul.octets == hex("52 6f 5e ed 9f cc e2 6f 89 64 c2 93 07 87 d8 2b"))
    }

    // RFC 3414 A.3.2: SHA-1, "maplesyrup", engine ID 00…02.
    @Test func rfc3414SHA1() throws {
        let ku = try AuthenticationProtocol.sha1.passwordToKey("maplesyrup")
        #expect(ku.octets == hex("9f b5 cc 03 81 49 7b 37 93 52 89 39 ff 78 8d 5d 79 14 52 11"))
        let kul = try AuthenticationProtocol.sha1.localize(ku, engineID: NetSNMPVectors.engineID)
        #expect(kul.octets == hex("66 95 fe bc 92 88 e3 62 82 23 5f c7 15 1f 12 84 97 b3 8f 3f"))
    }

    // RFC 7860 has no test vectors; net-snmp's generate_Ku/generate_kul are the reference.
    @Test(arguments: NetSNMPVectors.auth)
    func matchesNetSNMP(_ vector: NetSNMPVectors.Auth) throws {
        let ku = try vector.proto.passwordToKey(NetSNMPVectors.password)
        #expect(ku.octets == hex(vector.ku))
        #expect(ku.count == vector.proto.keyLength)
        let kul = try vector.proto.localize(ku, engineID: NetSNMPVectors.engineID)
        #expect(kul.octets == hex(vector.kul))
        #expect(try vector.proto.localizedKey(password: NetSNMPVectors.password, engineID: NetSNMPVectors.engineID) == kul)
    }

    // The expansion hashes the password repeated over 1 MiB in blocks of whole repetitions;
    // lengths that divide neither the block nor 1 MiB must give net-snmp's values.
    static let longPassword = String(decoding: (0..<1000).map { UInt8(33 + ($0 * 13) % 90) }, as: UTF8.self)

    @Test(arguments: [
        ("123456789", AuthenticationProtocol.md5, "e4c991daa1a3a2bca3bac37d18be6453"),
        ("123456789", .sha224, "17e334e60b6ebbd5c3c0eae04288a78187ecbf3973386007723a8560"),
        (longPassword, .sha224, "4a2eb90a9da304816bdc02feb8414f2429119002995916af1fc207ab"),
        (longPassword, .sha512, "899b9960ec426ff1c20b2f14890897c1afa7392857c3f0354ecc9938f0ab4453" +
            "087b8b3f2787bc5247365f4186bd1273a03e9fcf4fbac337a5197ddfb07f0209"),
    ])
    func oddPasswordLengthsMatchNetSNMP(_ password: String, _ proto: AuthenticationProtocol, _ expected: String) throws {
        #expect(try proto.passwordToKey(password).octets == hex(expected))
    }

    // net-snmp refuses passwords under 8 octets; for those and for lengths around the block size,
    // compare with one hash over the whole 1 MiB stream built naively.
    @Test(arguments: [1, 7, 8192, 8193, 20000])
    func blockBoundaries(_ length: Int) throws {
        let password = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 1) }
        let stream = (0..<AuthenticationProtocol.passwordExpansionLength).map { password[$0 % length] }
        for proto in AuthenticationProtocol.allCases where proto != .none {
            #expect(try proto.passwordToKey(password).octets == proto.hash(stream), "\(proto)")
        }
    }

    @Test func rejectsUnusableInput() throws {
        #expect(throws: USMError(.emptyPassword, "")) { try AuthenticationProtocol.sha1.passwordToKey("") }
        #expect(throws: USMError(.unsupportedCombination, "")) { try AuthenticationProtocol.none.passwordToKey("maplesyrup") }
        let ku = try AuthenticationProtocol.md5.passwordToKey("maplesyrup")
        #expect(throws: USMError(.emptyEngineID, "")) { try AuthenticationProtocol.md5.localize(ku, engineID: []) }
        // A Ku of MD5's length used with SHA-1.
        #expect(throws: USMError(.invalidKeyLength, "")) {
            try AuthenticationProtocol.sha1.localize(ku, engineID: NetSNMPVectors.engineID)
        }
    }

    @Test func protocolTables() {
        #expect(AuthenticationProtocol.allCases.map(\.macLength) == [0, 12, 12, 16, 24, 32, 48])
        #expect(AuthenticationProtocol.allCases.map(\.digestLength) == [0, 16, 20, 28, 32, 48, 64])
        for proto in AuthenticationProtocol.allCases {
            #expect(AuthenticationProtocol(oid: proto.oid) == proto)
        }
        #expect(AuthenticationProtocol.sha224.oid == "1.3.6.1.6.3.10.1.1.4")
        #expect(AuthenticationProtocol(oid: "1.3.6.1.6.3.10.1.1.8") == nil)
    }
}
