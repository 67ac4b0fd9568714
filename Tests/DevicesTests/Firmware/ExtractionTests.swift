import Devices
import Testing

/// A text a device reports and the version that should be found in it.
struct ExtractionCase: Sendable, CustomTestStringConvertible {
    let scheme: VersionScheme
    let text: String
    let expected: String?

    init(_ scheme: VersionScheme, _ text: String, _ expected: String?) {
        self.scheme = scheme
        self.text = text
        self.expected = expected
    }

    var testDescription: String { "\(scheme): \(text.prefix(60))" }
}

@Suite struct ExtractionTests {
    /// sysDescr values recorded from real devices, as shipped in the snmpsim-data 1.0.1
    /// recordings (network/switch, network/router, network/wifi, network/appliance, cloud, storage).
    static let recorded: [ExtractionCase] = [
        ExtractionCase(
            .ciscoIOS,
            "Cisco IOS Software, C3560 Software (C3560-IPSERVICESK9-M), Version 12.2(55)SE3, RELEASE SOFTWARE (fc1)\r\n"
                + "Technical Support: http://www.cisco.com/techsupport\r\nCopyright (c) 1986-2011 by Cisco Systems, Inc.\r\n"
                + "Compiled Thu 05-May-11 16:14 by prod_rel_team",
            "12.2(55)SE3"),
        ExtractionCase(
            .ciscoIOS, "Cisco IOS Software, C3750 Software (C3750-IPBASE-M), Version 12.2(50)SE5, RELEASE SOFTWARE (fc1)",
            "12.2(50)SE5"),
        ExtractionCase(
            .ciscoNXOS,
            "Cisco NX-OS(tm) n5000, Software (n5000-uk9), Version 6.0(2)N2(3), RELEASE SOFTWARE Copyright (c) 2002-2012 "
                + "by Cisco Systems, Inc. Device Manager Version 6.2(1),  Compiled 12/17/2013 2:00:00",
            "6.0(2)N2(3)"),
        ExtractionCase(
            .ciscoNXOS,
            "Cisco NX-OS(tm) ucs, Software (ucs-6100-k9-system), Version 5.2(3)N2(2.28g), RELEASE SOFTWARE Copyright (c) "
                + "2002-2013 by Cisco Systems, Inc.   Compiled 3/10/2017 14:00:00",
            "5.2(3)N2(2.28g)"),
        ExtractionCase(
            .junos,
            "Juniper Networks, Inc. mx960 internet router, kernel JUNOS 12.3R6.6, Build date: 2014-03-13 07:12:28 UTC "
                + "Copyright (c) 1996-2014 Juniper Networks, Inc.",
            "12.3R6.6"),
        ExtractionCase(
            .junos,
            "Juniper Networks, Inc. mx960 internet router, kernel JUNOS 16.1R6.7, Build date: 2017-11-22 02:47:00 UTC "
                + "Copyright (c) 1996-2017 Juniper Networks, Inc.",
            "16.1R6.7"),
        ExtractionCase(
            .aristaEOS, "Arista Networks EOS version 4.20.5F running on an Arista Networks DCS-7150S-52-CL", "4.20.5F"),
        ExtractionCase(.arubaOS, "ArubaOS (MODEL: Aruba7010), Version 8.3.0.0 (64659)", "8.3.0.0 (64659)"),
        ExtractionCase(.arubaOS, "ArubaOS (MODEL: Aruba7210), Version 6.5.1.6 (60228)", "6.5.1.6 (60228)"),
        ExtractionCase(
            .arubaOSSwitch,
            "ProCurve 516733-B21 6120XG Blade Switch, revision Z.14.31, ROM Z.14.09 "
                + "(/ws/swbuildm/ec_Z_zint4b_qaoff/code/build/vern(ec_Z_zint",
            "Z.14.31"),
        ExtractionCase(.dotted, "NetApp Release 8.2.3 7-Mode: Thu Jan 15 21:30:45 PST 2015", "8.2.3"),
        ExtractionCase(.panOS, "8.0.1", "8.0.1"),  // PAN-COMMON-MIB panSysSwVersion
    ]

