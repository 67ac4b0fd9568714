import Config
import Foundation
import Testing

/// config/netwarden.yaml is both the reference and the demo: it loads cleanly and writes
/// every key the decoder accepts.
struct ExampleConfigTests {
    @Test func loadsWithoutProblemsAndWithoutAnyEnvironment() throws {
        let result = ConfigLoader(environment: [:]).load(file: Fixture.exampleConfig)
        if case .failure(let errors) = result { Issue.record("\(errors)") }
        let config = try result.get()
        #expect(config.summary.description == "1 tenant, 2 sites, 6 devices, 5 channels")
        let demo = try #require(config.tenant(named: "demo"))
        // The demo devices are the simulator's ports 16100+ and the local snmpd.
        let addresses = demo.sites.flatMap(\.devices).map(\.address.description)
        #expect(addresses.filter { $0.hasPrefix("127.0.0.1:161") && $0 != "127.0.0.1:161" }.count == 5)
        #expect(addresses.contains("127.0.0.1:161"))
        // Relative paths are resolved beside the file.
        let folder = URL(fileURLWithPath: Fixture.exampleConfig).deletingLastPathComponent().path
        #expect(config.identificationRules == folder + "/identification.yaml")
        #expect(config.firmwarePolicy == folder + "/firmware-policy.yaml")
        #expect(config.mibDirectories == [folder + "/../mibs"])
        #expect(config.credentialSets.allSatisfy { set in
            switch set.credentials {
            case .community(_, let community): return !community.isEmpty
            case .usm(let usm): return !(usm.authPassword?.isEmpty ?? true)
            }
        })
    }

    @Test func writesEveryAcceptedKey() throws {
        let accepted = ConfigSchema.keysAccepted().keys
        let written = try ConfigLoader(environment: [:]).writtenKeys(file: Fixture.exampleConfig)
        // Sanity: the schema found the nested and per-type keys, not just the top level.
        #expect(accepted.count > 120)
        for key in ["polling.max_in_flight", "credential set (v3).priv_protocol", "channel (email).starttls",
                    "listeners.syslog.udp_receive_buffer", "device.parent", "maintenance.weekly.time_zone",
                    "threshold.hysteresis", "API token.tenant", "discovery.scan.concurrency"] {
            #expect(accepted.keys.contains { $0.description == key }, "schema lacks \(key)")
        }
        let missing = accepted.keys.filter { written[$0] == nil }.sorted()
        let list = missing.map { "\($0) (e.g. \(accepted[$0]!))" }.joined(separator: ", ")
        #expect(missing.isEmpty, "config/netwarden.yaml does not document: \(list)")
    }

    @Test func environmentOverridesTheFallbacks() throws {
        let config = try ConfigLoader(environment: ["NETWARDEN_API_TOKEN": "a-token-from-the-environment"])
            .load(file: Fixture.exampleConfig).get()
        #expect(config.http.token(matching: "a-token-from-the-environment")?.name == "admin")
        #expect(config.http.token(matching: "demo-admin-token-change-me") == nil)
    }
}
