import Testing
@testable import SNMPCodec

struct RoundTripTests {
    static let values: [SNMPValue] = [
        .integer(0), .integer(127), .integer(128), .integer(-1), .integer(-129), .integer(.max), .integer(.min),
        .octetString(""), .octetString("hello"), .octetString(OctetString([0x00, 0xFF, 0x80])),
        .octetString(OctetString(Array(repeating: 0x41, count: 300))),
        .null, .objectIdentifier("1.3.6.1.4.1.8072.3.2.10"), .objectIdentifier("2.999.4294967295"),
        .ipAddress(IPv4Address(192, 0, 2, 1)),
        .counter32(0), .counter32(0x7F), .counter32(0x80), .counter32(.max),
        .gauge32(1_000_000_000), .timeTicks(123_456), .opaque(OctetString([0x9F, 0x78, 0x04, 0x40, 0x72, 0x68, 0x00])),
        .counter64(0), .counter64(0x7FFF_FFFF_FFFF_FFFF), .counter64(.max),
        .noSuchObject, .noSuchInstance, .endOfMibView,
    ]

    @Test(arguments: values)
    func valueSurvivesARoundTrip(_ value: SNMPValue) throws {
        let message = CommunityMessage(version: .v2c, community: "c",
                                       pdu: PDU(type: .response, requestID: 42, varBinds: [VarBind("1.3.6.1.2.1.1.1.0", value)]))
        let encoded = message.encode()
        let (decoded, tolerances) = try SNMPMessage.decode(encoded, rules: .strict)
        #expect(tolerances.isEmpty)
        #expect(decoded == .community(message))
    }

    @Test(arguments: PDUType.allCases.filter { $0 != .trapV1 })
    func everyPDUTypeSurvivesARoundTrip(_ type: PDUType) throws {
        let pdu = PDU(type: type, requestID: -5, errorStatus: .genErr, errorIndex: 2,
                      varBinds: [VarBind("1.3.6.1.2.1.1.5.0", .octetString("router")), VarBind("1.3.6.1.2.1.1.3.0")])
        let message = CommunityMessage(version: .v2c, community: "private", pdu: pdu)
        #expect(try SNMPMessage.decode(message.encode()).message == .community(message))
    }

    @Test func getBulkCarriesNonRepeatersAndMaxRepetitions() throws {
        let pdu = PDU.getBulk(requestID: 9, nonRepeaters: 1, maxRepetitions: 25, varBinds: [VarBind("1.3.6.1.2.1.2.2")])
        let decoded = try SNMPMessage.decode(CommunityMessage(version: .v2c, community: "public", pdu: pdu).encode()).message
        guard case .community(let m) = decoded, case .pdu(let back) = m.pdu else { Issue.record("bad decode"); return }
        #expect(back.nonRepeaters == 1)
        #expect(back.maxRepetitions == 25)
    }

    @Test func v1TrapSurvivesARoundTrip() throws {
        let trap = TrapV1PDU(enterprise: "1.3.6.1.4.1.8072.2.3.1", agentAddress: IPv4Address(127, 0, 0, 1),
                             genericTrap: 6, specificTrap: 17, timeStamp: 12_345,
                             varBinds: [VarBind("1.3.6.1.2.1.2.2.1.1.3", .integer(3))])
        let message = CommunityMessage(version: .v1, community: "public", pdu: .trapV1(trap))
        #expect(try SNMPMessage.decode(message.encode()).message == .community(message))
    }

