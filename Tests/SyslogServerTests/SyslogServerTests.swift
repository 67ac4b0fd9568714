import TestSockets
import NIOCore
import Syslog
import Testing
@testable import SyslogServer

/// The listeners on loopback, fed by plain sockets: framing per connection, back-pressure without
/// loss, bounded frames, stalled peers, rate limits and the kernel's UDP drop count.
@Suite(.serialized)
struct SyslogServerTests {
    func start(_ configure: (inout SyslogServer.Configuration) -> Void) async throws -> SyslogServer {
        var c = SyslogServer.Configuration()
        c.udp = [.init(host: "127.0.0.1", port: 0)]
        c.tcp = [.init(host: "127.0.0.1", port: 0)]
        configure(&c)
        return try await SyslogServer.start(c)
    }

    /// Takes `count` messages; the deadline is checked between messages, so ask only for what will come.
    func take(_ count: Int, from iterator: inout SyslogMessageSequence.AsyncIterator, seconds: Double = 10) async throws
        -> [ReceivedSyslogMessage]
    {
        var out: [ReceivedSyslogMessage] = []
        let deadline = ContinuousClock.now + .seconds(seconds)
        while out.count < count {
            guard ContinuousClock.now < deadline else { break }
            guard let m = await iterator.next() else { break }
            out.append(m)
        }
        return out
    }

    @Test func udpDatagramsArriveParsedWithSourceAndTransport() async throws {
        let server = try await start { _ in }
        let port = server.localAddresses(.udp)[0].port!
        let sender = TestSocket.udp()
        sender.send(Array("<189>42: *Mar  1 00:01:02.345: %SYS-5-CONFIG_I: Configured from console by admin on vty0".utf8), to: port)
        var big = Array("<14>1 2024-03-01T00:00:00Z host app - - - ".utf8)
        big += Array(repeating: UInt8(ascii: "x"), count: 60_000)
        sender.send(big, to: port)
        var it = server.messages.makeAsyncIterator()
        let got = try await take(2, from: &it)
        #expect(got.count == 2)
        #expect(got[0].transport == .udp && got[0].framing == nil)
        #expect(got[0].message.sourceAddress == "127.0.0.1")
        #expect(got[0].message.eventClass == .configChanged)
        #expect(got[1].message.raw == big, "a 60 KB datagram is kept whole")
        #expect(server.statistics.receivedUDP == 2)
        #expect(server.statistics.udpReceiveBufferSizes[0] >= 4 << 20, "root may force the buffer past rmem_max")
        await server.close()
    }

    @Test func tcpFramingIsDetectedPerFrameAndConnection() async throws {
        let server = try await start { _ in }
        let port = server.localAddresses(.tcp)[0].port!
        let a = try TestSocket.tcp(port: port)
        let first = "<13>Mar  1 00:00:00 host app: first line"
        let second = "<13>1 2024-03-01T00:00:00Z host app - - - counted frame with\nan LF inside"
        try a.write(Array("\(first)\n\(second.utf8.count) \(second)<13>Mar  1 00:00:00 host app: third\n".utf8))
        var it = server.messages.makeAsyncIterator()
        let got = try await take(3, from: &it)
        #expect(got.map(\.framing) == [.nonTransparent, .octetCounting, .nonTransparent])
        #expect(got[1].message.message == "counted frame with\nan LF inside")
        #expect(got.allSatisfy { $0.transport == .tcp && $0.message.sourceAddress == "127.0.0.1" })
        await server.close()
    }

    @Test func aStalledHalfFrameHoldsUpNobodyAndIsKeptFlaggedWhenItsPeerLeaves() async throws {
        let server = try await start { _ in }
        let port = server.localAddresses(.tcp)[0].port!
        let staller = try TestSocket.tcp(port: port)
        try staller.write(Array("120 <13>1 2024-03-01T00:00:00Z host app - - - only half".utf8))
        let good = try TestSocket.tcp(port: port)
        for i in 0..<50 { try good.write(Array("<13>Mar  1 00:00:00 host app: good \(i)\n".utf8)) }
        var it = server.messages.makeAsyncIterator()
        let got = try await take(50, from: &it)
        #expect(got.count == 50)
        #expect(got.allSatisfy { $0.message.message?.string.hasPrefix("good") == true })
        staller.shutdownWrite()
        let last = try await take(1, from: &it)
        #expect(last.first?.message.flags.contains(.truncated) == true)
        #expect(last.first?.message.message == "only half")
        await server.close()
    }

    @Test func anOversizeFrameIsCutFlaggedAndTheStreamGoesOn() async throws {
        let server = try await start { $0.maximumMessageSize = 256 }
        let port = server.localAddresses(.tcp)[0].port!
        let s = try TestSocket.tcp(port: port)
        let long = "<13>Mar  1 00:00:00 host app: " + String(repeating: "y", count: 100_000)
        try s.write(Array("\(long)\n<13>Mar  1 00:00:00 host app: after\n".utf8))
        var it = server.messages.makeAsyncIterator()
        let got = try await take(2, from: &it)
        #expect(got.count == 2)
        #expect(got[0].message.raw.count == 256 && got[0].message.flags.contains(.truncated))
        #expect(got[1].message.message == "after")
        #expect(server.statistics.truncatedFrames == 1)
        await server.close()
    }

