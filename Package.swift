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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
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
        // Identification and collection profiles; for now the firmware version schemes and policy
        // evaluation, pure Swift and dependency-free.
        .target(name: "Devices", swiftSettings: strictSettings),
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
        // snmpsim .snmprec recordings served by the SNMP responder.
        .target(name: "SNMPSimulator", dependencies: ["SNMP"], swiftSettings: strictSettings),
        .executableTarget(
            name: "netwarden",
            dependencies: [
                "SNMP", "SNMPSimulator", "MIB", "Syslog", "SyslogServer",
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
        .testTarget(name: "SyslogServerTests", dependencies: ["SyslogServer", "Syslog", .product(name: "NIOCore", package: "swift-nio")], swiftSettings: strictSettings),
        .testTarget(name: "MIBTests", dependencies: ["MIB"], swiftSettings: strictSettings),
        .testTarget(name: "DevicesTests", dependencies: ["Devices"], swiftSettings: strictSettings),
        // End-to-end tests drive the `netwarden` binary against real peers (snmpd, snmpsim) that
        // they start themselves; depending on the executable makes SwiftPM build it first.
        .testTarget(name: "EndToEndTests", dependencies: ["netwarden", "SNMP", "SNMPSimulator"], swiftSettings: strictSettings),
    ],
    swiftLanguageModes: [.v6]
)
