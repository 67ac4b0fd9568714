import Devices
import Foundation
import SNMP
import Testing

/// Identification of every recording of real devices in snmpsim-data (PyPI), served by
/// `netwarden simulate`: each recording's vendor, kind, model and version, written here from the
/// recording's own values (sysDescr, sysObjectID, ENTITY-MIB, vendor MIBs), pin the rules in
/// config/identification.yaml. Any change in what a recording identifies as fails the test.
@Suite(.enabled(if: Lab.peersAvailable && Lab.snmpsimAvailable, "needs root and snmpsim-data (`scripts/install-deps.sh --peers`)"))
struct IdentificationTableTests {
    struct Expected: Equatable, CustomStringConvertible {
        let vendor: String?, kind: DeviceKind?, model: String?, version: String?
        init(_ vendor: String?, _ kind: DeviceKind?, _ model: String?, _ version: String?) {
            (self.vendor, self.kind, self.model, self.version) = (vendor, kind, model, version)
        }
        var description: String { "\(vendor ?? "-") | \(kind?.rawValue ?? "-") | \(model ?? "-") | \(version ?? "-")" }
    }

    static let expected: [String: Expected] = [
        "01": .init("Venustech", .firewall, nil, nil),
        "02": .init("Cisco Systems", .switch, nil, nil),
        "03": .init("Cisco Systems", .switch, nil, nil),
        "XP": .init("Microsoft", .server, nil, "5.1"),
        "apc-7902b": .init("APC", .pdu, "AP7902B", "6.7.2"),
        "apc-8641": .init("APC", .pdu, "AP8641", "6.7.2"),
        "apc-8932": .init("APC", .pdu, "AP8932", "6.7.2"),
        "arista-dcs-7150s-52-cl": .init("Arista", .switch, "DCS-7150S-52-CL", "4.20.5F"),
        "aruba-7010": .init("Aruba", .wirelessController, "Aruba7010", "8.3.0.0"),
        "aruba-7020": .init("Aruba", .wirelessController, "Aruba7010", "8.3.0.0"),
        "aruba-7210": .init("Aruba", .wirelessController, "Aruba7210", "6.5.1.6"),
        "bdcom-s5612": .init("BDCOM", .switch, "S5612", "2.1.1B"),
        "brocade-ds-5100b": .init("Brocade", .switch, "DS_5100B", nil),
        "brocade-fiber-channel": .init("Brocade", .switch, "Brocade6510", nil),
        "brocade-icx6430-24": .init("Brocade", .switch, "ICX6430-24", "08.0.30tT311"),
        "brocade-unknown-001": .init("Brocade", .switch, "SNS2124", "7.2.1"),
        "cisco-c3560": .init("Cisco", .switch, "WS-C3560G-48TS-E", "12.2(55)SE3"),
        "cisco-c3750": .init("Cisco", .switch, "WS-C3750G-12S-S", "12.2(50)SE5"),
        "cisco-controller": .init("Cisco", .wirelessController, nil, nil),
        "cisco-n5000": .init("Cisco", .switch, "N5K-C5548UP", "6.0(2)N2(3)"),
        "cisco-n5000-uk9": .init("Cisco", .switch, "N5K-C5548UP", "6.0(2)N2(3)"),
        "cisco-ucs-6100": .init("Cisco", .switch, "UCS-FI-6248UP", "5.2(3)N2(2.28g)"),
        "cisco-ucs-6100-k9": .init("Cisco", .switch, "UCS-FI-6248UP", "5.2(3)N2(2.28g)"),
        "cisco-unknown-01": .init("Cisco", .switch, "WS-C6509-E", nil),
        "cisco-unmarked-0": .init("Cisco", .switch, nil, nil),
        "clavister-amaranten": .init("Clavister", .firewall, nil, "8.90.07.01-11595"),
        "cts-media-converter": .init("Connection Technology Systems", .switch, nil, nil),
        "dcrs-5980-28t-dc": .init("Digital China", .switch, "DCRS-5980-28T-DC", "7.0.3.1(B0232.0031)"),
        "dcs-3726c": .init("Digital China", .switch, "DCS-3726S", nil),
        "dlink-des3038": .init("D-Link", .switch, "DES-3028", nil),
        "dlink-des3200": .init("D-Link", .switch, "DES-3200-18", nil),
        "dptech-dpx800-a5": .init("DPtech", .firewall, "DPX8000-A5", "S111C011D007P02PATCH03"),
        "eastpower-istars-swv053": .init("East Power", .ups, nil, nil),
        "eaton-93e-80": .init("Eaton", .ups, "93E 80", nil),
        "eaton-9px-partial": .init("Eaton", .ups, nil, nil),
        "emerson-network-power": .init("Vertiv", .ups, nil, nil),
        "empirical-hw-mgmt": .init("Huawei", .server, "iBMC", nil),
        "fortinet-xcu": .init("Fortinet", .firewall, "FGT_3000D", "v5.4.5,build1138"),
        "geist-temperature-sensor": .init("Vertiv", .other, nil, nil),
        "h3c-comware-7-1-075": .init("H3C", .router, "H3C SR8808-X", "7.1.075, Release 7751P01"),
        "h3c-comware-lsq1wcmd0": .init("H3C", .wirelessController, nil, "2509P61"),
        "h3c-comware-lsq1wcmd0-2509p61": .init("H3C", .wirelessController, "LSQ1WCMD0", "2509P61"),
        "h3c-e528-1": .init("H3C", .switch, "H3C Switch E528", "5.20, Release 1513P62"),
        "h3c-e528-2": .init("H3C", .switch, "H3C Switch E528", "5.20, Release 1513P62"),
        "h3c-wx6103": .init("H3C", .wirelessController, "H3C WX6103", "2509P33"),
        "hikvision": .init("Hikvision", .camera, "DS-2CD4C36FWD-AP", "V5.5.80 build 190131"),
        "hikvision-network-video-recorder": .init("Hikvision", .camera, nil, nil),
        "hp-onboard-administrator": .init("HP", .server, "Onboard Administrator", nil),
        "hpe-procurve-516733-b21": .init("HP", .switch, "516733-B21", "Z.14.31"),
        "huawei-acu2": .init("Huawei", .wirelessController, "ACU2", "V200R007C20SPC200"),
        "huawei-gse200m": .init("Huawei", .ups, "UPS5000-E", "D1.0"),
        "huawei-ism": .init("Huawei", .storage, "OceanStor ISM", nil),
        "huawei-s12704": .init("Huawei", .switch, "S12704", "V200R012C00SPC500"),
        "huawei-s5720": .init("Huawei", .switch, "S5720-36C-EI-AC", "V200R007C00SPC500"),
        "huawei-unknown-001": .init("Huawei", .switch, "ME60-X8 frame", "5.160"),
        "huawei-unknown-002": .init("Huawei", .switch, "ME60-X8 frame", "5.160"),
        "ibm-power-chrp": .init("IBM", .server, nil, nil),
        "ibm-x3550-m3": .init("IBM", .server, nil, "2.6.16.46-353"),
        "infosec-nsae-6500": .init("China Infosec", .server, nil, nil),
        "ingrasys-power-switch": .init("Ingrasys", .pdu, "WebPower Pro II Mini Card", "5.27"),
        "isilon-onefs": .init("Dell EMC Isilon", .storage, nil, "7.2.1.0"),
        "juniper-ac": .init("Juniper", .wirelessController, nil, nil),
        "juniper-mx960-12-3r6-6": .init("Juniper", .router, "mx960", "12.3R6.6"),
        "juniper-mx960-13-3r9-13": .init("Juniper", .router, "mx960", "13.3R9.13"),
        "juniper-mx960-16-1r6-7-a": .init("Juniper", .router, "mx960", "16.1R6.7"),
        "juniper-mx960-16-1r6-7-b": .init("Juniper", .router, "mx960", "16.1R6.7"),
        "juniper-wlc2800": .init("Juniper", .wirelessController, "WLC2800", "9.0.3.5"),
        "legend-holdings-firewall": .init("Legend Holdings", .firewall, nil, nil),
        "legend-holdings-firewall-2": .init("Legend Holdings", .firewall, nil, nil),
        "maipu-sm4200-16gef8ge-ac": .init("Maipu", .switch, "SM4200-16GEF8GE-AC", "6.0.222.39"),
        "meru-networks-controller": .init("Meru Networks", .wirelessController, nil, nil),
        "metel-poe-box": .init("METEL", .switch, "2G-2S.0.2.F-BOX-PoE", "60.7050"),
        "netapp-fas3270": .init("NetApp", .storage, nil, "8.2.3"),
        "netapp-ontap-8-2-3": .init("NetApp", .storage, nil, "8.2.3"),
        "netentsec-ngfw": .init("Netentsec", .firewall, "NGFW", nil),
        "netmanage": .init("NetManage", .switch, "H3C Switch E528", "5.20 Release 1513P62"),
        "network-research-squid": .init("Squid", .server, nil, nil),
        "nsfocus-ads": .init("NSFOCUS", .firewall, "ADS", nil),
        "nsfocus-osms": .init("NSFOCUS", .server, "OSMS", nil),
        "paloalto-pa-5000": .init("Palo Alto Networks", .firewall, "PA-5050", "8.0.1"),
        "phoenixtec-power": .init("Phoenixtec", .ups, nil, nil),
        "ruckus-smartcell-gateway": .init("Ruckus", .wirelessController, "SmartCell Gateway", nil),
        "ruijie-m18000": .init("Ruijie", .switch, "M18000-WS-ED", nil),
        "ruijie-n18010": .init("Ruijie", .switch, "N18010", nil),
        "ruijie-s5750-24gt12sfp": .init("Ruijie", .switch, "S5750-24GT/12SFP", "10.4(3)p4"),
        "samsung-ipolis": .init("Samsung", .camera, "iPolis", nil),
        "sangfor": .init("Sangfor", .firewall, nil, "2.4.35.4-AC1.95"),
        "sangfor-ad1800-fp2": .init("Sangfor", .server, "AD-1800-FP2", "2.6.30"),
        "sangfor-vad1": .init("Sangfor", .server, "vAD1", "2.6.30"),
        "sangfor-wac": .init("Sangfor", .wirelessController, nil, nil),
        "sangfor-wac-2": .init("Sangfor", .wirelessController, nil, nil),
        "semac-ipcam-500": .init(nil, .camera, nil, "2.6.18_pro500-davinci"),
        "server-2003-5-2": .init("Microsoft", .server, nil, "5.2"),
        "slackware": .init(nil, .server, nil, "2.6.21.5-smp"),
        "topsec-ngfw4000-uf": .init("Topsec", .firewall, "NGFW4000-UF", "V3.2073N.2060N_NGFW.1"),
        "tripplite-poweralert": .init("Tripp Lite", .ups, nil, "15.5.4"),
        "ubiquiti-m5": .init("Ubiquiti", .accessPoint, "NanoStation M5", "5.6"),
        "ucdavis-sic": .init("Vertiv", .ups, nil, "2.4.20_mvl31-integrator"),
        "unknown-001": .init(nil, .server, nil, "2.6.32-573.el6.x86_64"),
        "unknown-002": .init("Raytheon Technologies", .server, nil, "3.2.60"),
        "unknown-003": .init(nil, .server, nil, "3.0.36-cos"),
        "unknown-004": .init(nil, .server, nil, "3.0.36-cos"),
        "unknown-005": .init("Sangfor", .firewall, nil, "2.4.32-web100-bic"),
        "unknown-006": .init(nil, .server, nil, "3.10.0-514.el7.x86_64"),
        "unknown-007": .init("MacroSAN", .storage, nil, "2.6.32-504.16.2.b2.20"),
        "unknown-008": .init("Sangfor", .firewall, nil, "2.4.32-web100-bic"),
        "venus-unknown-001": .init("Venustech", .firewall, nil, nil),
        "venus-vsos-v0600r0705b20180507": .init("Venustech", .firewall, nil, "V0600R0705B20180507"),
        "venus-vsos-v070060600": .init("Venustech", .firewall, nil, "V0700R0600"),
        "vertiv-power": .init("Vertiv", .ups, nil, nil),
        "vss-monitoring-optimizer-2400-span": .init("Netscout Systems", nil, nil, nil),
        "vyatta-unknown": .init("Vyatta", .router, nil, nil),
        "wds-ips-1022": .init("WRD Technology", .firewall, "IPS-1022", nil),
        "zte-embsys-cgel": .init("ZTE", nil, nil, "2.6.32.41-EMBSYS-CGEL-4.01.20.P0.F0"),
        "zte-zrx10": .init("ZTE", .switch, "ZXR10 9908", "V1.01.10.B19P06"),
        "zte-zxr10-5250": .init("ZTE", .switch, "ZXR10 5250-52TM-H", "V2.05.11B19"),
    ]