    @Test func v3MessageSurvivesARoundTrip() throws {
        let parameters = USMSecurityParameters(
            authoritativeEngineID: OctetString([0x80, 0x00, 0x1F, 0x88, 0x04]), authoritativeEngineBoots: 3,
            authoritativeEngineTime: 1234, userName: "admin",
            authenticationParameters: OctetString(Array(repeating: 0, count: 12)), privacyParameters: "")
        let scoped = ScopedPDU(contextEngineID: OctetString([0x80, 0x00, 0x1F, 0x88, 0x04]), contextName: "",
                               pdu: PDU(type: .getRequest, requestID: 77, varBinds: [VarBind("1.3.6.1.2.1.1.1.0")]))
        let message = SNMPv3Message(msgID: 77, msgMaxSize: 65_507, msgFlags: [.auth, .reportable],
                                    msgSecurityParameters: OctetString(parameters.encode()), msgData: .plaintext(scoped))
        let decoded = try SNMPMessage.decode(message.encode()).message
        #expect(decoded == .v3(message))
        guard case .v3(let v3) = decoded else { return }
        let back = try USMSecurityParameters.decode(v3.msgSecurityParameters)
        #expect(back == parameters)
        #expect(SNMPMessage.peekCorrelation(message.encode())?.id == 77)
    }
}

struct OIDTests {
    @Test func parsesAndPrintsDottedForm() throws {
        #expect(try OID(parsing: ".1.3.6.1.2.1.1.1.0").description == "1.3.6.1.2.1.1.1.0")
        #expect(OID("1.3.6.1.4.1.4294967295").arcs.last == 4_294_967_295)
        #expect(OID("2.100.3").arcs == [2, 100, 3])
        #expect(OID("0.0").arcs == [0, 0])
    }

    @Test(arguments: ["", ".", "1", "1..3", "1.3.", "1.3.x", "3.1", "1.40", "1.3.4294967296"])
    func rejectsMalformedText(_ text: String) {
        #expect(throws: SNMPCodecError.self) { try OID(parsing: text) }
    }

    @Test func ordersByArcsEvenWhenEncodingsDisagree() throws {
        // 11646 encodes in two octets starting 0xDA, 17773 in three starting 0x81.
        #expect(OID("1.3.6.1.2.1.25.4.2.1.1.11646") < OID("1.3.6.1.2.1.25.4.2.1.1.17773"))
        #expect(OID("1.3.6.1") < OID("1.3.6.1.0"))
        #expect(!(OID("1.3.6.1") < OID("1.3.6.1")))
        #expect(OID("1.3.6.2") > OID("1.3.6.1.99999"))
    }

    @Test func orderMatchesArcOrderOnRandomOIDs() throws {
        var generator = SystemRandomNumberGenerator()
        let magnitudes: [UInt32] = [0x7F, 0x3FFF, 0x1F_FFFF, 0xFFF_FFFF, .max]
        func randomOID() throws -> OID {
            let count = Int.random(in: 2...8, using: &generator)
            var arcs: [UInt32] = [1, 3]
            for _ in 2..<count { arcs.append(UInt32.random(in: 0...magnitudes.randomElement(using: &generator)!, using: &generator)) }
            return try OID(arcs)
        }
        for _ in 0..<5_000 {
            let a = try randomOID(), b = try randomOID()
            #expect((a < b) == a.arcs.lexicographicallyPrecedes(b.arcs), "\(a) vs \(b)")
            #expect((a == b) == (a.arcs == b.arcs))
        }
    }

    @Test func prefixAndSuffix() throws {
        let column: OID = "1.3.6.1.2.1.2.2.1.2"
        let instance: OID = "1.3.6.1.2.1.2.2.1.2.300"
        #expect(instance.hasPrefix(column))
        #expect(!column.hasPrefix(instance))
        #expect(!OID("1.3.6.1.2.1.2.2.1.20").hasPrefix(column))
        #expect(instance.suffix(after: column) == [300])
        #expect(column.appending([300]) == instance)
    }
}

struct OctetStringHexTests {
    @Test(arguments: [("80 00 1f 88", [0x80, 0x00, 0x1F, 0x88]), ("0x80001F88", [0x80, 0x00, 0x1F, 0x88]),
                      ("02:4e:57:00", [0x02, 0x4E, 0x57, 0x00]), ("", [])] as [(String, [UInt8])])
    func parsesHex(_ text: String, _ expected: [UInt8]) {
        #expect(OctetString(hex: text).map { Array($0.bytes) } == expected)
    }

    @Test(arguments: ["8", "zz", "8 0", "0x1", "12g4"])
    func rejectsWhatIsNotHex(_ text: String) {
        #expect(OctetString(hex: text) == nil)
    }
}
