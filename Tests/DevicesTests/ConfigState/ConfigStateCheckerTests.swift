import Devices
import Foundation
import NIOCore
import SNMP
import SNMPCodec
import SNMPSimulator
import Testing

/// CISCO-CONFIG-MAN-MIB in both states and a device answering `public`, served by the project's
/// simulator on loopback and checked by the same code `netwarden check config` runs.
@Suite struct ConfigStateCheckerTests {
    /// A Catalyst whose running configuration changed 16144 ticks after boot: never saved
    /// (startup last changed 0), or saved afterwards (startup 20000).
    static func recording(startupChanged: Int) -> String {
        """
        1.3.6.1.2.1.1.1.0|4|Cisco IOS Software, C3560 Software (C3560-IPSERVICESK9-M), Version 12.2(55)SE3, RELEASE SOFTWARE (fc1)
        1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.9.1.617
        1.3.6.1.2.1.1.3.0|67|100000
        1.3.6.1.2.1.1.5.0|4|lab-sw-01
        1.3.6.1.4.1.9.9.43.1.1.1.0|67|16144
        1.3.6.1.4.1.9.9.43.1.1.2.0|67|0
        1.3.6.1.4.1.9.9.43.1.1.3.0|67|\(startupChanged)
        """
    }

    func withSimulator(_ body: (SNMPClient, Int) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nw-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.recording(startupChanged: 0).write(to: directory.appendingPathComponent("unsaved.snmprec"), atomically: true, encoding: .utf8)
        try Self.recording(startupChanged: 20000).write(to: directory.appendingPathComponent("saved.snmprec"), atomically: true, encoding: .utf8)
        // A recording named "public" makes the simulator answer that community.
        try Self.recording(startupChanged: 20000).write(to: directory.appendingPathComponent("public.snmprec"), atomically: true, encoding: .utf8)
        let recordings = try await SNMPRecordingSet.load(directory: directory.path)
        let engine = SNMPAgentEngine(resolve: recordings.viewResolver(clock: .fixed(SimulationTime(elapsed: .seconds(1000)))))
        let responder = try await SNMPResponder.start(endpoints: [("127.0.0.1", 0)], engine: engine)
        let port = try #require(responder.localAddresses.first?.port)
        let client = try await SNMPClient()
        do { try await body(client, port) } catch {
            await client.shutdown()
            await responder.close()
            throw error
        }
        await client.shutdown()
        await responder.close()
    }

    func check(_ community: String, client: SNMPClient, port: Int,
               previous: ConfigStateChecker.Snapshot? = nil, now: Int64 = 1_000_000) async throws -> ConfigStateChecker.Report {
        let options = SNMPAgent.Options(retry: RetryPolicy(timeout: .milliseconds(300), retries: 0))
        let agent = try await client.agent("127.0.0.1", port: port, security: CommunitySecurity(community), options: options)
        return try await ConfigStateChecker().check(agent, makeAgent: { security in
            try await client.agent("127.0.0.1", port: port, security: security, options: options)
        }, v3User: nil, previous: previous, now: now)
    }

    @Test func unsavedAndSavedConfigurations() async throws {
        try await withSimulator { client, port in
            let unsaved = try await check("unsaved", client: client, port: port)
            let finding = try #require(unsaved.findings.first { $0.kind == .unsavedConfig })
            #expect(finding.message.contains("ccmHistoryRunningLastChanged 16144 > ccmHistoryStartupLastChanged 0"))
            // The simulator advances the recorded sysUpTime (100000) by its clock (1000 s): 200000 - 16144 ticks.
            #expect(finding.message.contains("30m 38s ago"))
            let saved = try await check("saved", client: client, port: port)
            #expect(!saved.findings.contains { $0.kind == .unsavedConfig })
        }
    }

    @Test func aChangeSinceTheLastCheckIsReported() async throws {
        try await withSimulator { client, port in
            let first = try await check("saved", client: client, port: port)
            let snapshot = try #require(first.snapshot)
            #expect(snapshot.lastChange == 1_000_000 - (200000 - 16144) / 100)
            // The same change seen again a minute later (uptime moved on with the clock): no finding.
            let again = try await check("saved", client: client, port: port, previous: snapshot)
            #expect(!again.findings.contains { $0.kind == .configChanged })
            // A remembered change an hour earlier: the configuration changed since.
            let older = ConfigStateChecker.Snapshot(lastChange: snapshot.lastChange - 3600, source: snapshot.source)
            let changed = try await check("saved", client: client, port: port, previous: older)
            #expect(changed.findings.contains { $0.kind == .configChanged })
        }
    }

    @Test func wellKnownCommunitiesAreFoundAndVACMAbsenceIsNotAProblem() async throws {
        try await withSimulator { client, port in
            let report = try await check("saved", client: client, port: port)
            #expect(report.findings.filter { $0.kind == .defaultCommunity }.map(\.message) == ["answers SNMPv2c community 'public'"])
            #expect(report.findings.contains { $0.kind == .notDetermined && $0.message.contains("VACM") })
            #expect(!report.findings.contains { $0.kind == .writableCommunity })
        }
    }
}
