import Devices
import Testing

@Suite struct CiscoIOSVersionTests {
    @Test(arguments: [
        "15.2(7)E3", "12.2(55)SE12", "15.1(4)M12a", "12.4(25g)", "12.2(33)SXI14", "12.2(18)SXF17b",
        "15.0(2)SE11", "12.4(24.6)T", "15.4(3)M", "12.2(33)SRE15", "15.5(3)S10", "12.3(6)", "12.2(25)SEE2",
        " 15.2(7)E3 ",
    ])
    func parses(_ text: String) throws {
        let version = try FirmwareVersion(text, scheme: .ciscoIOS)
        #expect(version.scheme == .ciscoIOS)
        #expect(version.text.first != " " && version.text.last != " ")
    }

    @Test(arguments: [
        "", "15.2", "15.2(7", "15.2()E3", "15.2(7)e3", "15.2(7)E3 (fc2)", "9.16(4)19", "7.0(3)I7(9)",
        "17.9.4a", "15.2(7)E3-foo", "v15.2(7)E3", "1234567890.2(7)E3",
    ])
    func rejects(_ text: String) {
        expectMalformed(.ciscoIOS, text)
    }

    @Test func trains() throws {
        #expect(try FirmwareVersion("15.2(7)E3", scheme: .ciscoIOS).train == "E")
        #expect(try FirmwareVersion("12.2(33)SXI14", scheme: .ciscoIOS).train == "SXI")
        #expect(try FirmwareVersion("12.4(25g)", scheme: .ciscoIOS).train == nil)
    }

    @Test(arguments: [
        // Rebuilds of one train.
        OrderingCase(.ciscoIOS, "15.2(7)E3", .newer, "15.2(7)E2"),
        OrderingCase(.ciscoIOS, "15.2(7)E", .older, "15.2(7)E1"),
        OrderingCase(.ciscoIOS, "15.2(8)E1", .newer, "15.2(7)E10"),
        OrderingCase(.ciscoIOS, "15.2(7)E10", .newer, "15.2(7)E9"),  // numeric, not text
        OrderingCase(.ciscoIOS, "15.1(4)M12a", .newer, "15.1(4)M12"),
        OrderingCase(.ciscoIOS, "15.1(4)M12a", .older, "15.1(4)M12b"),
        OrderingCase(.ciscoIOS, "15.1(4)M12a", .older, "15.1(4)M13"),
        OrderingCase(.ciscoIOS, "12.2(18)SXF17b", .newer, "12.2(18)SXF17a"),
        // Mainline rebuild letters inside the parentheses.
        OrderingCase(.ciscoIOS, "12.4(25g)", .newer, "12.4(25f)"),
        OrderingCase(.ciscoIOS, "12.4(25)", .older, "12.4(25a)"),
        OrderingCase(.ciscoIOS, "12.4(25g)", .older, "12.4(26)"),
        // Same release spelled the same.
        OrderingCase(.ciscoIOS, "15.2(7)E3", .same, "15.2(7)E3"),
        // Different trains inside one feature release are incomparable.
        OrderingCase(.ciscoIOS, "15.2(7)E3", .unknown(.trainMismatch), "15.2(4)M"),
        OrderingCase(.ciscoIOS, "12.2(33)SXI14", .unknown(.trainMismatch), "12.2(33)SXJ10"),
        OrderingCase(.ciscoIOS, "12.2(55)SE12", .unknown(.trainMismatch), "12.2(25)SEE2"),
        OrderingCase(.ciscoIOS, "12.4(25g)", .unknown(.trainMismatch), "12.4(24)T8"),
        // Different feature releases order by their numbers, whatever the trains.
        OrderingCase(.ciscoIOS, "15.0(2)SE11", .older, "15.2(7)E3"),
        OrderingCase(.ciscoIOS, "12.2(55)SE12", .older, "15.0(2)SE11"),
        OrderingCase(.ciscoIOS, "12.4(24)T8", .older, "15.1(4)M12a"),
        OrderingCase(.ciscoIOS, "15.2(7)E3", .newer, "15.0(2)E10"),
        // Interim builds.
        OrderingCase(.ciscoIOS, "12.4(24.6)T", .older, "12.4(24.7)T"),
        OrderingCase(.ciscoIOS, "12.4(24.6)T", .unknown(.ambiguous), "12.4(24)T"),
        OrderingCase(.ciscoIOS, "12.4(24.6)T", .older, "12.4(25)T"),
    ])
    func orders(_ row: OrderingCase) throws {
        try expectOrdering(row)
    }

