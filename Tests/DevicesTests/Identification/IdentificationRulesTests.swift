@testable import Devices
import SNMPCodec
import Foundation
import Testing

@Suite struct IdentificationRulesTests {
    static let shipped = """
        vendors:
          9: Cisco
          318: { name: APC, kind: ups }
        rules:
          - name: cisco-ios
            match: { sys_object_id: 1.3.6.1.4.1.9, sys_descr: 'Cisco IOS Software' }
            os: IOS
            scheme: ciscoIOS
            version: { sys_descr: 'Version ([^ ,]+)' }
          - name: cisco-3560
            match: { sys_object_id: 1.3.6.1.4.1.9.1.617 }
            kind: switch
            model: WS-C3560G
          - name: apc-pdu
            match: { enterprise: 318, sys_descr: 'rpdu' }
            kind: pdu
            serial: [{ oid: 1.3.6.1.4.1.318.1.1.4.1.5.0 }, { sys_descr: 'SN: ?(\\S+)' }]
        """

    func facts(_ oid: String, _ descr: String) -> IdentificationFacts {
        var facts = IdentificationFacts()
        facts.sysObjectID = OID(stringLiteral: oid)
        facts.sysDescr = descr
        return facts
    }

    @Test func mostSpecificRuleWinsEachField() throws {
        let rules = try IdentificationRules.parse(Self.shipped, file: "shipped.yaml")
        let identity = rules.identify(facts("1.3.6.1.4.1.9.1.617", "Cisco IOS Software, C3560 Software, Version 12.2(55)SE3, RELEASE"))
        #expect(identity.vendor == "Cisco")
        #expect(identity.kind == .switch)
        #expect(identity.model == "WS-C3560G")
        #expect(identity.os == "IOS")
        #expect(identity.version == "12.2(55)SE3")
        #expect(identity.scheme == .ciscoIOS)
        #expect(identity.matchedRules == ["cisco-3560", "cisco-ios"])
    }

    @Test func aLaterFileOverridesAtEqualSpecificity() throws {
        let user = """
            rules:
              - name: my-3560
                match: { sys_object_id: 1.3.6.1.4.1.9.1.617 }
                model: Catalyst 3560G in the lab
            """
        let rules = try IdentificationRules.parse(Self.shipped, file: "a").merging(IdentificationRules.parse(user, file: "b"))
        let identity = rules.identify(facts("1.3.6.1.4.1.9.1.617", "Cisco IOS Software, Version 15.0(2)SE"))
        #expect(identity.model == "Catalyst 3560G in the lab")
        #expect(identity.kind == .switch)  // still from the shipped rule: the user's rule sets no kind
    }

    @Test func sourcesFallBackInOrderAndOIDSourcesAreRequested() throws {
        let rules = try IdentificationRules.parse(Self.shipped, file: "shipped.yaml")
        var device = facts("1.3.6.1.4.1.318.1.3.4.8", "APC Web/SNMP Management Card (AN1:apc_hw05_rpdu2g_672.bin SN: 5A1551F39430 MD:10/07/2018)")
        #expect(rules.requiredOIDs(for: device) == [OID("1.3.6.1.4.1.318.1.1.4.1.5.0")])
        #expect(rules.identify(device).serial == "5A1551F39430")
        device.fetched[OID("1.3.6.1.4.1.318.1.1.4.1.5.0")] = .octetString("FROM-MIB")
        let identity = rules.identify(device)
        #expect(identity.serial == "FROM-MIB")
        #expect(identity.kind == .pdu)
        #expect(identity.vendor == "APC")
    }

    @Test func toolkitSysObjectIDFallsBackToProbedEnterprise() throws {
        var device = facts("1.3.6.1.4.1.8072.3.2.10", "Linux gse 2.6.27")
        device.probedEnterprises = [2021, 318]
        #expect(device.enterprise == 318)
        let identity = try IdentificationRules.parse(Self.shipped, file: "x").identify(device)
        #expect(identity.vendor == "APC")
        #expect(identity.kind == .ups)  // the vendor table's kind
    }

    @Test func kindFromBehaviourWhenNoRuleNamesOne() throws {
        let rules = IdentificationRules()
        var bridge = IdentificationFacts()
        bridge.bridgeAddress = [0xe8, 0x04, 0x62, 0, 0, 1]
        #expect(rules.identify(bridge).kind == .switch)
        var host = IdentificationFacts()
        host.hasHostResources = true
        #expect(rules.identify(host).kind == .server)
        var layer3 = IdentificationFacts()
        layer3.sysServices = 0x04
        #expect(rules.identify(layer3).kind == .router)
        #expect(rules.identify(IdentificationFacts()).kind == nil)
    }

    @Test(arguments: [
        ("rules:\n  - name: x\n    match: { sys_objectid: 1.3.6.1 }\n", 3, "rules[0].match.sys_objectid", "unknown key 'sys_objectid'"),
        ("rules:\n  - name: x\n    match: { sys_object_id: one.two }\n", 3, "rules[0].match.sys_object_id", "not a numeric OID"),
        ("rules:\n  - name: x\n    match: { sys_descr: '([' }\n", 3, "rules[0].match.sys_descr", "not a valid regular expression"),
        ("rules:\n  - name: x\n    match: { enterprise: 9 }\n    kind: toaster\n", 4, "rules[0].kind", "unknown kind 'toaster'"),
        ("rules:\n  - name: x\n    match: { enterprise: 9 }\n    scheme: vms\n", 4, "rules[0].scheme", "unknown version scheme"),
        ("rules:\n  - name: x\n    kind: router\n", 2, "rules[0]", "needs a match"),
        ("vendors:\n  cisco: Cisco\n", 2, "vendors.cisco", "enterprise number"),
        ("rules:\n  - name: x\n    match: { enterprise: 9 }\n    model: { entity: colour }\n", 4, "rules[0].model.entity", "unknown ENTITY-MIB column"),
    ])
    func badFilesSayWhereAndWhat(text: String, line: Int, path: String, message: String) {
        #expect {
            _ = try IdentificationRules.parse(text, file: "rules.yaml")
        } throws: { error in
            guard let error = error as? DataFileError else { return false }
            return error.file == "rules.yaml" && error.line == line && error.path == path && error.message.contains(message)
        }
    }

    @Test func theShippedRulesLoad() throws {
        let path = #filePath.components(separatedBy: "/Tests/")[0] + "/config/identification.yaml"
        let rules = try IdentificationRules.load(files: [path])
        #expect(rules.rules.count > 50)
        #expect(rules.vendors[9]?.name == "Cisco")
    }

    @Test func registriesReadDebianCopies() throws {
        guard let enterprises = try? EnterpriseRegistry.load(), let ouis = try? OUIRegistry.load() else {
            #expect(!Lab.isCI, "CI installs libwireshark-data and ieee-data")
            return
        }
        #expect(enterprises.count > 50_000)
        #expect(enterprises[9] == "ciscoSystems")
        #expect(enterprises[2468] == "Ingrasys")
        #expect(ouis.organization(for: [0xe8, 0x04, 0x62, 1, 2, 3]) == "Cisco Systems")
        #expect(EnterpriseRegistry.shortName("Ruijie Networks Co., Ltd.") == "Ruijie Networks")
        #expect(EnterpriseRegistry.shortName("Clavister AB") == "Clavister")
    }
}

enum Lab {
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
}
