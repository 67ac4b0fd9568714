import Devices
import Testing

@Suite struct RouterOSVersionTests {
    @Test(arguments: ["7.14.2", "6.49.10 (long-term)", "7.14.2 (stable)", "7.15rc3", "7.15beta4", "7.15", "6.48.6", "7.16rc1 (testing)"])
    func parses(_ text: String) throws {
        _ = try FirmwareVersion(text, scheme: .routerOS)
    }

    @Test(arguments: ["7", "7.15rc", "7.15alpha1", "7.14.2.1", "7.14.2 (stable", "v7.14.2"])
    func rejects(_ text: String) {
        expectMalformed(.routerOS, text)
    }

    @Test(arguments: [
        OrderingCase(.routerOS, "7.14.2", .newer, "7.14.1"),
        OrderingCase(.routerOS, "7.14.10", .newer, "7.14.9"),
        OrderingCase(.routerOS, "7.15", .same, "7.15.0"),
        OrderingCase(.routerOS, "7.15beta4", .older, "7.15rc1"),
        OrderingCase(.routerOS, "7.15rc3", .older, "7.15"),
        OrderingCase(.routerOS, "7.15rc3", .newer, "7.14.3"),
        OrderingCase(.routerOS, "6.49.10 (long-term)", .older, "7.14.2 (stable)"),
        OrderingCase(.routerOS, "6.49.10 (long-term)", .same, "6.49.10"),
    ])
    func orders(_ row: OrderingCase) throws {
        try expectOrdering(row)
    }

    @Test func ascending() throws {
        try expectAscending(.routerOS, ["6.48.6", "6.49.10", "7.1", "7.1.5", "7.14.3", "7.15beta2", "7.15beta4", "7.15rc1", "7.15rc3", "7.15", "7.15.1"])
    }

    @Test func equalityFollowsTheNumbers() throws {
        #expect(try FirmwareVersion("7.15", scheme: .routerOS) == FirmwareVersion("7.15.0 (stable)", scheme: .routerOS))
        let set: Set = [try FirmwareVersion("7.15", scheme: .routerOS), try FirmwareVersion("7.15.0", scheme: .routerOS)]
        #expect(set.count == 1)
    }
}

@Suite struct ArubaOSSwitchVersionTests {
    @Test(arguments: [("WC.16.11.0012", "WC"), ("KB.16.10.0015", "KB"), ("K.15.18.0024", "K"), ("Z.14.31", "Z"), ("ya.16.10.0012", "YA")])
    func parses(_ text: String, platform: String) throws {
        #expect(try FirmwareVersion(text, scheme: .arubaOSSwitch).train == platform)
    }

    @Test(arguments: ["16.11.0012", "WC16.11.0012", "WCX.16.11.0012", "WC.16", "WC.16.11.0012.1"])
    func rejects(_ text: String) {
        expectMalformed(.arubaOSSwitch, text)
    }

    @Test(arguments: [
        OrderingCase(.arubaOSSwitch, "WC.16.11.0012", .newer, "WC.16.10.0015"),
        OrderingCase(.arubaOSSwitch, "WC.16.11.0012", .older, "WC.16.11.0013"),
        OrderingCase(.arubaOSSwitch, "WC.16.11.0012", .same, "WC.16.11.12"),
        OrderingCase(.arubaOSSwitch, "WC.16.11.0012", .same, "wc.16.11.0012"),
        OrderingCase(.arubaOSSwitch, "WC.16.11.0012", .unknown(.platformMismatch), "KB.16.11.0012"),
        OrderingCase(.arubaOSSwitch, "K.15.18.0024", .unknown(.platformMismatch), "KB.16.10.0015"),
        OrderingCase(.arubaOSSwitch, "YA.16.02.0012", .older, "YA.16.10.0001"),
    ])
    func orders(_ row: OrderingCase) throws {
        try expectOrdering(row)
    }
}

@Suite struct ArubaOSCXVersionTests {
    @Test(arguments: [("10.13.1000", nil), ("FL.10.13.1000", "FL"), ("LL.10.10.1040", "LL")] as [(String, String?)])
    func parses(_ text: String, platform: String?) throws {
        #expect(try FirmwareVersion(text, scheme: .arubaOSCX).train == platform)
    }

    @Test(arguments: ["10.13", "F.10.13.1000", "FL10.13.1000", "10.13.1000.1"])
    func rejects(_ text: String) {
        expectMalformed(.arubaOSCX, text)
    }

