import Config
import Testing

/// One bad file per class of error: each problem is placed at its line, column and key path.
struct DiagnosticsTests {
    struct Expected: CustomStringConvertible {
        var line: Int
        var column: Int
        var path: String
        var message: String
        var description: String { "\(line):\(column): \(path): …\(message)…" }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var yaml: String
        var environment: [String: String] = [:]
        var expected: [(Int, Int, String, String)]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "unknown key, with the closest accepted key", yaml: Fixture.minimal + """
            retention:
              row: 2d
            """, expected: [(12, 3, "retention.row", "unknown key 'row' (did you mean 'raw'?)")]),
        Case(name: "unknown key spelt with dashes", yaml: Fixture.minimal + """
            http:
              metrics-public: true
            """, expected: [(12, 3, "http.metrics-public", "did you mean 'metrics_public'?")]),
        Case(name: "unknown top-level key lists the accepted ones", yaml: Fixture.minimal + """
            frobnicate: 1
            """, expected: [(11, 1, "frobnicate", "expected one of: credentials, defaults")]),
        Case(name: "wrong type: mapping for a list", yaml: """
            credentials:
              c: { version: v2c, community: public }
            tenants:
              name: t
            """, expected: [(4, 3, "tenants", "expected a list, found a mapping")]),
        Case(name: "wrong type: list for a number", yaml: Fixture.minimal + """
            discovery:
              scan:
                rate: [1]
            """, expected: [(13, 11, "discovery.scan.rate", "expected an integer, found a list")]),
        Case(name: "duration without a unit", yaml: Fixture.minimal + """
            retention:
              raw: 48
            """, expected: [(12, 8, "retention.raw", "a duration needs a unit")]),
        Case(name: "duration with an unknown unit", yaml: Fixture.minimal + """
            retention:
              raw: 2 days
            """, expected: [(12, 8, "retention.raw", "expected a duration like 60s")]),
        Case(name: "bad device address and port", yaml: """
            credentials:
              c: { version: v2c, community: public }
            defaults:
              credentials: [c]
            tenants:
              - name: t
                sites:
                  - name: s
                    devices:
                      - address: 300.1.1.1
                      - address: 10.0.0.2:70000
            """, expected: [
                (10, 22, "tenants[0].sites[0].devices[0].address", "'300.1.1.1' is not a valid IP address or host name"),
                (11, 22, "tenants[0].sites[0].devices[1].address", "invalid port '70000'"),
            ]),
        Case(name: "listen address without a port", yaml: Fixture.minimal + """
            http:
              listen: 0.0.0.0
            """, expected: [(12, 11, "http.listen", "missing port in '0.0.0.0'")]),
        Case(name: "CIDR with host bits and a bad length", yaml: """
            credentials:
              c: { version: v2c, community: public }
            defaults:
              credentials: [c]
            tenants:
              - name: t
                sites:
                  - name: s
                    networks: [10.1.2.3/16, 10.0.0.0/33]
            """, expected: [
                (9, 20, "tenants[0].sites[0].networks[0]", "has host bits set (did you mean 10.1.0.0/16?)"),
                (9, 33, "tenants[0].sites[0].networks[1]", "invalid prefix length '33'"),
            ]),
        Case(name: "enum name misspelt", yaml: """
            credentials:
              v3:
                version: v3
                user: alice
                auth_protocol: SHA265
                auth_password: authpass-alice
                priv_protocol: AES-265
                priv_password: privpass-alice
            """, expected: [
                (5, 20, "credentials.v3.auth_protocol", "unknown authentication protocol 'SHA265' (did you mean 'SHA-256'?)"),
                (7, 20, "credentials.v3.priv_protocol", "unknown privacy protocol 'AES-265' (did you mean 'AES-256'?)"),
            ]),
        Case(name: "dangling credential set reference", yaml: """
            credentials:
              lab-v2c: { version: v2c, community: public }
            tenants:
              - name: t
                sites:
                  - name: s
                    devices:
                      - address: 10.0.0.1
                        credentials: [lab-v2]
            """, expected: [
                (9, 27, "tenants[0].sites[0].devices[0].credentials[0]", "no credential set named 'lab-v2' (did you mean 'lab-v2c'?)"),
            ]),
        Case(name: "dangling channel, tenant and site references", yaml: Fixture.minimal + """
            notifications:
              channels:
                hook: { type: webhook, url: "https://example.net/hook" }
              routes:
                - channels: [hoook]
                  tenants: [x]
                  sites: [t/z]
            """, expected: [
                (15, 18, "notifications.routes[0].channels[0]", "no notification channel named 'hoook' (did you mean 'hook'?)"),
                (16, 17, "notifications.routes[0].tenants[0]", "no tenant named 'x'"),
                (17, 15, "notifications.routes[0].sites[0]", "no site named 't/z'"),
            ]),
        Case(name: "e-mail channel: STARTTLS on 465, unreadable and non-PEM CA files, a password in clear, a bad address", yaml: Fixture.minimal + """
            notifications:
              channels:
                a:
                  type: email
                  host: smtp.example.net
                  port: 465
                  starttls: true
                  ca_file: /nonexistent/ca.pem
                  from: nw@example.net
                  to: [noc@example.net]
                b:
                  type: email
                  host: smtp.example.net
                  starttls: false
                  user: nw
                  password: pw
                  ca_file: /etc/passwd
                  from: nw@example.net
                  to: ["bad<x>@example.net"]
                off:
                  type: email
                  enabled: false
                  host: smtp.example.net
                  ca_file: /nonexistent/ca.pem
                  from: nw@example.net
                  to: [noc@example.net]
            """, expected: [
                (17, 17, "notifications.channels.a.starttls", "port 465 is implicit TLS: leave starttls out or set it false"),
                (18, 16, "notifications.channels.a.ca_file", "cannot read CA file /nonexistent/ca.pem: No such file or directory"),
                (25, 13, "notifications.channels.b.user", "the password would cross the network in clear"),
                (27, 16, "notifications.channels.b.ca_file", "/etc/passwd holds no PEM certificate"),
                (29, 12, "notifications.channels.b.to[0]", "'bad<x>@example.net' is not an e-mail address"),
            ]),
        Case(name: "duplicate device in a site, written two ways", yaml: Fixture.minimal + """
                      - address: 10.0.0.1:161
            """, expected: [(11, 22, "tenants[0].sites[0].devices[1].address", "duplicate device address '10.0.0.1:161' (first at [0])")]),
        Case(name: "duplicate tenant and site names", yaml: """
            credentials:
              c: { version: v2c, community: public }
            defaults:
              credentials: [c]
            tenants:
              - name: t
                sites: [{ name: s }, { name: s }]
              - name: t
            """, expected: [
                (7, 34, "tenants[0].sites[1].name", "duplicate site name 's' (first at [0])"),
                (8, 11, "tenants[1].name", "duplicate tenant name 't' (first at [0])"),
            ]),
        Case(name: "missing required keys", yaml: """
            credentials:
              c: { version: v2c }
            tenants:
              - sites:
                  - name: s
                    devices:
                      - name: nameless
            """, expected: [
                (2, 6, "credentials.c", "missing required key 'community'"),
                (4, 5, "tenants[0]", "missing required key 'name'"),
                (7, 13, "tenants[0].sites[0].devices[0]", "missing required key 'address'"),
            ]),
        Case(name: "secret from an unset environment variable, and an unreadable file", yaml: Fixture.minimal + """
            http:
              tokens:
                - { name: a, token: { env: NETWARDEN_TEST_UNSET } }
                - { name: b, token: { file: /nonexistent/token } }
            """, expected: [
                (13, 32, "http.tokens[0].token.env", "environment variable NETWARDEN_TEST_UNSET is not set"),
                (14, 33, "http.tokens[1].token.file", "cannot read secret file /nonexistent/token: No such file or directory"),
            ]),
        Case(name: "override that breaks what an outer level set", yaml: """
            credentials:
              c: { version: v2c, community: public }
            defaults:
              credentials: [c]
              alerts:
                thresholds:
                  cpu: { warn: 70, critical: 80 }
            tenants:
              - name: t
                alerts:
                  thresholds:
                    cpu: { warn: 85 }
                sites:
                  - name: s
                    devices: [{ address: 10.0.0.1 }, { address: 10.0.0.2 }]
            """, expected: [(12, 14, "tenants[0].alerts.thresholds.cpu", "warn (85.0) must be below critical (80.0)")]),
        Case(name: "timeout not below the interval", yaml: Fixture.minimal + """
                    polling: { interval: 10s, timeout: 10s }
            """, expected: [(11, 44, "tenants[0].sites[0].polling.timeout", "must be above zero and below the interval (10s)")]),
        Case(name: "parent that does not exist, and a loop", yaml: """
            credentials:
              c: { version: v2c, community: public }
            defaults:
              credentials: [c]
            tenants:
              - name: t
                sites:
                  - name: s
                    devices:
                      - { address: 10.0.0.1, name: a, parent: b }
                      - { address: 10.0.0.2, name: b, parent: a }
                      - { address: 10.0.0.3, name: c, parent: core }
            """, expected: [
                (10, 51, "tenants[0].sites[0].devices[0].parent", "parent loop: t/s/10.0.0.1:161 -> t/s/10.0.0.2:161 -> t/s/10.0.0.1:161"),
                (12, 51, "tenants[0].sites[0].devices[2].parent", "no device 'core' in site 's' of tenant 't'"),
            ]),
        Case(name: "gateway that is not a device of the site", yaml: """
            credentials:
              c: { version: v2c, community: public }
            defaults:
              credentials: [c]
            tenants:
              - name: t
                sites:
                  - name: s
                    gateway: fw1
                    devices: [{ address: 10.0.0.1, name: fw }]
            """, expected: [(9, 18, "tenants[0].sites[0].gateway", "no device 'fw1' in site 's' of tenant 't' (did you mean 'fw'?)")]),
        Case(name: "device without any credential set", yaml: """
            credentials:
              c: { version: v2c, community: public }
            tenants:
              - name: t
                sites:
                  - name: s
                    devices:
                      - address: 10.0.0.1
            """, expected: [(8, 13, "tenants[0].sites[0].devices[0]", "no credential set for this device")]),
        Case(name: "trap user that is not SNMPv3", yaml: Fixture.minimal + """
            listeners:
              traps:
                users: [c]
            """, expected: [(13, 13, "listeners.traps.users[0]", "credential set 'c' is not SNMPv3")]),
        Case(name: "v3 level without its protocol, short pass phrase", yaml: """
            credentials:
              v3:
                version: v3
                user: bob
                level: authPriv
                auth_password: short
            """, expected: [
                (3, 5, "credentials.v3", "level authPriv needs auth_protocol"),
                (3, 5, "credentials.v3", "level authPriv needs priv_password"),
                (3, 5, "credentials.v3", "level authPriv needs priv_protocol"),
                (6, 20, "credentials.v3.auth_password", "an SNMPv3 pass phrase needs at least 8 characters"),
            ]),
        Case(name: "maintenance windows: bad day, time, zone and order", yaml: """
            credentials:
              c: { version: v2c, community: public }
            defaults:
              credentials: [c]
              maintenance:
                - weekly: { days: [sun, funday], start: "25:00", duration: 1h, time_zone: Mars/Olympus }
                - once: { from: 2030-01-02T00:00:00Z, to: 2030-01-01T00:00:00Z }
                - name: neither
            """, expected: [
                (6, 29, "defaults.maintenance[0].weekly.days[1]", "unknown day 'funday'"),
                (6, 45, "defaults.maintenance[0].weekly.start", "expected a time of day HH:MM"),
                (6, 79, "defaults.maintenance[0].weekly.time_zone", "unknown time zone 'Mars/Olympus'"),
                (7, 13, "defaults.maintenance[1].once", "'to' must be after 'from'"),
                (8, 7, "defaults.maintenance[2]", "needs 'weekly' or 'once'"),
            ]),
    ]

    @Test(arguments: cases)
    func reportsEachProblemWhereItIs(_ test: Case) {
        let problems = Fixture.problems(test.yaml, environment: test.environment)
        let shown = problems.map(\.description).joined(separator: "\n")
        #expect(problems.count == test.expected.count, "\(test.name):\n\(shown)")
        for (line, column, path, message) in test.expected {
            let match = problems.contains {
                $0.line == line && $0.column == column && $0.path.description == path && $0.message.contains(message)
                    && $0.file == "test.yaml"
            }
            #expect(match, "expected test.yaml:\(line):\(column): \(path): …\(message)… in:\n\(shown)")
        }
    }

    @Test func brokenDefinitionIsNotReportedAgainAtItsReferences() {
        let problems = Fixture.problems("""
            credentials:
              c: { version: v4, community: public }
            defaults:
              credentials: [c]
            tenants:
              - { name: t, sites: [{ name: s, devices: [{ address: 10.0.0.1 }] }] }
            notifications:
              channels:
                n: { type: pager }
              routes: [{ channels: [n] }]
            """)
        #expect(problems.map(\.path.description) == ["credentials.c.version", "notifications.channels.n.type"])
    }

    @Test func anchorsAndMergeKeysWork() throws {
        let config = try Fixture.config("""
            credentials:
              c: { version: v2c, community: public }
            defaults:
              credentials: [c]
            tenants:
              - name: t
                sites:
                  - name: s
                    polling: &slow { interval: 5m, timeout: 10s }
                    devices:
                      - { address: 10.0.0.1, polling: { <<: *slow, timeout: 20s } }
                      - { address: 10.0.0.2, polling: *slow }
            """)
        let settings = config.deviceSettings
        #expect(settings.map(\.polling.interval) == [.seconds(300), .seconds(300)])
        #expect(settings.map(\.polling.timeout) == [.seconds(20), .seconds(10)])
    }

    @Test func problemLineIsCompilerStyle() {
        let problems = Fixture.problems(Fixture.minimal + "retention:\n  row: 2d\n")
        #expect(problems.map(\.description) == ["test.yaml:12:3: retention.row: unknown key 'row' (did you mean 'raw'?)"])
    }

    @Test func sameAddressInTwoTenantsIsFine() throws {
        let config = try Fixture.config("""
            credentials:
              c: { version: v2c, community: public }
            defaults:
              credentials: [c]
            tenants:
              - { name: a, sites: [{ name: hq, devices: [{ address: 192.168.1.1 }] }] }
              - { name: b, sites: [{ name: hq, devices: [{ address: 192.168.1.1 }] }] }
            """)
        let keys = config.allDevices.map(\.key.description)
        #expect(keys == ["a/hq/192.168.1.1:161", "b/hq/192.168.1.1:161"])
    }

    @Test func syntaxErrorIsOneProblem() {
        let problems = Fixture.problems("tenants: [a, b\nlog: {}\n")
        #expect(problems.count == 1)
        #expect(problems.first?.line == 2)
        #expect(problems.first?.message.hasPrefix("YAML syntax error:") == true)
    }

    @Test func syntaxErrorDoesNotEchoTheLine() {
        let problems = Fixture.problems("http:\n  tokens: [{ name: a, token: hunter2hunter2hunter2 }\n")
        #expect(problems.count == 1)
        #expect(!problems[0].description.contains("hunter2"))
    }

    @Test func emptyFileIsOneProblem() {
        for text in ["", "\n\n", "# only a comment\n", "~\n"] {
            let problems = Fixture.problems(text)
            #expect(problems.count == 1)
            #expect(problems.first?.message.contains("the file is empty") == true)
        }
    }

    @Test func duplicateYAMLKeyIsOneProblem() {
        let problems = Fixture.problems("log: {}\nlog: {}\n")
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("'log' appears more than once") == true)
    }

    @Test func missingFileIsOneProblemWithoutPosition() {
        let result = ConfigLoader(environment: [:]).load(file: "/nonexistent/netwarden.yaml")
        guard case .failure(let errors) = result else { Issue.record("loaded a missing file"); return }
        #expect(errors.problems.map(\.description) == ["/nonexistent/netwarden.yaml: cannot read: No such file or directory"])
    }

    @Test func topLevelMustBeAMapping() {
        let problems = Fixture.problems("- a\n- b\n")
        #expect(problems.map(\.description) == ["test.yaml:1:1: expected a mapping (top level), found a list"])
    }

    @Test func everyProblemIsReportedNotJustTheFirst() {
        let yaml = """
            credentials:
              c: { version: v2c, community: public }
            defaults:
              credentials: [c]
            tenants:
              - name: t
                sites:
                  - name: s
                    devices:
                      - { address: 10.0.0.1, colour: red }
                      - { address: 10.0.0.999 }
                      - { address: 10.0.0.3, polling: { interval: soon } }
            log: { level: loud }
            """
        let problems = Fixture.problems(yaml)
        #expect(problems.map(\.path.description) == [
            "tenants[0].sites[0].devices[0].colour",
            "tenants[0].sites[0].devices[1].address",
            "tenants[0].sites[0].devices[2].polling.interval",
            "log.level",
        ])
    }
}