    /// Strings written the way current devices report them (sysDescr, enterprise MIB version
    /// objects, and the version line of the CLI).
    static let written: [ExtractionCase] = [
        ExtractionCase(
            .ciscoIOS,
            "Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.2(7)E3, RELEASE SOFTWARE (fc2)\r\n"
                + "Technical Support: http://www.cisco.com/techsupport\r\nCopyright (c) 1986-2020 by Cisco Systems, Inc.\r\n"
                + "Compiled Tue 22-Dec-20 12:33 by prod_rel_team",
            "15.2(7)E3"),
        ExtractionCase(.ciscoIOS, "Version 15.2(7)E3, RELEASE SOFTWARE (fc2)", "15.2(7)E3"),
        ExtractionCase(
            .ciscoIOS,
            "Cisco Internetwork Operating System Software \r\nIOS (tm) C2600 Software (C2600-IK9O3S3-M), Version 12.3(26), "
                + "RELEASE SOFTWARE (fc2)\r\nTechnical Support: http://www.cisco.com/techsupport",
            "12.3(26)"),
        ExtractionCase(
            .ciscoIOS, "Cisco IOS Software, C2900 Software (C2900-UNIVERSALK9-M), Version 15.1(4)M12a, RELEASE SOFTWARE (fc1)",
            "15.1(4)M12a"),
        ExtractionCase(
            .ciscoIOS, "Cisco IOS Software, ASR1000 Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 15.5(3)S5, RELEASE SOFTWARE (fc2)",
            "15.5(3)S5"),
        ExtractionCase(
            .ciscoIOSXE,
            "Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4a, RELEASE SOFTWARE (fc3)\r\n"
                + "Technical Support: http://www.cisco.com/techsupport\r\nCopyright (c) 1986-2023 by Cisco Systems, Inc.",
            "17.9.4a"),
        ExtractionCase(.ciscoIOSXE, "Cisco IOS XE Software, Version 17.09.04a", "17.09.04a"),
        ExtractionCase(
            .ciscoIOSXE,
            "Cisco IOS Software, IOS-XE Software, Catalyst L3 Switch Software (CAT3K_CAA-UNIVERSALK9-M), Version 03.06.06E "
                + "RELEASE SOFTWARE (fc1)",
            "03.06.06E"),
        ExtractionCase(
            .ciscoIOSXE,
            "Cisco IOS Software, IOS-XE Software, Catalyst 4500 L3 Switch Software (cat4500e-UNIVERSALK9-M), Version "
                + "03.11.03a.E RELEASE SOFTWARE (fc3)",
            "03.11.03a.E"),
        ExtractionCase(
            .ciscoNXOS,
            "Cisco NX-OS(tm) nxos.9.3.10.bin, Software (nxos), Version 9.3(10), RELEASE SOFTWARE Copyright (c) 2002-2022 "
                + "by Cisco Systems, Inc. Compiled 6/20/2022 11:00:00",
            "9.3(10)"),
        ExtractionCase(
            .ciscoNXOS,
            "Cisco NX-OS(tm) n9000, Software (n9000-dk9), Version 7.0(3)I7(9), RELEASE SOFTWARE Copyright (c) 2002-2020 "
                + "by Cisco Systems, Inc. Compiled 8/27/2020 4:00:00",
            "7.0(3)I7(9)"),
        ExtractionCase(.ciscoNXOS, "  NXOS: version 10.3(4a) [Maintenance Release]", "10.3(4a)"),
        ExtractionCase(.ciscoASA, "Cisco Adaptive Security Appliance Version 9.16(4)19", "9.16(4)19"),
        ExtractionCase(
            .junos,
            "Juniper Networks, Inc. ex4300-48p Ethernet Switch, kernel JUNOS 21.4R3-S5.4, Build date: 2023-09-14 02:07:41 UTC "
                + "Copyright (c) 1996-2023 Juniper Networks, Inc.",
            "21.4R3-S5.4"),
        ExtractionCase(
            .junos,
            "Juniper Networks, Inc. srx300 internet router, kernel JUNOS 15.1X49-D200.5, Build date: 2020-01-30 05:23:43 UTC "
                + "Copyright (c) 1996-2020 Juniper Networks, Inc.",
            "15.1X49-D200.5"),
        ExtractionCase(.junos, "Junos: 22.4R2-S2.6-EVO", "22.4R2-S2.6-EVO"),
        ExtractionCase(.fortiOS, "v7.2.8,build1639,240313 (GA.M)", "v7.2.8,build1639,240313 (GA.M)"),  // fgSysVersion
        ExtractionCase(.fortiOS, "FortiGate-60F v7.2.8,build1639,240313 (GA.M)", "v7.2.8,build1639,240313 (GA.M)"),
        ExtractionCase(.fortiOS, "Version: FortiGate-100F v7.4.3,build2573,240201 (GA.F)", "v7.4.3,build2573,240201 (GA.F)"),
        ExtractionCase(.fortiOS, "FortiOS v7.2.8 build1639 (GA.M)", "v7.2.8 build1639 (GA.M)"),
        ExtractionCase(.panOS, "sw-version: 10.2.9-h1", "10.2.9-h1"),
        ExtractionCase(.panOS, "Palo Alto Networks PA-440 series firewall", nil),
        ExtractionCase(.routerOS, "                   version: 7.14.2 (stable)", "7.14.2 (stable)"),
        ExtractionCase(.routerOS, "6.49.10 (long-term)", "6.49.10 (long-term)"),  // mtxrLicVersion-style
        ExtractionCase(.routerOS, "RouterOS CCR2004-16G-2S+", nil),
        ExtractionCase(
            .arubaOSSwitch,
            "Aruba JL256A 2930F-48G-PoE+-4SFP+ Switch, revision WC.16.11.0012, ROM WC.16.01.0009 "
                + "(/ws/swbuildm/rel_venice_qaoff/code/build/anm(swbuildm_rel_venice_qaoff_rel_venice)) (Formerly ProCurve)",
            "WC.16.11.0012"),
        ExtractionCase(
            .arubaOSSwitch,
            "HP J9773A 2530-24G-PoEP Switch, revision YA.16.10.0012, ROM YA.15.20 "
                + "(/ws/swbuildm/rel_yakima_qaoff/code/build/lemans(swbuildm_rel_yakima_qaoff_rel_yakima)) (Formerly ProCurve)",
            "YA.16.10.0012"),
        ExtractionCase(.arubaOS, "ArubaOS (MODEL: 515), Version 8.10.0.6-8.10.0.6", "8.10.0.6"),
        ExtractionCase(.arubaOSCX, "Aruba JL658A 6300M 24SFP+ 4SFP56 Swch FL.10.10.1040", "FL.10.10.1040"),
        ExtractionCase(.aristaEOS, "Arista Networks EOS version 4.30.2F running on an Arista Networks DCS-7050SX3-48YC8", "4.30.2F"),
        ExtractionCase(.sonicOS, "SonicOS Enhanced 6.5.4.4-44n", "6.5.4.4-44n"),
        ExtractionCase(.sonicOS, "SonicWALL TZ 370 (SonicOS 7.0.1-5145)", "7.0.1-5145"),
        ExtractionCase(.unifi, "USW-24-PoE, 6.6.61.15220, Linux 3.6.5", "6.6.61.15220"),
        ExtractionCase(.unifi, "UAP-AC-Pro-Gen2 6.6.55.15189", "6.6.55.15189"),
        ExtractionCase(.semantic, "controller firmware v2.4.1-rc.2+b17, uptime 3d", "v2.4.1-rc.2+b17"),
    ]