    @Test func everyRecordingIdentifiesAsPinned() async throws {
        let root = try Lab.run([Lab.packageRoot.appendingPathComponent("scripts/lab/snmpsim-lab").path, "root"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!root.isEmpty)
        let simulate = Process()
        simulate.executableURL = URL(fileURLWithPath: Lab.netwarden)
        simulate.arguments = ["simulate", "--recordings", root, "--listen", "127.0.0.1:21391"]
        simulate.standardError = FileHandle.nullDevice
        try simulate.run()
        defer { Lab.stop(simulate) }

        let rules = try IdentificationRules.loadWithRegistries(files: [Lab.packageRoot.appendingPathComponent("config/identification.yaml").path])
        let identifier = DeviceIdentifier(rules: rules)
        let client = try await SNMPClient()
        // Communities are the recordings' paths under the data folder (network/switch/cisco-c3560).
        let communities = try FileManager.default.subpathsOfDirectory(atPath: root)
            .filter { $0.hasSuffix(".snmprec") || $0.hasSuffix(".snmprec.bz2") }
            .map { $0.replacingOccurrences(of: ".bz2", with: "").replacingOccurrences(of: ".snmprec", with: "") }
        #expect(communities.count >= 116)
        // Decompressing and loading 1.4 GB of recordings takes a while in a debug build.
        let probe = try await client.agent("127.0.0.1", port: 21391, security: CommunitySecurity(communities[0]),
                                           options: .init(retry: RetryPolicy(timeout: .seconds(2), retries: 0)))
        var ready = false
        for _ in 0..<150 where !ready {
            ready = (try? await probe.get([OID("1.3.6.1.2.1.1.3.0")])) != nil
            if !ready { try await Task.sleep(for: .seconds(2)) }
        }
        #expect(ready, "netwarden simulate did not answer within 300 s")

        var found: [String: DeviceIdentity] = [:]
        try await withThrowingTaskGroup(of: (String, DeviceIdentity).self) { group in
            for community in communities {
                group.addTask {
                    let agent = try await client.agent("127.0.0.1", port: 21391, security: CommunitySecurity(community),
                                                       options: .init(retry: RetryPolicy(timeout: .seconds(5), retries: 2)))
                    return (String(community.split(separator: "/").last!), try await identifier.identify(agent))
                }
            }
            for try await (name, identity) in group { found[name] = identity }
        }
        await client.shutdown()

        var known = 0
        var summary = ""
        for name in found.keys.sorted() {
            let identity = found[name]!
            let got = Expected(identity.vendor, identity.kind, identity.model, identity.version)
            summary += "\(name): \(got)\n"
            #expect(Self.expected[name] == got, "\(name): expected \(Self.expected[name].map(String.init(describing:)) ?? "no entry"), got \(got)")
            #expect(identity.roundTrips <= 3, "\(name) took \(identity.roundTrips) round trips")
            if identity.vendor != nil, let kind = identity.kind, kind != .other { known += 1 }
        }
        let share = Double(known) / Double(max(found.count, 1))
        print("identification: \(known) of \(found.count) recordings (\(Int(share * 100))%) have a vendor and a kind\n" + summary)
        #expect(found.count == Self.expected.count)
        #expect(share >= 0.9)
    }
}