    @Test func aFullSinkStopsTCPReadingAndNothingIsLost() async throws {
        let server = try await start { $0.sinkCapacity = 64 }
        let port = server.localAddresses(.tcp)[0].port!
        let s = try TestSocket.tcp(port: port)
        s.setSendBuffer(4_096)
        let line = Array("<13>Mar  1 00:00:00 host app: \(String(repeating: "z", count: 200))\n".utf8)
        var payload: [UInt8] = []
        for _ in 0..<20_000 { payload += line }
        // Nobody consumes: the server reads until the sink is full, then the kernel buffers fill
        // and the sender can no longer write.
        var written = 0
        for _ in 0..<50 {
            written += s.writeNonBlocking(Array(payload[written...]))
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(written < payload.count, "the sender was never held back")
        #expect(server.statistics.backPressurePauses >= 1)
        #expect(server.statistics.receivedTCP < 20_000)
        // Consume everything; the sender finishes; every line arrives.
        let consumer = Task { [server] in
            var it = server.messages.makeAsyncIterator()
            var n = 0
            while n < 20_000, await it.next() != nil { n += 1 }
            return n
        }
        try s.write(Array(payload[written...]))
        #expect(await consumer.value == 20_000)
        await server.close()
    }

    @Test func aFloodingUDPSourceIsLimitedAndTheOthersStillArrive() async throws {
        let server = try await start { $0.rateLimit = .init(messagesPerSecond: 10, burst: 20) }
        let port = server.localAddresses(.udp)[0].port!
        let flooder = TestSocket.udp(source: "127.0.0.1")
        let quiet = TestSocket.udp(source: "127.0.0.2")
        for i in 0..<1_000 {
            flooder.send(Array("<13>Mar  1 00:00:00 flood app: \(i)".utf8), to: port)
            if i % 100 == 0 { quiet.send(Array("<13>Mar  1 00:00:00 quiet app: \(i)".utf8), to: port) }
        }
        var it = server.messages.makeAsyncIterator()
        let got = try await take(30, from: &it, seconds: 2)
        let quietCount = got.filter { $0.message.sourceAddress == "127.0.0.2" }.count
        let floodCount = got.filter { $0.message.sourceAddress == "127.0.0.1" }.count
        #expect(quietCount == 10)
        #expect(floodCount >= 20 && floodCount <= 25)
        try await Task.sleep(for: .milliseconds(300))
        #expect(server.statistics.rateLimitedDatagrams >= 970)
        await server.close()
    }

    @Test func aFloodingTCPSourceIsSlowedNotDropped() async throws {
        let server = try await start { $0.rateLimit = .init(messagesPerSecond: 2_000, burst: 100) }
        let port = server.localAddresses(.tcp)[0].port!
        let s = try TestSocket.tcp(port: port)
        var payload: [UInt8] = []
        for i in 0..<1_000 { payload += Array("<13>Mar  1 00:00:00 host app: \(i)\n".utf8) }
        let clock = ContinuousClock()
        let start = clock.now
        try s.write(payload)
        var it = server.messages.makeAsyncIterator()
        let got = try await take(1_000, from: &it)
        let elapsed = clock.now - start
        #expect(got.count == 1_000)
        #expect(elapsed >= .milliseconds(350), "1,000 messages at 2,000/s after a burst of 100 take about 0.45 s")
        #expect(server.statistics.rateLimitedStreamPauses >= 1)
        await server.close()
    }

    @Test func theKernelsUDPDropsAreCountedWhenTheSinkStallsTheSocket() async throws {
        let server = try await start {
            $0.sinkCapacity = 8
            $0.udpReceiveBufferSize = 16_384
        }
        let port = server.localAddresses(.udp)[0].port!
        let sender = TestSocket.udp()
        let sent = 3_000
        for i in 0..<sent { sender.send(Array("<13>Mar  1 00:00:00 host app: \(i) \(String(repeating: "p", count: 200))".utf8), to: port) }
        try await Task.sleep(for: .milliseconds(200))
        let drops = server.statistics.udpKernelDrops
        #expect(drops > 0)
        var it = server.messages.makeAsyncIterator()
        let got = try await take(sent - drops, from: &it, seconds: 5)
        #expect(got.count == sent - drops, "every datagram is either received or counted as dropped")
        #expect(server.statistics.udpKernelDrops == drops)
        await server.close()
    }

    @Test func anIdlePeerIsClosedAndItsHalfFrameKept() async throws {
        let server = try await start { $0.idleTimeoutSeconds = 1 }
        let port = server.localAddresses(.tcp)[0].port!
        let s = try TestSocket.tcp(port: port)
        try s.write(Array("<13>Mar  1 00:00:00 host app: no line feed yet".utf8))
        var it = server.messages.makeAsyncIterator()
        let got = try await take(1, from: &it, seconds: 5)
        #expect(got.first?.message.message == "no line feed yet")
        #expect(server.statistics.idleClosedConnections == 1)
        await server.close()
    }

    @Test func connectionsBeyondTheLimitAreRefused() async throws {
        let server = try await start { $0.maximumConnections = 2 }
        let port = server.localAddresses(.tcp)[0].port!
        let a = try TestSocket.tcp(port: port), b = try TestSocket.tcp(port: port)
        try await Task.sleep(for: .milliseconds(100))
        let c = try TestSocket.tcp(port: port)
        try await Task.sleep(for: .milliseconds(100))
        for (i, s) in [a, b, c].enumerated() { try? s.write(Array("<13>Mar  1 00:00:00 host app: from \(i)\n".utf8)) }
        var it = server.messages.makeAsyncIterator()
        let got = try await take(2, from: &it)
        try await Task.sleep(for: .milliseconds(200))
        #expect(Set(got.compactMap { $0.message.message?.string }) == ["from 0", "from 1"])
        #expect(server.statistics.refusedConnections == 1 && server.statistics.openConnections == 2)
        await server.close()
    }
}
