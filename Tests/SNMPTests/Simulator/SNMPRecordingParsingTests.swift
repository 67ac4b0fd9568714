import SNMPCodec
import Testing
@testable import SNMPSimulator

struct SNMPRecordingParsingTests {
    let start = SimulationTime.start

    @Test func everyTagOfTheLabRouter() throws {
        let (recording, warnings) = try RecordingFixtures.load("lab-router.snmprec")
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(recording.name == "lab-router")
        #expect(recording.count == 36)
        let get = { (oid: String) in recording.get(.of(oid), at: start) }
        #expect(get("1.3.6.1.2.1.1.1.0") == .octetString("Netwarden lab router, firmware 2.4.1"))
        #expect(get("1.3.6.1.2.1.1.2.0") == .objectIdentifier(.of("1.3.6.1.4.1.99999.1.7")))
        #expect(get("1.3.6.1.2.1.1.3.0") == .timeTicks(360000))
        #expect(get("1.3.6.1.2.1.1.4.0") == .octetString("noc@example.org"))
        #expect(get("1.3.6.1.2.1.1.6.0") == .octetString(""))
        #expect(get("1.3.6.1.2.1.1.7.0") == .integer(78))
        #expect(get("1.3.6.1.2.1.2.2.1.2.10") == .octetString("uplink \"core\"\n"))
        #expect(get("1.3.6.1.2.1.2.2.1.5.10") == .gauge32(4_294_967_295))
        #expect(get("1.3.6.1.2.1.2.2.1.6.2") == .octetString(OctetString([0x00, 0x50, 0x56, 0x9A, 0x0B, 0x0C])))
        #expect(get("1.3.6.1.2.1.2.2.1.10.1") == .counter32(0))
        #expect(get("1.3.6.1.2.1.4.20.1.1.192.0.2.1") == .ipAddress(IPv4Address(192, 0, 2, 1)))
        #expect(get("1.3.6.1.2.1.4.20.1.1.198.51.100.7") == .ipAddress(IPv4Address(198, 51, 100, 7)))
        #expect(get("1.3.6.1.2.1.31.1.1.1.6.2") == .counter64(.max))
        #expect(get("1.3.6.1.4.1.2021.10.1.6.1") == .opaque(OctetString([0x9F, 0x78, 0x04, 0x3F, 0x80, 0x00, 0x00])))
        #expect(get("1.3.6.1.4.1.99999.2.1.0") == .null)
        #expect(get("1.3.6.1.4.1.99999.2.2.0") == .noSuchObject)
        #expect(get("1.3.6.1.4.1.99999.2.3.0") == .noSuchInstance)
        #expect(get("1.3.6.1.4.1.99999.2.6.0") == .octetString("set me"))
        #expect(get("1.3.6.1.4.1.99999.2.7.0") == .integer(-42))
        #expect(get("1.3.6.1.4.1.99999.2.8.0") == .endOfMibView)
        #expect(get("1.3.6.1.4.1.99999.2.9.0") == .opaque("raw opaque"))
    }

    @Test(arguments: [
        ("2|2147483647", SNMPValue.integer(.max)),
        ("2|-2147483648", .integer(.min)),
        ("2| +7 ", .integer(7)),
        ("2|1_000", .integer(1000)),
        ("2|007", .integer(7)),
        ("65|4294967295", .counter32(.max)),
        ("66|0", .gauge32(0)),
        ("67|-0", .timeTicks(0)),
        ("70|18446744073709551615", .counter64(.max)),
        ("4|a|b|c", .octetString("a|b|c")),
        ("4|  padded", .octetString("  padded")),
        ("4x|414", .octetString(OctetString([0x41, 0x40]))),
        ("4x|", .octetString("")),
        ("4e|tab\\there\\\\", .octetString("tab\there\\")),
        ("64|eEij", .ipAddress(IPv4Address(0x65, 0x45, 0x69, 0x6A))),
        ("64e|\\x7f\\x00\\x00\\x01", .ipAddress(IPv4Address(127, 0, 0, 1))),
        ("68e|\\x01\\x02", .opaque(OctetString([1, 2]))),
        ("6|.1.3.6.1.", .objectIdentifier(.of("1.3.6.1"))),
        ("6|1..3.6", .objectIdentifier(.of("1.3.6"))),
        ("2:writecache|value=12", .integer(12)),
        ("4:writecache|hexvalue=4142", .octetString("AB")),
    ])
    func valueSyntax(_ line: String, _ expected: SNMPValue) {
        let (recording, warnings) = RecordingFixtures.parse("1.3.6.1.4.1.99999.9.0|\(line)\n")
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(recording.get(.of("1.3.6.1.4.1.99999.9.0"), at: start) == expected)
    }

