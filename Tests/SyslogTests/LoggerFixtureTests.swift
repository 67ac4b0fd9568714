import Foundation
import Syslog
import Testing

/// What util-linux `logger` really sends, recorded by `Fixtures/capture-logger.py`, parsed back.
struct LoggerFixtureTests {
    /// The recordings were made at 2026-11-22T01:16:18Z; RFC 3164 lines need a nearby reception time for the year.
    static let capturedAt = SyslogInstant(secondsSince1970: 1_795_310_179)

    func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "bin", subdirectory: "Fixtures"))
        return try [UInt8](Data(contentsOf: url))
    }

    func parse(_ name: String) throws -> SyslogMessage {
        SyslogParser.parse(try fixture(name), receivedAt: Self.capturedAt, sourceAddress: "127.0.0.1")
    }

    @Test func rfc5424() throws {
        let m = try parse("logger-rfc5424")
        #expect(m.format == .rfc5424)
        #expect(m.priority == SyslogPriority(facility: .local7, severity: .notice))
        #expect(m.hostname == "vm")
        #expect(m.appName == "netwarden-test")
        #expect(m.procID == nil && m.msgID == nil)
        #expect(m.timestamp?.text == "2026-11-22T01:16:18.820383+00:00")
        #expect(m.timestamp?.instant == SyslogInstant(secondsSince1970: 1_795_310_178, nanoseconds: 820_383_000))
        #expect(m.structuredData.first?.id == "timeQuality")
        #expect(m.structuredData.first?["tzKnown"] == "1")
        #expect(m.structuredData.first?["isSynced"] == "0")
        #expect(m.message == "hello from logger rfc5424")
        #expect(m.flags == [])
        #expect(m.sourceAddress == "127.0.0.1")
    }

    @Test func rfc5424StructuredDataWithEscapes() throws {
        let m = try parse("logger-rfc5424-sd")
        #expect(m.msgID == "ID47")
        #expect(m.structuredData.count == 2)
        let zoo = m.structuredData[1]
        #expect(zoo.id == "zoo@32473")
        #expect(zoo["tiger"] == "hungry")
        #expect(zoo["quote"] == #"say "hi" [ok]"#)
        #expect(m.message == "structured data from logger")
        #expect(!m.flags.contains(.malformedStructuredData))
    }

    @Test func rfc5424NilValues() throws {
        let m = try parse("logger-rfc5424-bare")
        #expect(m.priority == SyslogPriority(facility: .auth, severity: .warning))
        #expect(m.timestamp == nil)
        #expect(m.hostname == nil)
        #expect(m.flags == [.noTimestamp, .noHostname])
        #expect(m.structuredData.isEmpty)
        #expect(m.message == "no time, no host, no tq")
    }

    @Test func rfc5424UTF8() throws {
        let m = try parse("logger-rfc5424-utf8")
        #expect(m.message == "grüße, 日本, 🎉")
        #expect(!m.flags.contains(.invalidUTF8))
        #expect(!m.flags.contains(.byteOrderMark))  // logger sends no BOM
    }

    @Test func rfc3164() throws {
        let m = try parse("logger-rfc3164")
        #expect(m.format == .rfc3164)
        #expect(m.priority?.value == 189)
        #expect(m.hostname == "vm")
        #expect(m.appName == "netwarden-test")
        #expect(m.timestamp?.instant?.secondsSince1970 == 1_795_310_178)
        #expect(m.flags == [.inferredYear, .assumedTimeZone])
        #expect(m.message == "hello from logger rfc3164")
    }

    @Test func rfc3164WithPID() throws {
        let m = try parse("logger-rfc3164-pid")
        #expect(m.priority == SyslogPriority(facility: .authpriv, severity: .informational))
        #expect(m.appName == "sshd")
        #expect(m.procID == "4242")
        #expect(m.eventClass == .loginFailure)
    }

    @Test(arguments: [1, 2, 3, 10, 64, 100_000])
    func tcpOctetCounting(chunk: Int) throws {
        let frames = try frames("logger-tcp-octet-count", chunk: chunk)
        #expect(frames.count == 3)
        #expect(frames.allSatisfy { $0.framing == .octetCounting })
        let messages = frames.map { SyslogParser().parse($0, receivedAt: Self.capturedAt) }
        #expect(messages.map(\.message.s) == ["first line", "second line", "third line with %LINK-3-UPDOWN: Interface Gi0/1, changed state to down"])
        #expect(messages.allSatisfy { $0.format == .rfc5424 && $0.hostname == "vm" })
    }

    @Test(arguments: [1, 2, 3, 10, 64, 100_000])
    func tcpLineFeed(chunk: Int) throws {
        let frames = try frames("logger-tcp-lf", chunk: chunk)
        #expect(frames.count == 3)
        #expect(frames.allSatisfy { $0.framing == .nonTransparent })
        let messages = frames.map { SyslogParser().parse($0, receivedAt: Self.capturedAt) }
        #expect(messages.map(\.message.s) == ["first line", "second line", "third line with %LINK-3-UPDOWN: Interface Gi0/1, changed state to down"])
    }

    func frames(_ name: String, chunk: Int) throws -> [SyslogFrame] {
        let stream = try fixture(name)
        var framer = SyslogFramer()
        var out: [SyslogFrame] = []
        var i = 0
        while i < stream.count {
            let j = min(i + chunk, stream.count)
            out += framer.frames(appending: stream[i..<j])
            i = j
        }
        if let last = framer.finish() { out.append(last) }
        return out
    }

    /// Runs the installed `logger` (no network: `--no-act --stderr`) and parses what it would send.
    @Test func liveLogger() throws {
        let path = ["/usr/bin/logger", "/bin/logger"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("util-linux logger is not installed") }
            return
        }
        for (format, expected) in [("--rfc5424", SyslogFormat.rfc5424), ("--rfc3164", .rfc3164)] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: path)
            p.arguments = ["-n", "127.0.0.1", "-P", "9", "--udp", format, "--no-act", "--stderr", "-t", "live", "-p", "local3.err", "live check"]
            let pipe = Pipe()
            p.standardError = pipe
            try p.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            let now = SyslogInstant(timeIntervalSince1970: Date().timeIntervalSince1970)
            let m = SyslogParser.parse([UInt8](data), receivedAt: now)
            #expect(m.format == expected)
            #expect(m.priority == SyslogPriority(facility: .local3, severity: .error))
            #expect(m.appName == "live")
            #expect(m.message == "live check")
            let t = try #require(m.timestamp?.instant)
            #expect(abs(t.secondsSince1970 - now.secondsSince1970) < 2 * 86_400)
        }
    }
}
