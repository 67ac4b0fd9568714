import Foundation
import Monitor
import NIOCore
import SNMP
import SNMPCodec
import SNMPSimulator
import Testing

/// IF-MIB read from a simulated device at two moments of its clock: rates from 64-bit counters,
/// a 32-bit counter that wraps between polls, and names from ifXTable.
@Suite struct InterfaceCollectorTests {
    static let recording = """
        1.3.6.1.2.1.1.3.0|67|100
        1.3.6.1.2.1.2.2.1.2.1|4|ge-0/0/1
        1.3.6.1.2.1.2.2.1.2.2|4|ge-0/0/2
        1.3.6.1.2.1.2.2.1.3.1|2|6
        1.3.6.1.2.1.2.2.1.3.2|2|6
        1.3.6.1.2.1.2.2.1.5.1|66|4294967295
        1.3.6.1.2.1.2.2.1.5.2|66|100000000
        1.3.6.1.2.1.2.2.1.7.1|2|1
        1.3.6.1.2.1.2.2.1.7.2|2|1
        1.3.6.1.2.1.2.2.1.8.1|2|1
        1.3.6.1.2.1.2.2.1.8.2|2|2
        1.3.6.1.2.1.2.2.1.10.1|65|0
        1.3.6.1.2.1.2.2.1.10.2|65:numeric|initial=4294967000,rate=1000,wrap=1
        1.3.6.1.2.1.2.2.1.16.1|65|0
        1.3.6.1.2.1.2.2.1.16.2|65|0
        1.3.6.1.2.1.10.7.2.1.19.1|2|3
        1.3.6.1.2.1.10.7.2.1.19.2|2|2
        1.3.6.1.2.1.31.1.1.1.1.1|4|ge-0/0/1
        1.3.6.1.2.1.31.1.1.1.6.1|70:numeric|initial=0,rate=12500000
        1.3.6.1.2.1.31.1.1.1.10.1|70:numeric|initial=0,rate=1250000
        1.3.6.1.2.1.31.1.1.1.15.1|66|10000
        1.3.6.1.2.1.31.1.1.1.18.1|4|uplink to core
        """

    @Test func ratesFromTwoPolls() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nw-if-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.recording.write(to: directory.appendingPathComponent("sw.snmprec"), atomically: true, encoding: .utf8)
        let recordings = try await SNMPRecordingSet.load(directory: directory.path)

        func poll(at seconds: Int64) async throws -> [InterfaceReading] {
            let engine = SNMPAgentEngine(resolve: recordings.viewResolver(clock: .fixed(SimulationTime(elapsed: .seconds(seconds)))))
            let responder = try await SNMPResponder.start(endpoints: [("127.0.0.1", 0)], engine: engine)
            let client = try await SNMPClient()
            defer { Task { await client.shutdown(); await responder.close() } }
            let port = try #require(responder.localAddresses.first?.port)
            let agent = try await client.agent("127.0.0.1", port: port, security: CommunitySecurity("sw"))
            return try await InterfaceCollector().collect(agent, time: Double(seconds)).interfaces
        }
        let first = try await poll(at: 0), second = try await poll(at: 60)
        #expect(second.map(\.index) == [1, 2])
        let uplink = try #require(second.first)
        #expect(uplink.name == "ge-0/0/1")
        #expect(uplink.alias == "uplink to core")
        #expect(uplink.speed == 10_000_000_000)  // ifHighSpeed, not the saturated ifSpeed
        #expect(uplink.inOctets?.width == .bits64)
        #expect(uplink.operStatus == .up)
        #expect(second[1].operStatus == .down)
        #expect(second.map(\.duplex) == [3, 2], "EtherLike-MIB duplex: full, half")

        let rates = InterfaceRates.between(first[0], second[0])
        #expect(rates.inBitsPerSecond == 100_000_000)
        #expect(rates.outBitsPerSecond == 10_000_000)
        #expect(rates.utilisation == 1)
        // ifInOctets.2 wrapped at 2^32 between the polls: still 1000 octets/s.
        let wrapped = InterfaceRates.between(first[1], second[1])
        #expect(first[1].inOctets?.width == .bits32)
        // (snmpsim wraps its numeric variation modulo 2^32 - 1, one octet short of RFC 2578.)
        #expect(abs((wrapped.inBitsPerSecond ?? 0) - 8000) < 1)
    }
}
