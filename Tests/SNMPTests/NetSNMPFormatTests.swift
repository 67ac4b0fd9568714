import Testing
@testable import SNMP

struct NetSNMPFormatTests {
    @Test(arguments: [
        (SNMPValue.integer(-3), "INTEGER: -3"),
        (.octetString("a \"quoted\" \\ path"), #"STRING: "a \"quoted\" \\ path""#),
        (.octetString(""), "\"\""),
        (.octetString(OctetString([0x00, 0x1A, 0xFF])), "Hex-STRING: 00 1A FF "),
        (.octetString(OctetString(Array(0..<18))), "Hex-STRING: 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F \n10 11 "),
        (.null, "NULL"),
        (.objectIdentifier("1.3.6.1.4.1.9"), "OID: .1.3.6.1.4.1.9"),
        (.ipAddress(IPv4Address(10, 1, 2, 3)), "IpAddress: 10.1.2.3"),
        (.counter32(7), "Counter32: 7"),
        (.gauge32(8), "Gauge32: 8"),
        (.timeTicks(8_640_000 + 360_123), "Timeticks: (9000123) 1 day, 1:00:01.23"),
        (.timeTicks(17_280_001), "Timeticks: (17280001) 2 days, 0:00:00.01"),
        (.counter64(18_446_744_073_709_551_615), "Counter64: 18446744073709551615"),
        (.opaque(OctetString([0x9F, 0x78, 0x04, 0x40, 0x72, 0x68, 0x00])), "Opaque: Float: 3.787598"),
        (.opaque(OctetString([0x01, 0x02])), "OPAQUE: 01 02 "),
        (.noSuchObject, "No Such Object available on this agent at this OID"),
        (.noSuchInstance, "No Such Instance currently exists at this OID"),
        (.endOfMibView, "No more variables left in this MIB View (It is past the end of the MIB tree)"),
    ])
    func rendersLikeNetSNMP(_ value: SNMPValue, _ expected: String) {
        #expect(NetSNMPFormat.value(value) == expected)
    }

    @Test func lineHasLeadingDotAndEquals() {
        #expect(NetSNMPFormat.line(VarBind("1.3.6.1.2.1.1.5.0", .octetString("r1"))) == ".1.3.6.1.2.1.1.5.0 = STRING: \"r1\"")
    }
}
