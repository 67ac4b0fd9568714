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
        .library(name: "Syslog", targets: ["Syslog"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
    ],
    targets: [
        // System libraries. net-snmp is used for MIB parsing (and later DES/SHA-224 through its libcrypto);
        // libpcap for ARP sweeps and passive discovery.
        .systemLibrary(name: "CNetSNMP", pkgConfig: "netsnmp", providers: [.apt(["libsnmp-dev"])]),
        .systemLibrary(name: "CPcap", pkgConfig: "libpcap", providers: [.apt(["libpcap-dev"])]),

        // BER, OIDs, values, PDUs and messages: pure, dependency-free, fuzzable on its own.
        .target(name: "SNMPCodec", swiftSettings: strictSettings),
        // Transport, client, responder and security models on SwiftNIO.
        .target(
            name: "SNMP",
            dependencies: [
                "SNMPCodec",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        // Syslog parsing, classification and RFC 6587 framing: pure, dependency-free, sans I/O.
        .target(name: "Syslog", swiftSettings: strictSettings),
        // ns per message for parse + classify: `swift run -c release SyslogBench`.
        .executableTarget(name: "SyslogBench", dependencies: ["Syslog"], swiftSettings: strictSettings),
        // snmpsim .snmprec recordings served by the SNMP responder.
        .target(name: "SNMPSimulator", dependencies: ["SNMP"], swiftSettings: strictSettings),
        .executableTarget(
            name: "netwarden",
            dependencies: [
                "SNMP", "SNMPSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),

        .testTarget(name: "SNMPCodecTests", dependencies: ["SNMPCodec"], resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        .testTarget(name: "SNMPTests", dependencies: ["SNMP", "SNMPSimulator"], swiftSettings: strictSettings),
        .testTarget(name: "SyslogTests", dependencies: ["Syslog"], resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        .testTarget(name: "EndToEndTests", dependencies: ["SNMP", "SNMPSimulator"], swiftSettings: strictSettings),
    ],
    swiftLanguageModes: [.v6]
)
