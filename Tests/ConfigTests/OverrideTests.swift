import Config
import Foundation
import Testing

/// Built-in defaults, then `defaults`, tenant, site and device: each level sets only its keys.
struct OverrideTests {
    static let yaml = """
        credentials:
          a: { version: v2c, community: community-a }
          b: { version: v2c, community: community-b }
          c: { version: v1, community: community-c }
        defaults:
          credentials: [a]
          polling: { interval: 120s, retries: 3 }
          alerts:
            device_down: { after: 4 }
            thresholds: { cpu: { warn: 70, critical: 90 } }
          maintenance:
            - weekly: { days: [sun], start: "03:00", duration: 1h }
        tenants:
          - name: acme
            credentials: [b, a]
            polling: { interval: 30s }
            alerts:
              thresholds: { cpu: { critical: 80 } }
            sites:
              - name: hq
                gateway: core
                polling: { timeout: 5s, icmp: false }
                alerts:
                  flapping: { changes: 3, within: 5m }
                maintenance:
                  - once: { from: 2030-01-01T00:00:00Z, to: 2030-01-01T02:00:00Z }
                devices:
                  - address: 10.0.0.1
                    name: core
                    polling: { max_repetitions: 10, max_in_flight: 2 }
                    alerts:
                      thresholds: { cpu: { hysteresis: 2 }, storage: { enabled: false } }
                  - address: 10.0.0.2
                    parent: core
                    credentials: [c]
              - name: branch
                devices:
                  - address: 10.0.0.1
                    parent: hq/10.0.0.1
                  - address: 10.0.0.2
                    parent: none
          - name: other
            sites: [{ name: hq, devices: [{ address: 10.0.0.1 }] }]
        """

    func settings(_ tenant: String, _ site: String, _ address: String) throws -> EffectiveDeviceSettings {
        let config = try Fixture.config(Self.yaml)
        let key = DeviceKey(tenant: tenant, site: site, address: HostPort(host: address, port: 161))
        return try #require(config.settings(for: key))
    }

    @Test func deviceSettingsLayerKeyByKey() throws {
        let core = try settings("acme", "hq", "10.0.0.1")
        #expect(core.polling.interval == .seconds(30))      // tenant
        #expect(core.polling.timeout == .seconds(5))        // site
        #expect(core.polling.retries == 3)                  // defaults
        #expect(core.polling.maxRepetitions == 10)          // device
        #expect(core.polling.maxInFlight == 2)              // device
        #expect(core.polling.icmp == false)                 // site
        #expect(core.alerts.deviceDown.after == 4)          // defaults
        #expect(core.alerts.thresholds.cpu.warn == 70)      // defaults
        #expect(core.alerts.thresholds.cpu.critical == 80)  // tenant
        #expect(core.alerts.thresholds.cpu.hysteresis == 2) // device
        #expect(core.alerts.thresholds.storage.enabled == false)
        #expect(core.alerts.thresholds.memory == AlertRules().thresholds.memory)  // built-in
        #expect(core.alerts.flapping.changes == 3)
        #expect(core.alerts.flapping.within == .seconds(300))
        #expect(core.credentials.map(\.name) == ["b", "a"])  // tenant's list, in its order
        #expect(core.name == "core")
        #expect(core.parent == nil)
    }

    @Test func credentialsAreReplacedAndMaintenanceAddsUp() throws {
        let second = try settings("acme", "hq", "10.0.0.2")
        #expect(second.credentials.map(\.name) == ["c"])
        #expect(second.maintenance.count == 2)  // defaults' weekly + site's one-off
        #expect(second.parent == DeviceKey(tenant: "acme", site: "hq", address: HostPort(host: "10.0.0.1", port: 161)))
        #expect(second.name == "10.0.0.2:161")
        let inWindow = ISO8601DateFormatter().date(from: "2030-01-01T01:00:00Z")!
        #expect(second.inMaintenance(at: inWindow))
        let branch = try settings("acme", "branch", "10.0.0.1")
        #expect(branch.maintenance.count == 1)
        #expect(!branch.inMaintenance(at: inWindow))
        #expect(branch.parent?.site == "hq")
        #expect(branch.alerts.flapping.changes == AlertRules().flapping.changes)
    }

