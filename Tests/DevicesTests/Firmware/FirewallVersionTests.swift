import Devices
import Testing

@Suite struct FortiOSVersionTests {
    @Test(arguments: [
        "v7.2.8,build1639,240313 (GA.M)", "v7.2.8,build1639", "v7.2.8 build1639", "7.2.8", "v7.2.8",
        "v7.2.8.M-build1639", "7.2.8-build1639", "v6.4.15,build2095,240205 (GA)", "v7.4.3,build2573,240201 (GA.F)",
        "V7.0.12 build0523 (GA)",
    ])
    func parses(_ text: String) throws {
        _ = try FirmwareVersion(text, scheme: .fortiOS)
    }

    @Test(arguments: ["v7.2", "7.2.8.1", "v7.2.8,build", "v7.2.8,build1639,", "v7.2.8 (GA.M", "FortiOS 7.2.8"])
    func rejects(_ text: String) {
        expectMalformed(.fortiOS, text)
    }

    @Test(arguments: [
        OrderingCase(.fortiOS, "v7.2.8,build1639,240313 (GA.M)", .newer, "v7.2.7,build1577,240131 (GA.M)"),
        OrderingCase(.fortiOS, "v7.2.10", .newer, "v7.2.9"),
        OrderingCase(.fortiOS, "v7.2.8,build1639,240313 (GA.M)", .same, "7.2.8"),
        OrderingCase(.fortiOS, "v7.2.8.M-build1639", .same, "v7.2.8,build1639,240313 (GA.M)"),
        // A special build of one patch release differs only in build number.
        OrderingCase(.fortiOS, "v7.2.8,build1639", .older, "v7.2.8,build1642"),
        OrderingCase(.fortiOS, "v6.4.15,build2095", .older, "v7.0.1,build0157"),  // version first, not build
        OrderingCase(.fortiOS, "v7.4.3 (GA.F)", .same, "v7.4.3 (GA.M)"),
    ])
    func orders(_ row: OrderingCase) throws {
        try expectOrdering(row)
    }
}

@Suite struct PANOSVersionTests {
    @Test(arguments: [("10.2.9-h1", nil), ("11.1.4-h7", nil), ("10.2.9", nil), ("8.0.1", nil), ("10.1.6-c4", "c4"), ("10.1.6-c4-h1", "c4")] as [(String, String?)])
    func parses(_ text: String, train: String?) throws {
        #expect(try FirmwareVersion(text, scheme: .panOS).train == train)
    }

    @Test(arguments: ["10.2", "10.2.9-h", "10.2.9h1", "10.2.9-x1", "10.2.9-h1-h2", "10.2.9-H1"])
    func rejects(_ text: String) {
        expectMalformed(.panOS, text)
    }

    @Test(arguments: [
        OrderingCase(.panOS, "10.2.9-h1", .newer, "10.2.9"),
        OrderingCase(.panOS, "10.2.9-h1", .older, "10.2.9-h2"),
        OrderingCase(.panOS, "10.2.10-h2", .newer, "10.2.9-h12"),
        OrderingCase(.panOS, "10.2.4-h16", .older, "10.2.5"),
        OrderingCase(.panOS, "10.2.9-h1", .older, "11.0.4-h1"),
        OrderingCase(.panOS, "9.1.19", .older, "10.1.0"),
        // -c builds are their own line inside a feature release.
        OrderingCase(.panOS, "10.1.6-c4", .older, "10.1.6-c5"),
        OrderingCase(.panOS, "10.1.6-c4", .older, "10.1.6-c4-h1"),
        OrderingCase(.panOS, "10.1.6-c4", .unknown(.variantMismatch), "10.1.6-h3"),
        OrderingCase(.panOS, "10.1.6-c4", .unknown(.variantMismatch), "10.1.14"),
        OrderingCase(.panOS, "10.1.6-c4", .older, "10.2.9-h1"),
    ])
    func orders(_ row: OrderingCase) throws {
        try expectOrdering(row)
    }

    @Test func ascending() throws {
        try expectAscending(.panOS, ["10.2.4", "10.2.4-h4", "10.2.4-h16", "10.2.5", "10.2.9", "10.2.9-h1", "10.2.10", "11.0.0", "11.1.2-h3"])
    }
}

@Suite struct SonicOSVersionTests {
    @Test(arguments: ["7.0.1-5145", "6.5.4.4-44n", "6.5.4.15-116n", "7.1.1-7047", "7.0.1"])
    func parses(_ text: String) throws {
        _ = try FirmwareVersion(text, scheme: .sonicOS)
    }

    @Test(arguments: ["7.0", "7.0.1-", "7.0.1-R5145", "SonicOS 7.0.1-5145"])
    func rejects(_ text: String) {
        expectMalformed(.sonicOS, text)
    }

    @Test(arguments: [
        OrderingCase(.sonicOS, "6.5.4.4-44n", .older, "6.5.4.15-116n"),
        OrderingCase(.sonicOS, "6.5.4.15-116n", .older, "7.0.1-5145"),
        OrderingCase(.sonicOS, "7.0.1-5145", .older, "7.0.1-5161"),
        OrderingCase(.sonicOS, "7.0.1", .same, "7.0.1-5145"),
        OrderingCase(.sonicOS, "7.1.1-7047", .newer, "7.0.1-5161"),
    ])
    func orders(_ row: OrderingCase) throws {
        try expectOrdering(row)
    }
}
