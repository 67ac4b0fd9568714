import Alerting
import Config
import Foundation
import Monitor
import NIOCore
import SNMP
import SNMPSimulator
import Synchronization
import Testing

/// The scheduler against simulated devices on loopback: every device polled once per interval,
/// nothing skipped, and a dead device goes down once and is backed off.
@Suite struct PollSchedulerTests {
    final class Collect: PollSink {
        let reports = Mutex<[PollReport]>([])
        func pollCompleted(_ report: PollReport) async { reports.withLock { $0.append(report) } }
    }

    static let recording = """
        1.3.6.1.2.1.1.3.0|67|100
        1.3.6.1.2.1.2.2.1.2.1|4|eth0
        1.3.6.1.2.1.2.2.1.7.1|2|1
        1.3.6.1.2.1.2.2.1.8.1|2|1
        1.3.6.1.2.1.2.2.1.10.1|65:numeric|initial=0,rate=1000
        """

    @Test func pollsEveryDeviceOnScheduleAndBacksOffTheDeadOne() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nw-sched-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.recording.write(to: directory.appendingPathComponent("dev.snmprec"), atomically: true, encoding: .utf8)
        let recordings = try await SNMPRecordingSet.load(directory: directory.path)
        let engine = SNMPAgentEngine(resolve: recordings.viewResolver(clock: .startingNow()))
        let responder = try await SNMPResponder.start(endpoints: (0..<10).map { _ in ("127.0.0.1", 0) }, engine: engine)
        let ports = responder.localAddresses.compactMap(\.port)
        #expect(Set(ports).count == 10, "ten distinct ports: \(ports)")

        // A port nobody answers on: bind and close one.
        let devices = ports.map { "          - { address: 127.0.0.1:\($0) }" }.joined(separator: "\n")
        let yaml = """
            credentials:
              sim: { version: v2c, community: dev }
            defaults:
              credentials: [sim]
              polling: { interval: 2s, timeout: 1s, retries: 0, icmp: false }   # loopback answers ping
              alerts: { device_down: { after: 2 } }
            tenants:
              - name: t
                sites:
                  - name: s
                    devices:
            \(devices)
                      - { address: 127.0.0.1:9 }
            """
        let config = try ConfigLoader(environment: [:]).load(yaml: yaml, file: "test.yaml").get()
        let settings = config.allDevices.compactMap { config.settings(for: $0.key) }
        #expect(settings.count == ports.count + 1)

        let client = try await SNMPClient()
        let sink = Collect()
        let scheduler = PollScheduler(poller: DevicePoller(client: client, identifier: nil, firmwarePolicies: nil), sink: sink)
        await scheduler.update(devices: settings)
        let running = Task { await scheduler.run() }
        try await Task.sleep(for: .milliseconds(9_000))
        running.cancel()
        _ = await running.value
        let counters = await scheduler.snapshot
        await client.shutdown()
        await responder.close()

        let reports = sink.reports.withLock { $0 }
        let live = reports.filter { $0.device.address.port != 9 }
        let perDevice = Dictionary(grouping: live, by: \.device).mapValues(\.count)
        #expect(perDevice.count == ports.count)
        #expect(perDevice.values.allSatisfy { (3...5).contains($0) }, "one poll per 2 s interval: \(perDevice)")
        #expect(live.allSatisfy { $0.failure == nil && $0.interfaces.count == 1 && $0.credentialSet == "sim" }, "\(live.compactMap(\.failure))")
        // The second poll onwards has a rate: 1000 octets/s = 8000 bit/s.
        let rated = live.compactMap { $0.rates[1]?.inBitsPerSecond }
        #expect(!rated.isEmpty && rated.allSatisfy { abs($0 - 8000) < 400 }, "\(rated)")
        #expect(counters.skippedOverrun == 0)

        let dead = reports.filter { $0.device.address.port == 9 }
        #expect(dead.allSatisfy { $0.failure != nil })
        #expect(dead.flatMap(\.events).filter { $0.kind == .deviceDown && !$0.resolved }.count == 1)
        #expect(counters.skippedBackoff >= 1, "a dead device is backed off: \(counters)")
        #expect(dead.count < 5)
    }
}
