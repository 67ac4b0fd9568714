@testable import Config
import Foundation
import Testing

/// Broken files are problems, never a crash or a hang.
struct HostileInputTests {
    static let example = (try? String(contentsOfFile: Fixture.exampleConfig, encoding: .utf8)) ?? ""

    @Test func everyTruncationOfTheExampleLoadsOrReports() {
        let bytes = Array(Self.example.utf8)
        #expect(bytes.count > 5_000)
        for end in stride(from: 0, to: bytes.count, by: 13) {
            let text = String(decoding: bytes[0..<end], as: UTF8.self)
            if case .failure(let errors) = Fixture.load(text) {
                #expect(!errors.problems.isEmpty)
            }
        }
    }

    @Test func everyLineRemovedOrDuplicatedLoadsOrReports() {
        let lines = Self.example.split(separator: "\n", omittingEmptySubsequences: false)
        for index in lines.indices {
            var without = lines
            without.remove(at: index)
            _ = Fixture.load(without.joined(separator: "\n"))
            var doubled = lines
            doubled.insert(lines[index], at: index)
            _ = Fixture.load(doubled.joined(separator: "\n"))
        }
    }

    @Test func extremeValuesAreProblems() {
        let problems = Fixture.problems(Fixture.minimal + """
            retention: { raw: 99999999999999999999999w, hourly: 1e400d }
            listeners:
              syslog: { udp_receive_buffer: 99999999999999999999GiB, rate_limit_per_source: -1 }
            discovery:
              scan: { rate: 99999999999999999999999 }
            """)
        #expect(problems.map(\.path.description) == [
            "retention.raw", "retention.hourly", "listeners.syslog.udp_receive_buffer",
            "listeners.syslog.rate_limit_per_source", "discovery.scan.rate",
        ])
    }

    @Test func aliasBombIsStopped() {
        // 300 tenants × 300 sites × 300 devices through aliases: 27 million devices, in 5 KB.
        let devices = "[&d { address: 10.0.0.1 }" + String(repeating: ", *d", count: 299) + "]"
        let sites = "[&s { name: s, devices: \(devices) }" + String(repeating: ", *s", count: 299) + "]"
        let yaml = """
            credentials: { c: { version: v2c, community: public } }
            defaults: { credentials: [c] }
            tenants: [&t { name: t, sites: \(sites) }\(String(repeating: ", *t", count: 299))]
            """
        #expect(yaml.utf8.count < 10_000)
        let clock = ContinuousClock()
        let start = clock.now
        // A lower budget than the real one (1,000,000) keeps the test quick.
        var loader = ConfigLoader(environment: [:])
        loader.valueLimit = 50_000
        guard case .failure(let errors) = loader.load(yaml: yaml, file: "bomb.yaml") else {
            Issue.record("the bomb loaded"); return
        }
        let problems = errors.problems
        #expect(clock.now - start < .seconds(30))
        #expect(problems.contains { $0.message.contains("expands to more than 50000 values") })
        #expect(problems.count <= 1_002)
        #expect(problems.last?.message.hasSuffix("more problems not shown") == true)
    }

    @Test func deepNestingIsASyntaxError() {
        let problems = Fixture.problems("log: " + String(repeating: "[", count: 100_000))
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("YAML syntax error") == true)
    }
}