    /// Texts in which a scheme must find nothing rather than something wrong.
    static let absent: [ExtractionCase] = [
        ExtractionCase(
            .ciscoIOS, "Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4a, RELEASE SOFTWARE (fc3)",
            nil),
        ExtractionCase(.ciscoIOSXE, "Cisco IOS Software, ASR1000 Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 15.5(3)S5, RELEASE SOFTWARE (fc2)", nil),
        ExtractionCase(.ciscoIOS, "Cisco Internetwork Operating System Software", nil),
        ExtractionCase(.junos, "Juniper Networks, Inc. mx960 internet router, Build date: 2014-03-13 07:12:28 UTC", nil),
        ExtractionCase(.ciscoIOS, "Linux 2.6.32.61 #1 Wed May 21 18:37:41 EEST 2014 mips", nil),
        ExtractionCase(.arubaOSSwitch, "Cisco IOS Software, C3750 Software (C3750-IPBASE-M), Version 12.2(50)SE5", nil),
        ExtractionCase(.dotted, "fc2 fw7 build 1639", nil),
        ExtractionCase(.unifi, "", nil),
    ]

    @Test(arguments: recorded + written + absent)
    func extracts(_ row: ExtractionCase) throws {
        let found = row.scheme.extract(from: row.text)
        #expect(found?.text == row.expected)
        if let found, let expected = row.expected {
            #expect(found == (try FirmwareVersion(expected, scheme: row.scheme)))
        }
    }