    /// A parent written or `parent: none` stops inference from LLDP/CDP; the site's gateway is
    /// the root the inference starts from.
    @Test func parentNoneAndTheSiteGatewayShapeInferredParents() throws {
        let config = try Fixture.config(Self.yaml)
        #expect(config.siteGateway(tenant: "acme", site: "hq") == DeviceKey(tenant: "acme", site: "hq", address: HostPort(host: "10.0.0.1", port: 161)))
        #expect(config.siteGateway(tenant: "acme", site: "branch") == nil)
        #expect(try settings("acme", "hq", "10.0.0.1").infersParent)
        #expect(try !settings("acme", "hq", "10.0.0.2").infersParent)   // parent: core
        let direct = try settings("acme", "branch", "10.0.0.2")
        #expect(!direct.infersParent && direct.parent == nil)            // parent: none
    }

    @Test func otherTenantGetsOnlyDefaults() throws {
        let other = try settings("other", "hq", "10.0.0.1")
        #expect(other.polling.interval == .seconds(120))
        #expect(other.polling.timeout == .seconds(2))
        #expect(other.credentials.map(\.name) == ["a"])
        #expect(other.alerts.thresholds.cpu.critical == 90)
    }

    @Test func unknownDeviceHasNoSettings() throws {
        let config = try Fixture.config(Self.yaml)
        #expect(config.settings(for: DeviceKey(tenant: "acme", site: "hq", address: HostPort(host: "10.9.9.9", port: 161))) == nil)
        #expect(config.summary.description == "2 tenants, 3 sites, 5 devices, 0 channels")
        #expect(config.deviceSettings.count == 5)
    }

    @Test func routesChooseEnabledChannelsOnce() throws {
        let config = try Fixture.config(Fixture.minimal + """
            notifications:
              channels:
                hook: { type: webhook, url: "https://example.net/a" }
                slack: { type: slack, url: "https://hooks.slack.com/services/x" }
                off: { type: teams, enabled: false, url: "https://example.net/t" }
              routes:
                - { channels: [hook] }
                - { channels: [slack, hook, off], tenants: [t], kinds: [device_down], min_severity: critical }
            """)
        func names(_ kind: AlertKind, _ severity: AlertSeverity) -> [String] {
            config.channels(tenant: "t", site: "s", kind: kind, severity: severity).map(\.name)
        }
        #expect(names(.deviceDown, .critical) == ["hook", "slack"])
        #expect(names(.deviceDown, .warning) == ["hook"])
        #expect(names(.cpu, .critical) == ["hook"])
        #expect(names(.cpu, .info) == [])
    }
}

struct AddressTests {
    @Test func commandLineAddressesParseAsInTheFile() throws {
        #expect(try HostPort(parsing: "0.0.0.0:8081").description == "0.0.0.0:8081")
        #expect(try HostPort(parsing: "[::]:8081").description == "[::]:8081")
        #expect(try HostPort(parsing: "2001:DB8::1", defaultPort: 161).description == "[2001:db8::1]:161")
        #expect(try HostPort(parsing: "Core.Example.NET", defaultPort: 161).description == "core.example.net:161")
        #expect(throws: AddressError.self) { try HostPort(parsing: "0.0.0.0") }
        #expect(throws: AddressError.self) { try HostPort(parsing: "10.0.0.1:0") }
        #expect(throws: AddressError.self) { try HostPort(parsing: "10.0.0.256:161") }
        #expect(throws: AddressError.self) { try HostPort(parsing: "[10.0.0.1]:161") }
    }
}
