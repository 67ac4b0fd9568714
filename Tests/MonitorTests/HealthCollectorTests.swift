import Alerting
import Config
import Devices
import Foundation
import Monitor
import NIOCore
import SNMP
import SNMPCodec
import SNMPSimulator
import Testing

/// Health read from simulated devices over SNMP: HOST-RESOURCES storage and memory (with
/// net-snmp's buffers and cache taken off), processor load, ENTITY-SENSOR temperatures, a UPS
/// on a low battery, Cisco's CPU and memory pools; and the thresholds and faults that follow.
@Suite struct HealthCollectorTests {
    static let server = """
        1.3.6.1.2.1.1.3.0|67|100
        1.3.6.1.2.1.25.2.3.1.2.1|6|1.3.6.1.2.1.25.2.1.2
        1.3.6.1.2.1.25.2.3.1.2.6|6|1.3.6.1.2.1.25.2.1.1
        1.3.6.1.2.1.25.2.3.1.2.7|6|1.3.6.1.2.1.25.2.1.1
        1.3.6.1.2.1.25.2.3.1.2.31|6|1.3.6.1.2.1.25.2.1.4
        1.3.6.1.2.1.25.2.3.1.2.35|6|1.3.6.1.2.1.25.2.1.4
        1.3.6.1.2.1.25.2.3.1.2.40|6|1.3.6.1.2.1.25.2.1.4
        1.3.6.1.2.1.25.2.3.1.3.1|4|Physical memory
        1.3.6.1.2.1.25.2.3.1.3.6|4|Memory buffers
        1.3.6.1.2.1.25.2.3.1.3.7|4|Cached memory
        1.3.6.1.2.1.25.2.3.1.3.31|4|/
        1.3.6.1.2.1.25.2.3.1.3.35|4|/var
        1.3.6.1.2.1.25.2.3.1.3.40|4|/snap/core/1
        1.3.6.1.2.1.25.2.3.1.4.1|2|1024
        1.3.6.1.2.1.25.2.3.1.4.6|2|1024
        1.3.6.1.2.1.25.2.3.1.4.7|2|1024
        1.3.6.1.2.1.25.2.3.1.4.31|2|4096
        1.3.6.1.2.1.25.2.3.1.4.35|2|4096
        1.3.6.1.2.1.25.2.3.1.4.40|2|4096
        1.3.6.1.2.1.25.2.3.1.5.1|2|1000000
        1.3.6.1.2.1.25.2.3.1.5.6|2|1000000
        1.3.6.1.2.1.25.2.3.1.5.7|2|1000000
        1.3.6.1.2.1.25.2.3.1.5.31|2|1000
        1.3.6.1.2.1.25.2.3.1.5.35|2|2000
        1.3.6.1.2.1.25.2.3.1.5.40|2|500
        1.3.6.1.2.1.25.2.3.1.6.1|2|900000
        1.3.6.1.2.1.25.2.3.1.6.6|2|100000
        1.3.6.1.2.1.25.2.3.1.6.7|2|500000
        1.3.6.1.2.1.25.2.3.1.6.31|2|500
        1.3.6.1.2.1.25.2.3.1.6.35|2|1940
        1.3.6.1.2.1.25.2.3.1.6.40|2|500
        1.3.6.1.2.1.25.3.3.1.2.196608|2|80
        1.3.6.1.2.1.25.3.3.1.2.196609|2|100
        1.3.6.1.2.1.47.1.1.1.1.7.10|4|CPU die
        1.3.6.1.2.1.47.1.1.1.1.7.11|4|Inlet
        1.3.6.1.2.1.99.1.1.1.1.10|2|8
        1.3.6.1.2.1.99.1.1.1.1.11|2|8
        1.3.6.1.2.1.99.1.1.1.2.10|2|9
        1.3.6.1.2.1.99.1.1.1.2.11|2|9
        1.3.6.1.2.1.99.1.1.1.3.10|2|1
        1.3.6.1.2.1.99.1.1.1.3.11|2|0
        1.3.6.1.2.1.99.1.1.1.4.10|2|655
        1.3.6.1.2.1.99.1.1.1.4.11|2|0
        1.3.6.1.2.1.99.1.1.1.5.10|2|1
        1.3.6.1.2.1.99.1.1.1.5.11|2|3
        1.3.6.1.2.1.33.1.2.1.0|2|3
        1.3.6.1.2.1.33.1.2.2.0|2|120
        1.3.6.1.2.1.33.1.2.3.0|2|7
        1.3.6.1.2.1.33.1.2.4.0|2|22
        """