    @Test func ascendingWithinOneTrain() throws {
        try expectAscending(.ciscoIOS, [
            "15.0(2)E10", "15.2(2)E", "15.2(2)E1", "15.2(4)E10", "15.2(7)E", "15.2(7)E2", "15.2(7)E3",
            "15.2(7)E3a", "15.2(7)E10", "15.2(8)E1",
        ])
    }

    @Test func spellingsOfOneVersionAreEqual() throws {
        #expect(try FirmwareVersion("15.2(7)E3", scheme: .ciscoIOS) == FirmwareVersion(" 15.2(7)E3\n", scheme: .ciscoIOS))
        #expect(try FirmwareVersion("15.2(07)E03", scheme: .ciscoIOS) == FirmwareVersion("15.2(7)E3", scheme: .ciscoIOS))
    }
}

@Suite struct CiscoIOSXEVersionTests {
    @Test(arguments: [
        ("17.9.4a", nil), ("17.09.04a", nil), ("16.12.10", nil), ("16.3.1a", nil), ("03.06.06E", "E"),
        ("3.16.5S", "S"), ("03.11.03a.E", "E"), ("03.16.05.S", "S"), ("3.16.4bS", "S"),
    ] as [(String, String?)])
    func parses(_ text: String, train: String?) throws {
        let version = try FirmwareVersion(text, scheme: .ciscoIOSXE)
        #expect(version.train == train)
    }

    @Test(arguments: ["17.9", "17.9.4.1", "17.9.4A1", "15.2(7)E3", "v17.9.4", "17.9.4-a"])
    func rejects(_ text: String) {
        expectMalformed(.ciscoIOSXE, text)
    }

    @Test(arguments: [
        OrderingCase(.ciscoIOSXE, "17.9.4a", .newer, "17.9.4"),
        OrderingCase(.ciscoIOSXE, "17.9.4a", .older, "17.9.4b"),
        OrderingCase(.ciscoIOSXE, "17.9.4a", .older, "17.9.5"),
        OrderingCase(.ciscoIOSXE, "17.09.04a", .same, "17.9.4a"),
        OrderingCase(.ciscoIOSXE, "17.10.1", .newer, "17.9.5"),  // numeric minor
        OrderingCase(.ciscoIOSXE, "16.12.10a", .older, "17.3.1"),
        OrderingCase(.ciscoIOSXE, "03.06.06E", .older, "03.06.07E"),
        OrderingCase(.ciscoIOSXE, "03.11.03a.E", .newer, "03.11.03E"),
        OrderingCase(.ciscoIOSXE, "3.16.5S", .same, "03.16.05.S"),
        OrderingCase(.ciscoIOSXE, "03.07.05E", .older, "16.3.9"),  // 16.x superseded every 3.x train
        OrderingCase(.ciscoIOSXE, "3.16.10S", .older, "16.9.8"),
        OrderingCase(.ciscoIOSXE, "3.16.5S", .unknown(.trainMismatch), "3.16.5SQ"),
        OrderingCase(.ciscoIOSXE, "3.6.5E", .unknown(.trainMismatch), "3.6.5"),
    ])
    func orders(_ row: OrderingCase) throws {
        try expectOrdering(row)
    }

    @Test func ascending() throws {
        try expectAscending(.ciscoIOSXE, [
            "16.9.8", "16.12.1", "16.12.4", "16.12.10", "16.12.10a", "17.3.1", "17.6.5", "17.9.4", "17.9.4a",
            "17.9.4b", "17.9.5", "17.12.1",
        ])
    }
}