    @Test(arguments: [
        OrderingCase(.arubaOSCX, "10.13.1000", .newer, "10.13.0005"),
        OrderingCase(.arubaOSCX, "10.10.1040", .older, "10.13.1000"),
        OrderingCase(.arubaOSCX, "FL.10.13.1000", .same, "10.13.1000"),
        OrderingCase(.arubaOSCX, "FL.10.13.1000", .unknown(.platformMismatch), "GL.10.13.1000"),
    ])
    func orders(_ row: OrderingCase) throws {
        try expectOrdering(row)
    }
}

@Suite struct ArubaOSVersionTests {
    @Test(arguments: ["8.10.0.9", "8.3.0.0 (64659)", "6.5.1.6 (60228)", "8.6.0.4_74969", "8.10.0.9-FIPS", "8.10.0"])
    func parses(_ text: String) throws {
        _ = try FirmwareVersion(text, scheme: .arubaOS)
    }

    @Test(arguments: ["8.10", "8.10.0.9.1", "8.3.0.0 (64659", "8.10.0.9-FIPSX"])
    func rejects(_ text: String) {
        expectMalformed(.arubaOS, text)
    }

    @Test(arguments: [
        OrderingCase(.arubaOS, "8.10.0.9", .newer, "8.10.0.8"),
        OrderingCase(.arubaOS, "8.3.0.0 (64659)", .newer, "6.5.1.6 (60228)"),
        OrderingCase(.arubaOS, "8.3.0.0 (64659)", .same, "8.3.0.0"),
        OrderingCase(.arubaOS, "8.3.0.0 (64659)", .older, "8.3.0.0_64700"),
        OrderingCase(.arubaOS, "8.10.0", .same, "8.10.0.0"),
        OrderingCase(.arubaOS, "8.10.0.9-FIPS", .unknown(.variantMismatch), "8.10.0.9"),
    ])
    func orders(_ row: OrderingCase) throws {
        try expectOrdering(row)
    }
}

@Suite struct AristaEOSVersionTests {
    @Test(arguments: ["4.30.2F", "4.28.10.1M", "4.20.5F", "4.27.0F-24305004.4270F", "4.31.1"])
    func parses(_ text: String) throws {
        _ = try FirmwareVersion(text, scheme: .aristaEOS)
    }

    @Test(arguments: ["4.30", "4.30.2X", "4.30.2FF", "4.30.2F-"])
    func rejects(_ text: String) {
        expectMalformed(.aristaEOS, text)
    }

    @Test(arguments: [
        OrderingCase(.aristaEOS, "4.30.2F", .newer, "4.30.1F"),
        OrderingCase(.aristaEOS, "4.28.3M", .newer, "4.28.2F"),  // trains turn from F to M
        OrderingCase(.aristaEOS, "4.28.10M", .older, "4.28.10.1M"),
        OrderingCase(.aristaEOS, "4.28.10.1M", .older, "4.30.2F"),
        OrderingCase(.aristaEOS, "4.27.0F-24305004.4270F", .same, "4.27.0F"),
    ])
    func orders(_ row: OrderingCase) throws {
        try expectOrdering(row)
    }
}

@Suite struct UniFiVersionTests {
    @Test(arguments: ["6.6.55", "6.6.55.15189", "4.3.28.11361", "v4.0.6", "3.2.12"])
    func parses(_ text: String) throws {
        _ = try FirmwareVersion(text, scheme: .unifi)
    }

    @Test(arguments: ["6.6", "6.6.55.15189.1", "6.6.55-beta"])
    func rejects(_ text: String) {
        expectMalformed(.unifi, text)
    }

    @Test(arguments: [
        OrderingCase(.unifi, "6.6.55", .same, "6.6.55.15189"),
        OrderingCase(.unifi, "6.6.55.15189", .older, "6.6.65.15248"),
        OrderingCase(.unifi, "6.6.55.15189", .older, "6.6.55.15200"),
        OrderingCase(.unifi, "6.5.62", .older, "6.6.55"),
        OrderingCase(.unifi, "4.3.28.11361", .older, "6.6.55"),
        OrderingCase(.unifi, "6.6.100", .newer, "6.6.99"),
    ])
    func orders(_ row: OrderingCase) throws {
        try expectOrdering(row)
    }
}
