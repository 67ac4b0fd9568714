import Config
import Monitor
import Testing

/// Parents from LLDP/CDP neighbour tables: who hangs under whom, seen from a root.
@Suite struct InferredParentsTests {
    static func key(_ host: String, site: String = "hq") -> DeviceKey {
        DeviceKey(tenant: "acme", site: site, address: HostPort(host: host, port: 161))
    }
    static func member(_ host: String, _ name: String?, infers: Bool = true) -> InferredParents.Member {
        .init(key: key(host), sysName: name, infersParent: infers)
    }
    static func lldp(name: String? = nil, address: String? = nil) -> InferredParents.Advertised {
        .init(protocolName: "lldp", sysName: name, address: address)
    }

    // fw (gateway) — core — access-1 — ap-1, and access-2 on core. The core switch has the most
    // neighbours, but the gateway is the root.
    static let members = [
        member("10.0.0.1", "fw"), member("10.0.0.2", "core"), member("10.0.0.3", "access-1"),
        member("10.0.0.4", "access-2"), member("10.0.0.5", "ap-1"),
    ]
    static let tables: [DeviceKey: [InferredParents.Advertised]] = [
        key("10.0.0.2"): [lldp(name: "fw.acme.local"), lldp(address: "10.0.0.3"), lldp(name: "ACCESS-2")],
        key("10.0.0.3"): [lldp(name: "core"), lldp(name: "ap-1"), lldp(name: "someone's laptop")],
    ]

    @Test func aDeviceHangsUnderItsNeighbourOneStepCloserToTheGateway() {
        let parents = InferredParents(members: Self.members, tables: Self.tables, gateway: Self.key("10.0.0.1")).parents
        #expect(parents[Self.key("10.0.0.1")] == nil)
        #expect(parents[Self.key("10.0.0.2")]?.key == Self.key("10.0.0.1"))
        #expect(parents[Self.key("10.0.0.3")]?.key == Self.key("10.0.0.2"))
        #expect(parents[Self.key("10.0.0.4")]?.key == Self.key("10.0.0.2"))
        // ap-1 advertises nothing (an AP without LLDP-MIB): access-1's table is enough.
        #expect(parents[Self.key("10.0.0.5")]?.key == Self.key("10.0.0.3"))
        #expect(parents[Self.key("10.0.0.5")]?.via == "lldp")
    }

    @Test func withoutAGatewayTheBestConnectedDeviceIsTheRoot() {
        let parents = InferredParents(members: Self.members, tables: Self.tables, gateway: nil).parents
        #expect(parents[Self.key("10.0.0.2")] == nil)
        #expect(parents[Self.key("10.0.0.1")]?.key == Self.key("10.0.0.2"))
        #expect(parents[Self.key("10.0.0.5")]?.key == Self.key("10.0.0.3"))
    }

    @Test func namesMatchWithoutCaseDomainOrTheSerialCDPAppends() {
        let members = [Self.member("10.0.0.1", "Core-SW.example.net"), Self.member("10.0.0.2", "edge")]
        let tables = [Self.key("10.0.0.2"): [InferredParents.Advertised(protocolName: "cdp", sysName: "core-sw(FOC1234X0AB)", address: nil)]]
        let parents = InferredParents(members: members, tables: tables, gateway: Self.key("10.0.0.1")).parents
        #expect(parents[Self.key("10.0.0.2")] == .init(key: Self.key("10.0.0.1"), via: "cdp"))
    }

    @Test func aRedundantlyConnectedSwitchHangsUnderTheBetterConnectedUplink() {
        // core-a has three neighbours, core-b two: the access switch uplinked to both hangs under core-a.
        let members = [Self.member("10.0.0.1", "fw"), Self.member("10.0.0.2", "core-b"), Self.member("10.0.0.3", "core-a"),
                       Self.member("10.0.0.4", "access"), Self.member("10.0.0.5", "printer")]
        let tables = [
            Self.key("10.0.0.1"): [Self.lldp(name: "core-a"), Self.lldp(name: "core-b")],
            Self.key("10.0.0.4"): [Self.lldp(name: "core-a"), Self.lldp(name: "core-b")],
            Self.key("10.0.0.3"): [Self.lldp(name: "printer")],
        ]
        for _ in 0..<3 {  // not a matter of dictionary order
            let parents = InferredParents(members: members.shuffled(), tables: tables, gateway: Self.key("10.0.0.1")).parents
            #expect(parents[Self.key("10.0.0.4")]?.key == Self.key("10.0.0.3"))
            #expect(parents[Self.key("10.0.0.2")]?.key == Self.key("10.0.0.1"))
        }
    }

    @Test func configuredParentsAndParentNoneAreNeverOverridden() {
        var members = Self.members
        members[2].infersParent = false  // access-1: `parent: none` or a parent in the config
        let parents = InferredParents(members: members, tables: Self.tables, gateway: Self.key("10.0.0.1")).parents
        #expect(parents[Self.key("10.0.0.3")] == nil)
        #expect(parents[Self.key("10.0.0.5")]?.key == Self.key("10.0.0.3"))
    }

    @Test func anInferenceThatWouldCloseALoopWithTheConfigIsDropped() {
        // The config hangs the firewall under access-1; inferring access-1 → core → fw would loop.
        var members = Self.members
        members[0].infersParent = false
        let parents = InferredParents(members: members, tables: Self.tables, gateway: Self.key("10.0.0.1"),
                                      configuredParents: [Self.key("10.0.0.1"): Self.key("10.0.0.3")]).parents
        #expect(parents[Self.key("10.0.0.2")] == nil)
        #expect(parents[Self.key("10.0.0.5")]?.key == Self.key("10.0.0.3"))
    }

    @Test func separateIslandsEachGetTheirOwnRootAndUnmanagedNeighboursAreIgnored() {
        let members = [Self.member("10.0.0.1", "a"), Self.member("10.0.0.2", "b"), Self.member("10.0.1.1", "c"),
                       Self.member("10.0.1.2", "d"), Self.member("10.0.1.3", "e")]
        let tables = [
            Self.key("10.0.0.2"): [Self.lldp(name: "a"), Self.lldp(address: "192.0.2.9")],
            Self.key("10.0.1.1"): [Self.lldp(name: "d"), Self.lldp(name: "e")],
        ]
        let parents = InferredParents(members: members, tables: tables, gateway: nil).parents
        #expect(parents.count == 3)
        #expect(parents[Self.key("10.0.1.2")]?.key == Self.key("10.0.1.1"))
        #expect(parents[Self.key("10.0.1.3")]?.key == Self.key("10.0.1.1"))
        // a and b: one neighbour each; the lower address is the root.
        #expect(parents[Self.key("10.0.0.2")]?.key == Self.key("10.0.0.1"))
    }
}