    @Test(arguments: [
        ("2|2147483648", SNMPRecordingWarning.Code.invalidValue),
        ("2|0x10", .invalidValue),
        ("2|4.5", .invalidValue),
        ("2|", .invalidValue),
        ("2|1__0", .invalidValue),
        ("65|4294967296", .invalidValue),
        ("70|18446744073709551616", .invalidValue),
        ("4x|4X", .invalidValue),
        ("4x|0x41", .invalidValue),
        ("4e|\\q", .invalidValue),
        ("64|1.2.3", .invalidValue),
        ("64|1.2.3.256", .invalidValue),
        ("64x|0a0000", .invalidValue),
        ("5|x", .invalidValue),
        ("128|x", .invalidValue),
        ("6|1", .invalidValue),
        ("6|iso.3", .invalidValue),
        ("2x|2a", .unknownTag),
        ("02|1", .unknownTag),
        ("3|1", .unknownTag),
        (":sql|table=x", .unknownTag),
        ("4:delay|value=x,wait=100", .unknownVariationModule),
        ("4:numeric|rate=1", .unknownTag),
        ("65:numeric|rate=fast", .invalidValue),
        ("65:numeric|rate", .invalidValue),
        ("65:numeric|function=nosuch", .invalidValue),
        ("65:numeric|deviation=2.5", .invalidValue),
        ("4:writecache|value=a,b", .invalidValue),
        ("4:writecache|status=genError", .unsupportedVariationParameter),
    ])
    func rejectedValues(_ line: String, _ code: SNMPRecordingWarning.Code) {
        let (recording, warnings) = RecordingFixtures.parse("# header\n1.3.6.1.4.1.99999.9.0|\(line)\n")
        #expect(recording.isEmpty)
        #expect(warnings.map(\.code) == [code])
        #expect(warnings.first?.line == 2)
    }

    @Test func malformedLinesAreSkippedWithTheirLineNumbers() throws {
        let (recording, warnings) = try RecordingFixtures.load("broken.snmprec")
        let found = warnings.map { "\($0.line) \($0.code)" }
        #expect(found == [
            "3 malformedLine", "4 malformedLine", "5 invalidObjectIdentifier", "6 unknownTag", "7 invalidValue",
            "8 invalidValue", "9 unknownVariationModule", "11 invalidValue", "12 invalidValue",
            "14 duplicateObjectIdentifier", "15 malformedLine", "16 malformedLine", "17 unknownTag",
            "18 invalidValue", "19 invalidValue",
        ])
        #expect(warnings.allSatisfy { $0.file.hasSuffix("broken.snmprec") })
        let oids = recording.varBinds(at: start).map(\.oid.description)
        #expect(oids == ["1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1.9.1.2.1", "1.3.6.1.2.1.99.0"])
        // The later of two lines with one OID wins, as in snmpsim's index.
        #expect(recording.get(.of("1.3.6.1.2.1.1.9.1.2.1"), at: start) == .objectIdentifier(.of("1.3.6.1.6.3.10.3.1.1")))
    }

    @Test func blankLinesCommentsAndWhitespaceAsSnmpsim() {
        let text = "  \n\t# comment\n   1.3.6.1.2.1.1.5.0|4|name with trailing space   \r\n\n#1.3.6.1.2.1.1.6.0|4|x\n"
        let (recording, warnings) = RecordingFixtures.parse(text)
        #expect(warnings.isEmpty)
        #expect(recording.count == 1)
        #expect(recording.get(.of("1.3.6.1.2.1.1.5.0"), at: start) == .octetString("name with trailing space"))
    }

    @Test func noTrailingNewlineAndEmptyInput() {
        #expect(RecordingFixtures.parse("1.3.6.1.2.1.1.5.0|4|x").0.count == 1)
        let (empty, warnings) = RecordingFixtures.parse("")
        #expect(empty.isEmpty && warnings.isEmpty)
        #expect(empty.next(after: .of("0.0"), at: start) == nil)
        #expect(empty.get(.of("1.3.6.1.2.1.1.5.0"), at: start) == .noSuchObject)
    }

    @Test func octetsAreKeptAsBytesNotText() {
        // snmpsim reads files as Latin-1, so any byte but a newline passes through unchanged.
        var bytes = Array("1.3.6.1.2.1.1.5.0|4|".utf8)
        bytes += [0xC3, 0xA9, 0x00, 0xFF, 0x7C]
        let (recording, warnings) = SNMPRecording.parse(bytes, name: "bytes")
        #expect(warnings.isEmpty)
        #expect(recording.get(.of("1.3.6.1.2.1.1.5.0"), at: start) == .octetString(OctetString([0xC3, 0xA9, 0x00, 0xFF, 0x7C])))
    }

    @Test func oidsOutsideTheCodecsRangeAreRejected() {
        let tooLong = "1.3." + (0..<127).map(String.init).joined(separator: ".")
        let text = """
            1.3.6.1.4.1.4294967296.0|2|1
            3.1|2|1
            1.40|2|1
            \(tooLong)|2|1
            2.999.1|2|1
            """
        let (recording, warnings) = RecordingFixtures.parse(text)
        #expect(warnings.map(\.code) == Array(repeating: .invalidObjectIdentifier, count: 4))
        #expect(recording.varBinds(at: start).map(\.oid) == [.of("2.999.1")])
    }

    @Test func warningsAreCappedPerFile() {
        let text = String(repeating: "garbage\n", count: 50)
        let (_, warnings) = RecordingFixtures.parse(text, options: .init(maximumWarningsPerFile: 10))
        #expect(warnings.count == 11)
        #expect(warnings.last?.code == .moreWarnings)
        #expect(warnings.last?.reason.contains("40 more") == true)
    }
}
