import Devices
import Foundation
import SNMPCodec
import Testing

/// Every rule in config/identification.yaml is pinned: the rules that recordings of real devices
/// exercise by `IdentificationTableTests` (end-to-end, snmpsim-data), the others here with the
/// sysDescr and sysObjectID their devices are documented to send.
@Suite struct ShippedRulesTests {
    static let path = #filePath.components(separatedBy: "/Tests/")[0] + "/config/identification.yaml"

    /// Rules whose matches the recordings of real devices pin (checked by IdentificationTableTests).
    static let pinnedByRecordings: Set<String> = [
        "apc-network-management-card", "apc-rack-pdu", "arista-eos", "arubaos", "bdcom", "brocade-fabric-os",
        "brocade-ironware", "cisco-catalyst", "cisco-catalyst-6500", "cisco-ios", "cisco-nx-os", "cisco-wireless-controller",
        "clavister-cos", "digital-china", "dlink", "dptech", "eaton-ups", "emerson-ups", "environment-sensor",
        "fortinet-fortigate", "h3c-comware", "h3c-router-sr8800", "h3c-wireless", "hikvision", "hikvision-camera",
        "hp-onboard-administrator", "hp-procurve", "huawei", "huawei-ibmc", "huawei-ism", "huawei-s-series",
        "huawei-switch", "huawei-ups", "huawei-vrp", "huawei-wlan-controller", "ibm-power", "ingrasys-webpower",
        "isilon-onefs", "juniper-junos", "juniper-wlc", "legend-firewall", "linux", "linux-ip-camera", "macrosan",
        "maipu", "meru-controller", "metel-poe", "netapp-ontap", "netentsec-ngfw", "nsfocus-ads", "nsfocus-management",
        "paloalto-panos", "ruckus-smartzone", "ruijie", "ruijie-switch", "ruijie-wireless", "samsung-camera",
        "sangfor-application-delivery", "sangfor-wireless", "squid", "topsec-ngfw", "tripplite-poweralert", "ubiquiti",
        "ubiquiti-airmax", "venus-vsos", "vyatta", "windows", "wrd-ips", "zte-switch", "zte-zxr10",
    ]

    struct Case: Sendable, CustomStringConvertible {
        let rule: String, sysObjectID: String, sysDescr: String, fetched: [String: String]
        let vendor: String?, kind: DeviceKind?, model: String?, os: String?, version: String?
        var description: String { rule }
    }