    @Test func extractVersionThrowsWhenAbsent() {
        #expect(throws: FirmwareError(.versionNotFound, "")) {
            try VersionScheme.junos.extractVersion(from: "Juniper Networks")
        }
    }

    @Test func markerVersionWinsOverEarlierTokens() {
        // The image file name comes first but the "Version" marker names the running software.
        let text = "Cisco NX-OS(tm) nxos.9.3.10.bin, Software (nxos), Version 9.3(10), RELEASE SOFTWARE"
        #expect(VersionScheme.ciscoNXOS.extract(from: text)?.text == "9.3(10)")
        // ROM before revision in the text: revision still wins.
        let swapped = "ROM WC.16.01.0009, revision WC.16.11.0012"
        #expect(VersionScheme.arubaOSSwitch.extract(from: swapped)?.text == "WC.16.11.0012")
    }

    @Test func veryLongTextsAreSearchedSafely() {
        let noise = String(repeating: "1.2(3)x ", count: 20_000)
        #expect(VersionScheme.ciscoIOS.extract(from: noise + "Version 15.2(7)E3") == nil)  // beyond 64 KiB
        #expect(VersionScheme.ciscoIOS.extract(from: "Version 15.2(7)E3 " + noise)?.text == "15.2(7)E3")
    }

    // MARK: - Guessing the scheme

    @Test(arguments: [
        ("Cisco NX-OS(tm) n5000, Software (n5000-uk9), Version 6.0(2)N2(3), RELEASE SOFTWARE", VersionScheme.ciscoNXOS, "6.0(2)N2(3)"),
        ("Cisco IOS Software, C3750 Software (C3750-IPBASE-M), Version 12.2(50)SE5, RELEASE SOFTWARE (fc1)", .ciscoIOS, "12.2(50)SE5"),
        ("Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4a, RELEASE SOFTWARE (fc3)", .ciscoIOSXE, "17.9.4a"),
        ("Cisco IOS Software, ASR1000 Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 15.5(3)S5, RELEASE SOFTWARE (fc2)", .ciscoIOS, "15.5(3)S5"),
        ("Cisco Adaptive Security Appliance Version 9.16(4)19", .ciscoASA, "9.16(4)19"),
        ("Juniper Networks, Inc. mx960 internet router, kernel JUNOS 13.3R9.13, Build date: 2016-03-01 08:56:00 UTC", .junos, "13.3R9.13"),
        ("Arista Networks EOS version 4.20.5F running on an Arista Networks DCS-7150S-52-CL", .aristaEOS, "4.20.5F"),
        ("ArubaOS (MODEL: Aruba7010), Version 8.3.0.0 (64659)", .arubaOS, "8.3.0.0 (64659)"),
        ("ProCurve 516733-B21 6120XG Blade Switch, revision Z.14.31, ROM Z.14.09", .arubaOSSwitch, "Z.14.31"),
        ("Aruba JL658A 6300M 24SFP+ 4SFP56 Swch FL.10.10.1040", .arubaOSCX, "FL.10.10.1040"),
        ("SonicWALL TZ 370 (SonicOS 7.0.1-5145)", .sonicOS, "7.0.1-5145"),
        ("USW-24-PoE, 6.6.61.15220, Linux 3.6.5", .unifi, "6.6.61.15220"),
    ])
    func fromSysDescr(_ sysDescr: String, _ scheme: VersionScheme, _ expected: String) {
        let version = FirmwareVersion.extract(fromSysDescr: sysDescr)
        #expect(version?.scheme == scheme)
        #expect(version?.text == expected)
    }

    @Test(arguments: [
        "Linux 2.6.32.61 #1 Wed May 21 18:37:41 EEST 2014 mips", "Hardware: x86 Family 6 Model 9 Stepping 5 AT/AT COMPATIBLE",
        "Palo Alto Networks PA-5000 series firewall", "Cisco Internetwork Operating System Software", "",
    ])
    func fromSysDescrWithoutVersion(_ sysDescr: String) {
        #expect(FirmwareVersion.extract(fromSysDescr: sysDescr) == nil)
    }
}
