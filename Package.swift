// swift-tools-version:6.2
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "netwarden",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "netwarden", targets: ["netwarden"]),
        .library(name: "SNMP", targets: ["SNMP"]),
        .library(name: "Devices", targets: ["Devices"]),
        .library(name: "Syslog", targets: ["Syslog"]),
        .library(name: "Store", targets: ["Store"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        // System libraries. net-snmp is used for MIB parsing;
        // libpcap for ARP sweeps and passive discovery.
        .systemLibrary(name: "CNetSNMP", pkgConfig: "netsnmp", providers: [.apt(["libsnmp-dev"])]),
        .systemLibrary(name: "CPcap", pkgConfig: "libpcap", providers: [.apt(["libpcap-dev"])]),
        // OpenSSL's libcrypto for what swift-crypto lacks: SHA-224 (HMAC-128-SHA-224) and DES-CBC for USM.
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // BER, OIDs, values, PDUs and messages: pure, dependency-free, fuzzable on its own.
        .target(name: "SNMPCodec", swiftSettings: strictSettings),
        // Transport, client, responder and security models on SwiftNIO.
        .target(
            name: "SNMP",
            dependencies: [
                "SNMPCodec",
                "COpenSSL",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        // Identification (rules as data, applied over SNMP), firmware version schemes and policy,
        // config-state checks.
        .target(
            name: "Devices",
            dependencies: ["SNMP", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        // Syslog parsing, classification and RFC 6587 framing: pure, dependency-free, sans I/O.
        .target(name: "Syslog", swiftSettings: strictSettings),
        // Syslog listeners (UDP, TCP, TLS) handing parsed messages to one back-pressured sequence.
        .target(
            name: "SyslogServer",
            dependencies: [
                "Syslog",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strictSettings
        ),
        // ns per message for parse + classify: `swift run -c release SyslogBench`.
        .executableTarget(name: "SyslogBench", dependencies: ["Syslog"], swiftSettings: strictSettings),
        // MIB modules loaded through net-snmp's parser: names <-> OIDs, syntax, enums, hints.
        .target(name: "MIB", dependencies: ["SNMPCodec", "CNetSNMP"], swiftSettings: strictSettings),
        // One-shot scans: target lists, ARP/ICMP/TCP host discovery, the SNMP sweep with
        // identification and LLDP/CDP neighbours. Knows nothing of the store.
        .target(name: "Discovery", dependencies: ["CPcap", "SNMP", "SNMPCodec", "Devices"], swiftSettings: strictSettings),
        // Listening for hosts: a pure decoder of ARP, DHCP, LLDP and CDP frames, and a libpcap
        // capture per interface on a thread of its own. Knows nothing of the store.
        .target(name: "PassiveDiscovery", dependencies: ["CPcap"], swiftSettings: strictSettings),
        // The daemon's polling logic: schedules, counter rates, state tracking, collectors.
        .target(name: "Monitor", dependencies: ["SNMP", "Devices", "Discovery", "Config", "Alerting", "Store", "Syslog", "SyslogServer",
                                               "PassiveDiscovery", .product(name: "HeapModule", package: "swift-collections")],
                swiftSettings: strictSettings),
        // Alerts from signals: lifecycle in the store, root cause behind a down parent, maintenance,
        // routing to channels, and the durable outbox's deliverer (webhook, Slack, Teams, e-mail, SNMP).
        .target(
            name: "Alerting",
            dependencies: ["Config", "Store", "SNMP", "Mail", .product(name: "AsyncHTTPClient", package: "async-http-client")],
            swiftSettings: strictSettings
        ),
        // Mail submission: RFC 5322/MIME rendering (sans I/O) and an SMTP client on SwiftNIO with
        // STARTTLS or implicit TLS (swift-nio-ssl) and AUTH PLAIN/LOGIN.
        .target(
            name: "Mail",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strictSettings
        ),
        // netwarden.yaml: the model, its loader with positioned diagnostics, secrets, overrides.
        .target(name: "Config", dependencies: [.product(name: "Yams", package: "Yams")], swiftSettings: strictSettings),
        // HTTP: the JSON API, /metrics and /healthz on Hummingbird.
        .target(
            name: "Web",
            dependencies: ["Config", "Store", .product(name: "Hummingbird", package: "hummingbird")],
            swiftSettings: strictSettings
        ),
        // Schema, migrations and repositories; SQLite through GRDB (WAL, one batching writer).
        // Knows no other Netwarden module.
        .target(
            name: "Store",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")],
            swiftSettings: strictSettings),
        // Store benchmarks (benchmarks/store.sh): sample cycles and syslog with FTS5.
        .executableTarget(name: "store-bench", dependencies: ["Store"], path: "benchmarks/Sources/store-bench", swiftSettings: strictSettings),
        // snmpsim .snmprec recordings served by the SNMP responder.
        .target(name: "SNMPSimulator", dependencies: ["SNMP"], swiftSettings: strictSettings),
        .executableTarget(
            name: "netwarden",
            dependencies: [
                "SNMP", "SNMPSimulator", "MIB", "Devices", "Config", "Monitor", "Alerting", "Store", "Web", "Syslog", "SyslogServer", "Discovery", "PassiveDiscovery",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),

        // Benchmarks against named peers (benchmarks/run.sh drives it; not part of the product).
        .executableTarget(
            name: "netwarden-bench",
            dependencies: [
                "SNMP", "SNMPSimulator", "Syslog", "SyslogServer",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "benchmarks/Sources/netwarden-bench",
            swiftSettings: strictSettings
        ),

        .testTarget(name: "SNMPCodecTests", dependencies: ["SNMPCodec"], resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        .testTarget(name: "SNMPTests", dependencies: ["SNMP", "SNMPSimulator"], resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        .testTarget(name: "SyslogTests", dependencies: ["Syslog"], resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        // Plain BSD sockets the test senders share.
        .target(name: "TestSockets", path: "Tests/TestSockets", swiftSettings: strictSettings),
        .testTarget(name: "SyslogServerTests", dependencies: ["SyslogServer", "Syslog", "TestSockets", .product(name: "NIOCore", package: "swift-nio")], swiftSettings: strictSettings),
        .testTarget(name: "MIBTests", dependencies: ["MIB"], swiftSettings: strictSettings),
        .testTarget(
            name: "MonitorTests",
            dependencies: ["Monitor", "Alerting", "SNMP", "SNMPCodec", "Devices", "SNMPSimulator", "PassiveDiscovery", "SyslogServer", "Store", "Config", "TestSockets",
                           .product(name: "NIOCore", package: "swift-nio")],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings),
        .testTarget(name: "DiscoveryTests", dependencies: ["Discovery"], swiftSettings: strictSettings),
        .testTarget(name: "PassiveDiscoveryTests", dependencies: ["PassiveDiscovery"], resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        // AlertingTests deliver e-mail to a real SMTP server (aiosmtpd, started by the tests).
        .testTarget(name: "AlertingTests", dependencies: ["Alerting", "Config", "Store", "Mail", "TestSockets",
                                                   .product(name: "AsyncHTTPClient", package: "async-http-client")],
                    exclude: ["Support/smtp_server.py"], swiftSettings: strictSettings),
        .testTarget(name: "MailTests", dependencies: ["Mail"], swiftSettings: strictSettings),
        .testTarget(name: "ConfigTests", dependencies: ["Config"], swiftSettings: strictSettings),
        .testTarget(name: "DevicesTests", dependencies: ["Devices", "SNMPSimulator", .product(name: "NIOCore", package: "swift-nio")], swiftSettings: strictSettings),
        // StoreTests re-run a writer in a child process and SIGKILL it (crash safety).
        .executableTarget(name: "StoreCrashWriter", dependencies: ["Store"], path: "Tests/StoreCrashWriter", swiftSettings: strictSettings),
        .testTarget(name: "StoreTests", dependencies: ["Store", "StoreCrashWriter"], swiftSettings: strictSettings),
        // End-to-end tests drive the `netwarden` binary against real peers (snmpd, snmpsim) that
        // they start themselves; depending on the executable makes SwiftPM build it first.
        .testTarget(name: "EndToEndTests", dependencies: ["netwarden", "SNMP", "SNMPSimulator", "Devices", "Config", "TestSockets"],
                    exclude: ["Support/webhook_receiver.py", "Support/send_frame.py"], swiftSettings: strictSettings),
    ],
    swiftLanguageModes: [.v6]
)
