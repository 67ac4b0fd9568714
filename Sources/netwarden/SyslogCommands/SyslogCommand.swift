import ArgumentParser
import Foundation
import Syslog

/// `netwarden syslog`: the parser on pasted logs and the receivers in the foreground.
struct SyslogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "syslog", abstract: "Parse syslog messages, or receive them over UDP, TCP and TLS.",
        subcommands: [SyslogParseCommand.self, SyslogListenCommand.self, SyslogSearchCommand.self])
}

enum InputFraming: String, ExpressibleByArgument, CaseIterable {
    case lf
    case octetCounted = "octet-counted"
    case datagram
}

/// `netwarden syslog parse`: messages on standard input, one parsed message out per message in.
struct SyslogParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse syslog messages from standard input and print their fields, event class and flags.")

    @Option(help: "How messages are delimited: lf (one a line), octet-counted (RFC 6587 `LEN MSG`, lines too), datagram (all of the input is one message).")
    var framing: InputFraming = .lf

    @Flag(help: "One JSON object per message and line.")
    var json = false

    @Option(help: "Largest message parsed, in bytes; longer ones are kept raw and flagged.")
    var maxMessageSize = Syslog.defaultMaximumMessageSize

    func run() async throws {
        let parser = SyslogParser(options: .init(maximumMessageSize: maxMessageSize))
        var out = OutputBuffer()
        var first = true
        func emit(_ bytes: [UInt8], truncated: Bool = false) {
            let m = parser.parse(SyslogFrame(bytes: bytes, framing: .octetCounting, isTruncated: truncated), receivedAt: .wallClockNow)
            if json {
                out.append(SyslogRendering.json(m) + "\n")
            } else {
                out.append((first ? "" : "\n") + SyslogRendering.text(m) + "\n")
                first = false
            }
        }
        let input = StandardInput()
        switch framing {
        case .datagram:
            var all: [UInt8] = []
            while let chunk = input.read() { all += chunk }
            emit(all)
        case .lf:
            func emitLine(_ l: [UInt8]) {
                var l = l
                if l.last == 0x0D { l.removeLast() }
                if l.isEmpty { return }
                emit(l)
            }
            var line: [UInt8] = []
            // Lines are cut at the size limit + 1 so that an endless line cannot take the memory.
            var skipping = false
            while let chunk = input.read() {
                for b in chunk {
                    if b == 0x0A {
                        if !skipping { emitLine(line) }
                        line.removeAll(keepingCapacity: true)
                        skipping = false
                    } else if !skipping {
                        line.append(b)
                        if line.count > maxMessageSize {
                            emitLine(line)
                            line.removeAll(keepingCapacity: true)
                            skipping = true
                        }
                    }
                }
            }
            if !line.isEmpty, !skipping { emitLine(line) }
        case .octetCounted:
            var framer = SyslogFramer(maximumFrameSize: maxMessageSize)
            while let chunk = input.read() {
                framer.append(chunk)
                while let f = framer.nextFrame() { emit(f.bytes, truncated: f.isTruncated) }
            }
            if let f = framer.finish() { emit(f.bytes, truncated: f.isTruncated) }
        }
        out.flush()
    }
}

/// Standard input in 64 KiB reads.
struct StandardInput {
    func read() -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { Foundation.read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            return Array(buffer[0..<n])
        }
    }
}

extension SyslogInstant {
    static var wallClockNow: SyslogInstant { SyslogInstant(timeIntervalSince1970: Date().timeIntervalSince1970) }
}
