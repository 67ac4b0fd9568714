import Alerting
import Config
import Foundation
import Monitor
import NIOCore
import SNMP
import SNMPCodec
import Store
import SyslogServer
import Testing
import TestSockets

/// The daemon's syslog ingest on a real listener and a real store.
@Suite struct ReceiverIngestTests {
    /// 2,500 lines over TCP: a full batch of 2,000 and 500 more that no later message pushes out.
    /// All are stored (and searchable) soon after, while the connection and the server stay open.
    @Test(.timeLimit(.minutes(1))) func aPartialBatchIsStoredWithoutWaitingForMoreMessages() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nw-ingest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("netwarden.sqlite").path)
        let config = try ConfigLoader(environment: [:]).load(yaml: "tenants: []", file: "test.yaml").get()
        let pipeline = AlertPipeline(store: store, config: { config })
        let ingest = ReceiverIngest(store: store, pipeline: pipeline, sink: StoreSink(store: store, pipeline: pipeline))
        var configuration = SyslogServer.Configuration()
        configuration.tcp = [.init(host: "127.0.0.1", port: 0)]
        let server = try await SyslogServer.start(configuration)
        let consumer = Task { await ingest.run(server.messages) }

        let port = try #require(server.localAddresses(.tcp).first?.port)
        let socket = try TestSocket.tcp(port: port)
        let lines = (0..<2_500).map { "<187>Mar  1 10:00:00 edge-1 %LINK-3-UPDOWN: Interface Gi0/\($0 % 48), changed state to down seq\($0)\n" }
        try socket.write(Array(lines.joined().utf8))

        let deadline = Date().addingTimeInterval(20)
        while try await store.syslog.count() < 2_500 && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(try await store.syslog.count() == 2_500)
        #expect(await ingest.stored == 2_500)
        #expect(try await store.syslog.search(SyslogQuery("seq2499")).count == 1)

        _ = socket
        await server.close()
        await consumer.value
        try await store.close()
    }
}

/// The trap path on a real store: a storm is stored in batches, not one transaction per trap
/// (which ran at about five traps a second behind the writer's batching delay).
@Suite struct TrapIngestTests {
    @Test(.timeLimit(.minutes(1))) func aTrapStormIsStoredInBatchesWithItsVarbinds() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nw-traps-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("netwarden.sqlite").path)
        let config = try ConfigLoader(environment: [:]).load(yaml: "tenants: []", file: "test.yaml").get()
        let pipeline = AlertPipeline(store: store, config: { config })
        let ingest = ReceiverIngest(store: store, pipeline: pipeline, sink: StoreSink(store: store, pipeline: pipeline))
        let (stream, continuation) = AsyncStream.makeStream(of: ReceivedTrap.self)
        let consumer = Task { await ingest.run(traps: stream) }
        let started = ContinuousClock.now
        for n in 0..<5_000 {
            let pdu = PDU(type: .snmpV2Trap, requestID: Int32(n), varBinds: [
                VarBind("1.3.6.1.2.1.1.3.0", .timeTicks(UInt32(n))),
                VarBind("1.3.6.1.6.3.1.1.4.1.0", .objectIdentifier("1.3.6.1.6.3.1.1.5.3")),
                VarBind("1.3.6.1.2.1.2.2.1.1.7", .integer(7)),
            ])
            continuation.yield(ReceivedTrap(content: try #require(NotificationContent(.pdu(pdu))), version: "v2c", source: "192.0.2.1"))
        }
        // No end of stream yet: the last partial batch is stored by the timer, not by the close.
        let deadline = Date().addingTimeInterval(20)
        while await ingest.trapsStored < 5_000 && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(await ingest.trapsStored == 5_000)
        #expect(ContinuousClock.now - started < .seconds(20))
        let newest = try #require(try await store.traps.traps(deviceID: nil, since: nil, limit: 1).first)
        #expect(newest.draft.varbindsJSON.contains("\"value\":\"7\""))
        continuation.finish()
        await consumer.value
        try await store.close()
    }
}
