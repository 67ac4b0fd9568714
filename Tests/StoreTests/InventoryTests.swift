import Foundation
import Store
import Testing

struct InventoryTests {
    @Test func sameAddressInTwoTenantsIsTwoDevices() async throws {
        try await withStore { store, _ in
            let a = try await store.devices.ensureTenant("a")
            let b = try await store.devices.ensureTenant("b")
            #expect(try await store.devices.ensureTenant("a") == a)
            let siteA = try await store.devices.ensureSite(tenantID: a.id, name: "office")
            let siteB = try await store.devices.ensureSite(tenantID: b.id, name: "office")
            #expect(siteA.id != siteB.id)
            let d1 = try await store.devices.ensureDevice(siteID: siteA.id, address: "192.168.1.1", name: "gw", parentID: nil)
            let d2 = try await store.devices.ensureDevice(siteID: siteB.id, address: "192.168.1.1", name: "gw", parentID: nil)
            #expect(d1.id != d2.id)
            #expect(d1.tenantID == a.id && d2.tenantID == b.id)
            // Same site and address: the same device, name updated.
            let again = try await store.devices.ensureDevice(siteID: siteA.id, address: "192.168.1.1", name: "gw1", parentID: nil)
            #expect(again.id == d1.id && again.name == "gw1")
            #expect(try await store.devices.devices(tenantID: a.id, siteID: nil).map(\.id) == [d1.id])
            await #expect(throws: StoreError.notFound("site 999")) {
                _ = try await store.devices.ensureDevice(siteID: 999, address: "x", name: nil, parentID: nil)
            }
        }
    }

    @Test func seenReachabilityAndParent() async throws {
        try await withStore { store, _ in
            let parent = try await demoDevice(store, address: "10.0.0.1")
            let child = try await demoDevice(store, address: "10.0.0.2")
            #expect(try await store.devices.markSeen(deviceID: child.id, at: t0 - 60, sysUpTime: 500_000, credentialSet: "v3-admin") == nil)
            #expect(try await store.devices.markSeen(deviceID: child.id, at: t0, sysUpTime: 1_200, credentialSet: nil) == 500_000)
            try await store.devices.setParent(deviceID: child.id, parentID: parent.id)
            #expect(try await store.devices.setReachability(deviceID: child.id, .down, at: t0) == .unknown)
            #expect(try await store.devices.setReachability(deviceID: child.id, .down, at: t0 + 60) == .down)
            let seen = try #require(try await store.devices.device(id: child.id))
            #expect(seen.credentialSet == "v3-admin" && seen.lastSeen == t0 && seen.sysUpTime == 1_200 && seen.parentID == parent.id)
            #expect(seen.reachability == .down && seen.reachabilitySince == t0)  // unchanged state keeps its start
            await #expect(throws: StoreError.self) { try await store.devices.setParent(deviceID: child.id, parentID: child.id) }
        }
    }

    @Test func identityHistoryRowsOnlyOnChange() async throws {
        try await withStore { store, _ in
            let device = try await demoDevice(store)
            let v1 = DeviceIdentity(vendor: "Cisco", kind: "router", model: "C8300", serial: "FDO1", os: "IOS-XE", osVersion: "17.9.4")
            #expect(try await store.devices.recordIdentity(deviceID: device.id, v1, at: t0) == ["vendor", "kind", "model", "serial", "os", "os_version"])
            #expect(try await store.devices.recordIdentity(deviceID: device.id, v1, at: t0 + 300) == [])
            #expect(try await store.devices.recordIdentity(deviceID: device.id, v1, at: t0 + 600) == [])
            var v2 = v1
            v2.osVersion = "17.12.2"
            v2.sysLocation = "rack 4"
            #expect(try await store.devices.recordIdentity(deviceID: device.id, v2, at: t0 + 900) == ["os_version", "sys_location"])

            let history = try await store.devices.identityHistory(deviceID: device.id)
            #expect(history.count == 2)
            #expect(history[0].at == t0 && history[0].changed == [] && history[0].identity == v1)
            #expect(history[1].at == t0 + 900 && history[1].changed == ["os_version", "sys_location"] && history[1].identity == v2)
            #expect(try await store.devices.identity(deviceID: device.id) == v2)
        }
    }

    @Test func inventoryJoinsTenantSiteAndIdentity() async throws {
        try await withStore { store, _ in
            let device = try await demoDevice(store)
            _ = try await demoDevice(store, address: "10.0.0.9")
            try await store.devices.recordIdentity(deviceID: device.id, DeviceIdentity(vendor: "Juniper", serial: "JN1"), at: t0)
            let rows = try await store.devices.inventory(tenant: "acme", site: nil)
            #expect(rows.map(\.device.address) == ["10.0.0.1", "10.0.0.9"])
            #expect(rows[0].tenant == "acme" && rows[0].site == "hq" && rows[0].identity?.serial == "JN1")
            #expect(rows[1].identity == nil)
            #expect(try await store.devices.inventory(tenant: "other", site: nil).isEmpty)
        }
    }

    @Test func discoveredHostsAreNewOncePerSite() async throws {
        try await withStore { store, _ in
            let device = try await demoDevice(store)
            #expect(try await store.discovery.recordHost(siteID: device.siteID, ip: "10.0.0.50", mac: "AA:BB:CC:00:00:01", seenBy: "arp", at: t0))
            #expect(!(try await store.discovery.recordHost(siteID: device.siteID, ip: "10.0.0.50", mac: "aa:bb:cc:00:00:01", seenBy: "icmp", at: t0 + 60)))
            #expect(try await store.discovery.recordHost(siteID: device.siteID, ip: "10.0.0.51", mac: nil, seenBy: "icmp", at: t0))
            let hosts = try await store.discovery.hosts(siteID: device.siteID)
            #expect(hosts.count == 2)
            #expect(hosts[0].seenBy == ["arp", "icmp"] && hosts[0].firstSeen == t0 && hosts[0].lastSeen == t0 + 60)
            #expect(hosts[1].mac == "")
        }
    }

    @Test func passiveSightingsAreNewOncePerMACAndFillInAddresses() async throws {
        try await withStore { store, _ in
            let device = try await demoDevice(store)
            let site = device.siteID
            func sight(_ mac: String, _ ip: String?, _ by: String, name: String? = nil, at: Date = t0) async throws -> Bool {
                try await store.discovery.recordSighting(HostSighting(siteID: site, mac: mac, ip: ip, name: name, vendor: "Intel", seenBy: by, at: at))
            }
            // A DHCP DISCOVER without an address, then the same box's ARP with one: one host, new once.
            #expect(try await sight("00:1b:21:00:00:01", nil, "dhcp", name: "printer"))
            #expect(!(try await sight("00:1B:21:00:00:01", "10.0.0.60", "arp", at: t0 + 5)))
            #expect(!(try await sight("00:1b:21:00:00:01", "10.0.0.60", "arp", at: t0 + 9)))
            // The same box on a second address is a second row, not a new host.
            #expect(!(try await sight("00:1b:21:00:00:01", "10.0.0.61", "lldp")))
            // A scan's ICMP-only answer for an address: a MAC first heard there is that host.
            #expect(try await store.discovery.recordHost(siteID: site, ip: "10.0.0.70", mac: nil, seenBy: "icmp", at: t0))
            #expect(!(try await sight("00:1b:21:00:00:02", "10.0.0.70", "arp")))
            // Another MAC at an address already known with a MAC: another box.
            #expect(try await sight("00:1b:21:00:00:03", "10.0.0.60", "arp"))
            // The same MAC in another site is new there.
            let other = try await store.devices.ensureSite(tenantID: device.tenantID, name: "branch")
            #expect(try await store.discovery.recordSighting(HostSighting(siteID: other.id, mac: "00:1b:21:00:00:01", ip: nil, seenBy: "cdp", at: t0)))

            let hosts = try await store.discovery.hosts(siteID: site)
            #expect(hosts.map { "\($0.ip) \($0.mac)" } == ["10.0.0.60 00:1b:21:00:00:01", "10.0.0.60 00:1b:21:00:00:03",
                                                         "10.0.0.61 00:1b:21:00:00:01", "10.0.0.70 00:1b:21:00:00:02"])
            let first = hosts[0]
            #expect(first.seenBy == ["arp", "dhcp"] && first.name == "printer" && first.vendor == "Intel")
            #expect(first.firstSeen == t0 && first.lastSeen == t0 + 9)
            #expect(hosts[3].seenBy == ["arp", "icmp"])
        }
    }
}