@Suite struct CiscoNXOSVersionTests {
    @Test(arguments: [
        ("9.3(10)", nil), ("10.3(4a)M", nil), ("10.2(5)F", nil), ("8.4(2c)", nil), ("7.0(3)I7(9)", "I7"),
        ("6.0(2)N2(3)", "N2"), ("5.2(3)N2(2.28g)", "N2"), ("7.3(8)D1(1)", "D1"), ("7.0(3)I4(8b)", "I4"),
    ] as [(String, String?)])
    func parses(_ text: String, train: String?) throws {
        #expect(try FirmwareVersion(text, scheme: .ciscoNXOS).train == train)
    }

    @Test(arguments: ["9.3", "9.3(10", "7.0(3)I7", "7.0(3)I7(9", "9.3(10)X", "9.3.10", "10.3(4A)M"])
    func rejects(_ text: String) {
        expectMalformed(.ciscoNXOS, text)
    }

    @Test(arguments: [
        OrderingCase(.ciscoNXOS, "9.3(10)", .newer, "9.3(9)"),
        OrderingCase(.ciscoNXOS, "9.3(8)", .older, "9.3(10)"),
        OrderingCase(.ciscoNXOS, "8.4(2c)", .newer, "8.4(2b)"),
        OrderingCase(.ciscoNXOS, "8.4(2)", .older, "8.4(2a)"),
        OrderingCase(.ciscoNXOS, "10.3(4a)M", .newer, "10.3(4)M"),
        OrderingCase(.ciscoNXOS, "10.2(5)M", .same, "10.2(5)"),  // the M/F label does not order
        OrderingCase(.ciscoNXOS, "10.2(3)F", .older, "10.2(5)M"),
        OrderingCase(.ciscoNXOS, "7.0(3)I7(9)", .newer, "7.0(3)I7(8)"),
        OrderingCase(.ciscoNXOS, "7.0(3)I7(1)", .newer, "7.0(3)I6(2)"),
        OrderingCase(.ciscoNXOS, "7.0(3)I4(8b)", .newer, "7.0(3)I4(8a)"),
        OrderingCase(.ciscoNXOS, "6.0(2)N2(3)", .newer, "6.0(2)N1(1)"),
        OrderingCase(.ciscoNXOS, "7.0(3)I7(9)", .older, "9.3(10)"),  // 9.x succeeded the I7 train
        OrderingCase(.ciscoNXOS, "7.0(3)I7(9)", .unknown(.trainMismatch), "7.0(2)N1(1)"),
        OrderingCase(.ciscoNXOS, "7.0(3)I7(9)", .unknown(.trainMismatch), "7.0(3)"),
    ])
    func orders(_ row: OrderingCase) throws {
        try expectOrdering(row)
    }

    @Test func ascending() throws {
        try expectAscending(.ciscoNXOS, ["7.0(3)I7(10)", "9.2(4)", "9.3(8)", "9.3(9)", "9.3(10)", "10.2(3)F", "10.2(5)M", "10.3(4a)M"])
    }
}

@Suite struct CiscoASAVersionTests {
    @Test(arguments: ["9.16(4)19", "9.18(3)", "9.16(4.19)", "9.8(4)45", "7.18(1)152", "9.12(4)62"])
    func parses(_ text: String) throws {
        _ = try FirmwareVersion(text, scheme: .ciscoASA)
    }

    @Test(arguments: ["9.16", "9.16(4", "9.16(4)E3", "9.16.4", "9.16(4)19a"])
    func rejects(_ text: String) {
        expectMalformed(.ciscoASA, text)
    }

    @Test(arguments: [
        OrderingCase(.ciscoASA, "9.16(4)19", .newer, "9.16(4)18"),
        OrderingCase(.ciscoASA, "9.16(4)9", .older, "9.16(4)19"),
        OrderingCase(.ciscoASA, "9.16(4)", .older, "9.16(4)1"),
        OrderingCase(.ciscoASA, "9.16(4)62", .older, "9.16(5)"),
        OrderingCase(.ciscoASA, "9.8(4)45", .older, "9.16(1)"),
        OrderingCase(.ciscoASA, "9.16(4.19)", .older, "9.16(4.20)"),
        OrderingCase(.ciscoASA, "9.16(4.19)", .unknown(.ambiguous), "9.16(4)19"),
        OrderingCase(.ciscoASA, "9.16(4.19)", .older, "9.16(5)"),
    ])
    func orders(_ row: OrderingCase) throws {
        try expectOrdering(row)
    }
}