    static let cases: [Case] = [
        Case(rule: "cisco-ios-xe", sysObjectID: "1.3.6.1.4.1.9.1.2494",
             sysDescr: "Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4a, RELEASE SOFTWARE (fc3)",
             fetched: [:], vendor: "Cisco", kind: .switch, model: nil, os: "IOS-XE", version: "17.9.4a"),
        Case(rule: "cisco-isr", sysObjectID: "1.3.6.1.4.1.9.1.1047",
             sysDescr: "Cisco IOS Software, C2900 Software (C2900-UNIVERSALK9-M), Version 15.7(3)M8, RELEASE SOFTWARE (fc1)",
             fetched: [:], vendor: "Cisco", kind: .router, model: nil, os: "IOS", version: "15.7(3)M8"),
        Case(rule: "cisco-asa", sysObjectID: "1.3.6.1.4.1.9.1.2315", sysDescr: "Cisco Adaptive Security Appliance Version 9.16(4)19",
             fetched: [:], vendor: "Cisco", kind: .firewall, model: nil, os: "ASA", version: "9.16(4)19"),
        Case(rule: "juniper-srx", sysObjectID: "1.3.6.1.4.1.2636.1.1.1.2.133",
             sysDescr: "Juniper Networks, Inc. srx300 internet router, kernel JUNOS 21.4R3-S5.4, Build date: 2023-09-19 10:45:12 UTC",
             fetched: [:], vendor: "Juniper", kind: .firewall, model: "srx300", os: "Junos", version: "21.4R3-S5.4"),
        Case(rule: "juniper-ex", sysObjectID: "1.3.6.1.4.1.2636.1.1.1.2.63",
             sysDescr: "Juniper Networks, Inc. ex4300-48p Ethernet Switch, kernel JUNOS 21.4R3-S5.4, Build date: 2023-09-19",
             fetched: [:], vendor: "Juniper", kind: .switch, model: "ex4300-48p", os: "Junos", version: "21.4R3-S5.4"),
        Case(rule: "hp-printer", sysObjectID: "1.3.6.1.4.1.11.2.3.9.1",
             sysDescr: "HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD153,EEPROM JSI23900046,CIDATE 09/11/2019",
             fetched: [:], vendor: "HP", kind: .printer, model: nil, os: nil, version: nil),
        Case(rule: "printer-mib", sysObjectID: "1.3.6.1.4.1.2435.2.3.9.1", sysDescr: "Brother HL-L5100DN series printer",
             fetched: [:], vendor: "Brother", kind: .printer, model: nil, os: nil, version: nil),
        Case(rule: "sonicwall-sonicos", sysObjectID: "1.3.6.1.4.1.8741.1", sysDescr: "SonicWALL TZ 400 (SonicOS Enhanced 6.5.4.4-44n)",
             fetched: [:], vendor: "SonicWall", kind: .firewall, model: "TZ 400", os: "SonicOS", version: "6.5.4.4-44n"),
        Case(rule: "pfsense", sysObjectID: "1.3.6.1.4.1.12325.1.1.2.1.1",
             sysDescr: "pfSense fw.example.net 2.7.2-RELEASE FreeBSD 14.0-CURRENT amd64",
             fetched: [:], vendor: "Netgate", kind: .firewall, model: nil, os: "pfSense", version: nil),
        Case(rule: "opnsense", sysObjectID: "1.3.6.1.4.1.8072.3.2.8", sysDescr: "OPNsense fw 13.2-RELEASE-p7 FreeBSD amd64",
             fetched: [:], vendor: "Deciso", kind: .firewall, model: nil, os: "OPNsense", version: nil),
        Case(rule: "mikrotik-routeros", sysObjectID: "1.3.6.1.4.1.14988.1", sysDescr: "RouterOS CCR2004-16G-2S+",
             fetched: ["1.3.6.1.4.1.14988.1.1.4.4.0": "7.14.2", "1.3.6.1.4.1.14988.1.1.7.3.0": "HE708XYZ123"],
             vendor: "MikroTik", kind: .router, model: "CCR2004-16G-2S+", os: "RouterOS", version: "7.14.2"),
        Case(rule: "unifi", sysObjectID: "1.3.6.1.4.1.8072.3.2.10", sysDescr: "UAP-AC-Pro-Gen2 6.6.55.15189",
             fetched: [:], vendor: "Ubiquiti", kind: nil, model: "UAP-AC-Pro-Gen2", os: "UniFi", version: "6.6.55.15189"),
    ]

    @Test(arguments: cases) func rule(_ c: Case) throws {
        let rules = try IdentificationRules.load(files: [Self.path])
        var facts = IdentificationFacts()
        facts.sysObjectID = try OID(parsing: c.sysObjectID)
        facts.sysDescr = c.sysDescr
        for (oid, value) in c.fetched { facts.fetched[try OID(parsing: oid)] = .octetString(OctetString(value)) }
        let identity = rules.identify(facts)
        #expect(identity.matchedRules.contains(c.rule), "\(c.rule) did not match: \(identity.matchedRules)")
        #expect(identity.vendor == c.vendor)
        #expect(identity.kind == c.kind)
        #expect(identity.model == c.model)
        #expect(identity.os == c.os)
        #expect(identity.version == c.version)
    }

    @Test func everyRuleIsPinned() throws {
        let names = Set(try IdentificationRules.load(files: [Self.path]).rules.map(\.name))
        let pinned = Self.pinnedByRecordings.union(Self.cases.map(\.rule))
        #expect(names.subtracting(pinned).isEmpty, "rules with no pinning case: \(names.subtracting(pinned).sorted())")
        #expect(pinned.subtracting(names).isEmpty, "pinning cases for rules that are gone: \(pinned.subtracting(names).sorted())")
    }
}