    static let cisco = """
        1.3.6.1.2.1.1.3.0|67|100
        1.3.6.1.2.1.25.3.3.1.2.1|2|3
        1.3.6.1.4.1.9.9.109.1.1.1.1.7.1|66|97
        1.3.6.1.4.1.9.9.48.1.1.1.2.1|4|Processor
        1.3.6.1.4.1.9.9.48.1.1.1.2.2|4|I/O
        1.3.6.1.4.1.9.9.48.1.1.1.5.1|66|750
        1.3.6.1.4.1.9.9.48.1.1.1.5.2|66|10
        1.3.6.1.4.1.9.9.48.1.1.1.6.1|66|250
        1.3.6.1.4.1.9.9.48.1.1.1.6.2|66|90
        """

    static func collect(_ recordings: [String: String], community: String, known: Set<HealthCollector.Group>? = nil,
                        probes: [HealthProbe] = []) async throws -> HealthReport {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nw-health-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in recordings {
            try text.write(to: directory.appendingPathComponent("\(name).snmprec"), atomically: true, encoding: .utf8)
        }
        let set = try await SNMPRecordingSet.load(directory: directory.path)
        let engine = SNMPAgentEngine(resolve: set.viewResolver(clock: .fixed(SimulationTime(elapsed: .seconds(0)))))
        let responder = try await SNMPResponder.start(endpoints: [("127.0.0.1", 0)], engine: engine)
        let client = try await SNMPClient()
        defer { Task { await client.shutdown(); await responder.close() } }
        let port = try #require(responder.localAddresses.first?.port)
        let agent = try await client.agent("127.0.0.1", port: port, security: CommunitySecurity(community))
        return await HealthCollector().collect(agent, known: known, probes: probes)
    }

    static func value(_ report: HealthReport, _ metric: HealthReading.Metric, _ label: String) -> Double? {
        report.readings.first { $0.metric == metric && $0.label == label }?.value
    }

    @Test func hostResourcesSensorsAndUPS() async throws {
        let report = try await Self.collect(["srv": Self.server], community: "srv")
        #expect(report.groups == [.hostStorage, .hostProcessors, .entitySensors, .ups])
        #expect(Self.value(report, .storage, "/") == 50)
        #expect(Self.value(report, .storage, "/var") == 97)
        #expect(Self.value(report, .storage, "/snap/core/1") == nil, "read-only images are always full")
        // 900,000 used less 100,000 buffers and 500,000 cache of 1,000,000: 30%, not 90%.
        #expect(Self.value(report, .memory, "Physical memory").map { ($0 * 1000).rounded() / 1000 } == 30)
        #expect(Self.value(report, .cpu, "average") == 90)
        #expect(Self.value(report, .temperature, "CPU die") == 65.5)
        #expect(Self.value(report, .temperature, "Inlet") == nil)
        #expect(Self.value(report, .upsBatteryCharge, "battery") == 22)
        #expect(Self.value(report, .upsRuntime, "battery") == 7)
        #expect(Set(report.faults.map(\.key)) == ["sensor Inlet", "ups battery", "ups on battery"])
    }

    @Test func ciscoCPUWinsOverHostResourcesAndPoolsAreMemory() async throws {
        let report = try await Self.collect(["rtr": Self.cisco], community: "rtr")
        #expect(report.groups.isSuperset(of: [.ciscoCPU, .ciscoMemory]))
        #expect(report.readings.filter { $0.metric == .cpu }.map(\.value) == [97])
        #expect(Self.value(report, .memory, "Processor") == 75)
        #expect(Self.value(report, .memory, "I/O") == 10)
    }

    static let fortigate = """
        1.3.6.1.2.1.1.3.0|67|100
        1.3.6.1.4.1.12356.101.4.1.3.0|66|91
        1.3.6.1.4.1.12356.101.4.1.6.0|66|300
        1.3.6.1.4.1.12356.101.4.1.7.0|66|1200
        1.3.6.1.4.1.12356.101.4.1.8.0|66|48213
        1.3.6.1.4.1.12356.101.12.2.2.1.20.1|2|2
        1.3.6.1.4.1.12356.101.12.2.2.1.20.2|2|1
        1.3.6.1.4.1.12356.101.12.2.2.1.20.3|2|2
        1.3.6.1.4.1.14988.1.1.3.10.0|2|415
        1.3.6.1.2.1.43.11.1.1.6.1.1|4|Black Toner
        1.3.6.1.2.1.43.11.1.1.6.1.2|4|Waste Toner Box
        1.3.6.1.2.1.43.11.1.1.8.1.1|2|2000
        1.3.6.1.2.1.43.11.1.1.8.1.2|2|-2
        1.3.6.1.2.1.43.11.1.1.9.1.1|2|150
        1.3.6.1.2.1.43.11.1.1.9.1.2|2|-3
        """

