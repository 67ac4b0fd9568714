import Devices
import Testing

@Suite struct SemanticVersionTests {
    @Test(arguments: ["1.2.3", "v1.2.3", "1.0.0-rc.1", "1.0.0-alpha.beta", "1.0.0+20130313144700", "1.0.0-beta+exp.sha.5114f85", "2.1", "3", "1.0.0-x-y-z.--"])
    func parses(_ text: String) throws {
        _ = try FirmwareVersion(text, scheme: .semantic)
    }

    @Test(arguments: ["", "  ", "1.2.3.4", "1.2.3-", "1.2.3+", "1.2.3-rc..1", "a.b.c", "1.2.3 beta"])
    func rejects(_ text: String) {
        expectMalformed(.semantic, text)
    }

    /// The precedence example of semver.org §11.
    @Test func specificationExample() throws {
        try expectAscending(.semantic, [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
            "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0",
        ])
    }

    @Test(arguments: [
        OrderingCase(.semantic, "1.0.0+build.1", .same, "1.0.0+build.2"),
        OrderingCase(.semantic, "v2.1", .same, "2.1.0"),
        OrderingCase(.semantic, "1.10.0", .newer, "1.9.0"),
        OrderingCase(.semantic, "1.0.0-rc.10", .newer, "1.0.0-rc.9"),
        OrderingCase(.semantic, "1.0.0-rc.01", .same, "1.0.0-rc.1"),
        OrderingCase(.semantic, "1.0.0-99999999999999999999", .older, "1.0.0-100000000000000000000"),
        OrderingCase(.semantic, "1.0.0-1", .older, "1.0.0-a"),
        OrderingCase(.semantic, "1.0.0-B", .older, "1.0.0-a"),  // ASCII order
    ])
    func orders(_ row: OrderingCase) throws {
        try expectOrdering(row)
    }
}

@Suite struct DottedVersionTests {
    @Test(arguments: [
        OrderingCase(.dotted, "6.7.2", .newer, "6.7.1"),
        OrderingCase(.dotted, "v6.7", .same, "6.7.0.0"),
        OrderingCase(.dotted, "10.0.17763", .newer, "6.3.9600"),
        OrderingCase(.dotted, "8.2.3", .older, "8.2.10"),
    ])
    func orders(_ row: OrderingCase) throws {
        try expectOrdering(row)
    }

    @Test(arguments: ["6.7.2a", "6..7", "6.7.", "x"])
    func rejects(_ text: String) {
        expectMalformed(.dotted, text)
    }
}

@Suite struct CrossSchemeTests {
    @Test func differentSchemesNeverOrder() throws {
        let ios = try FirmwareVersion("15.2(7)E3", scheme: .ciscoIOS)
        let nxos = try FirmwareVersion("9.3(10)", scheme: .ciscoNXOS)
        let sameTextOtherScheme = try FirmwareVersion("7.14.2", scheme: .dotted)
        let routerOS = try FirmwareVersion("7.14.2", scheme: .routerOS)
        for (lhs, rhs) in [(ios, nxos), (sameTextOtherScheme, routerOS)] {
            guard case .unknown(let why) = lhs.compare(to: rhs) else {
                Issue.record("\(lhs) and \(rhs) compared")
                continue
            }
            #expect(why.code == .schemeMismatch)
            #expect(lhs != rhs)
        }
    }

    /// Every scheme's own example parses, compares equal to itself, and no scheme's parser
    /// crashes on any other scheme's example.
    @Test(arguments: VersionScheme.allCases)
    func examples(_ scheme: VersionScheme) throws {
        let version = try FirmwareVersion(scheme.example, scheme: scheme)
        #expect(version.compare(to: version) == .same)
        for other in VersionScheme.allCases {
            _ = try? FirmwareVersion(other.example, scheme: scheme)
        }
    }

    /// Every prefix of a valid version is either a version or rejected; nothing traps.
    @Test(arguments: [
        (VersionScheme.ciscoIOS, "15.1(4)M12a"), (.ciscoNXOS, "5.2(3)N2(2.28g)"), (.junos, "22.4R2-S2.6-EVO"),
        (.fortiOS, "v7.2.8,build1639,240313 (GA.M)"), (.semantic, "1.0.0-beta+exp.sha.5114f85"),
        (.routerOS, "6.49.10 (long-term)"), (.arubaOS, "8.3.0.0 (64659)"),
    ])
    func prefixesNeverTrap(_ scheme: VersionScheme, _ text: String) {
        for length in 0...text.count {
            _ = try? FirmwareVersion(String(text.prefix(length)), scheme: scheme)
            _ = scheme.extract(from: String(text.prefix(length)))
        }
    }

    @Test func hugeNumbersAreRejectedNotOverflowed() {
        expectMalformed(.dotted, "99999999999999999999999.1")
        expectMalformed(.semantic, "1.2.99999999999999999999")
    }

    @Test func reversedSwapsOnlyTheOrder() {
        #expect(VersionComparison.older.reversed == .newer)
        #expect(VersionComparison.newer.reversed == .older)
        #expect(VersionComparison.same.reversed == .same)
        #expect(!VersionComparison.unknown(.init(.ambiguous, "x")).isKnown)
    }
}

@Suite struct VersionSchemeNameTests {
    @Test(arguments: [
        ("ciscoIOSXE", VersionScheme.ciscoIOSXE), ("ios-xe", .ciscoIOSXE), ("IOS XE", .ciscoIOSXE), ("nx-os", .ciscoNXOS),
        ("NXOS", .ciscoNXOS), ("ios", .ciscoIOS), ("junos", .junos), ("pan-os", .panOS), ("PANOS", .panOS),
        ("fortios", .fortiOS), ("routeros", .routerOS), ("arubaos-switch", .arubaOSSwitch), ("aos-cx", .arubaOSCX),
        ("semver", .semantic), ("unifi", .unifi), ("eos", .aristaEOS), ("asa", .ciscoASA), ("sonicos", .sonicOS),
    ])
    func names(_ name: String, _ scheme: VersionScheme) {
        #expect(VersionScheme(name: name) == scheme)
    }

    @Test func everyRawValueIsAName() {
        for scheme in VersionScheme.allCases {
            #expect(VersionScheme(name: scheme.rawValue) == scheme)
        }
        #expect(VersionScheme(name: "windows") == nil)
    }
}