    /// Probes as config/identification.yaml writes them, read over SNMP: a scalar, a share of
    /// another scalar, rows counted (all, and those equal to a value), a scaled value, and one
    /// value per row as a share of another column, named by a third.
    @Test func vendorProbesFromTheRules() async throws {
        let oid = { (text: String) in try OID(parsing: text) }
        let probes = [
            HealthProbe(metric: "cpu", read: .get(try oid("1.3.6.1.4.1.12356.101.4.1.3.0"))),
            HealthProbe(metric: "storage", read: .get(try oid("1.3.6.1.4.1.12356.101.4.1.6.0")),
                        of: try oid("1.3.6.1.4.1.12356.101.4.1.7.0"), label: "disk"),
            HealthProbe(metric: "sessions", read: .get(try oid("1.3.6.1.4.1.12356.101.4.1.8.0"))),
            HealthProbe(metric: "vpn_tunnels", read: .count(try oid("1.3.6.1.4.1.12356.101.12.2.2.1.20"), equals: nil)),
            HealthProbe(metric: "vpn_tunnels_up", read: .count(try oid("1.3.6.1.4.1.12356.101.12.2.2.1.20"), equals: 2)),
            HealthProbe(metric: "temperature", read: .get(try oid("1.3.6.1.4.1.14988.1.1.3.10.0")), scale: 0.1, label: "board"),
            HealthProbe(metric: "supplies", read: .each(try oid("1.3.6.1.2.1.43.11.1.1.9"), label: try oid("1.3.6.1.2.1.43.11.1.1.6")),
                        of: try oid("1.3.6.1.2.1.43.11.1.1.8")),
            HealthProbe(metric: "ha_mode", read: .get(try oid("1.3.6.1.4.1.12356.101.13.1.1.0"))),  // not answered: nothing
        ]
        let report = try await Self.collect(["fgt": Self.fortigate], community: "fgt", known: [], probes: probes)
        #expect(report.groups == [.vendorProbes])
        #expect(Self.value(report, .cpu, "average") == 91)
        #expect(Self.value(report, .storage, "disk") == 25)
        #expect(Self.value(report, .init(rawValue: "sessions"), "system") == 48213)
        #expect(Self.value(report, .init(rawValue: "vpn_tunnels"), "system") == 3)
        #expect(Self.value(report, .init(rawValue: "vpn_tunnels_up"), "system") == 2)
        #expect(Self.value(report, .temperature, "board").map { ($0 * 10).rounded() } == 415)
        #expect(Self.value(report, .init(rawValue: "supplies"), "Black Toner") == 7.5)
        #expect(Self.value(report, .init(rawValue: "supplies"), "Waste Toner Box") == nil, "unknown levels (-3 of -2) are not a percentage")
        #expect(!report.readings.contains { $0.metric.rawValue == "ha_mode" })

        // A vendor CPU over the threshold alerts like a HOST-RESOURCES one.
        let key = DeviceKey(tenant: "t", site: "s", address: HostPort(host: "10.0.0.2", port: 161))
        var monitor = DeviceMonitor(device: key, rules: AlertRules())
        #expect(monitor.record(health: report).map(\.kind) == [.cpu])
    }

    @Test func onlyKnownGroupsAreAskedAgain() async throws {
        let report = try await Self.collect(["srv": Self.server], community: "srv", known: [.ups])
        #expect(report.groups == [.ups])
        #expect(report.readings.allSatisfy { $0.metric == .upsBatteryCharge || $0.metric == .upsRuntime })
    }

    @Test func thresholdsPerDiskWithHysteresisAndFaults() {
        let key = DeviceKey(tenant: "t", site: "s", address: HostPort(host: "10.0.0.1", port: 161))
        var monitor = DeviceMonitor(device: key, rules: AlertRules())
        func report(_ readings: [HealthReading], faults: [HealthFault] = []) -> HealthReport {
            var r = HealthReport()
            r.readings = readings
            r.faults = faults
            return r
        }
        let battery = HealthFault(key: "ups battery", message: "UPS battery low")
        var events = monitor.record(health: report([HealthReading(.storage, "/", 50), HealthReading(.storage, "/var", 96),
                                                   HealthReading(.cpu, "average", 88)], faults: [battery]))
        #expect(events.count == 3)
        let disk = events.first { $0.kind == .storage }
        #expect(disk?.severity == .critical)
        #expect(disk?.dedupKey == "t/s/10.0.0.1:161|storage|/var", "each disk its own alert")
        #expect(events.contains { $0.kind == .cpu && $0.severity == .warning && $0.component == nil })
        #expect(events.contains { $0.kind == .hardwareFault && !$0.resolved && $0.message == "UPS battery low" })

        // Same values again: nothing new. Just under critical, inside the hysteresis: still critical.
        events = monitor.record(health: report([HealthReading(.storage, "/var", 93), HealthReading(.cpu, "average", 84)], faults: [battery]))
        #expect(events.isEmpty)
        // Below warn less hysteresis: cleared; the fault is gone: resolved.
        events = monitor.record(health: report([HealthReading(.storage, "/var", 80), HealthReading(.cpu, "average", 79)]))
        #expect(events.filter(\.resolved).count == 3)
        #expect(events.allSatisfy { $0.resolved })
    }
}
