import ArgumentParser
import Foundation
import NIOCore
import Syslog
import SyslogServer

/// `netwarden syslog listen`: the receivers in the foreground, printing what arrives.
struct SyslogListenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listen",
        abstract: "Receive syslog over UDP, TCP and TLS and print each message as it arrives (Ctrl-C stops).")

    @Option(help: "UDP ADDR:PORT to listen on (repeatable). Default, with no listener given: 0.0.0.0:514.")
    var udp: [String] = []
    @Option(help: "TCP ADDR:PORT to listen on (repeatable); framing (octet counting or LF) is detected per frame.")
    var tcp: [String] = []
    @Option(help: "TLS ADDR:PORT to listen on (repeatable, RFC 5425); needs --cert and --key.")
    var tls: [String] = []
    @Option(help: "PEM certificate (chain) for TLS.") var cert: String?
    @Option(help: "PEM private key for TLS.") var key: String?

    @Flag(help: "One JSON object per message and line.") var json = false

    @Option(help: "UDP receive buffer to ask for, in bytes.") var udpBuffer = 4 << 20
    @Option(help: "Largest message kept whole, in bytes.") var maxMessageSize = Syslog.defaultMaximumMessageSize
    @Option(help: "Per-source limit, messages per second (UDP: excess dropped and counted; TCP/TLS: the sender is slowed).")
    var rateLimit: Double?
    @Option(help: "Per-source burst above the rate limit, in messages.") var rateBurst = 1_000
    @Option(help: "Close a stream connection idle this many seconds.") var idleTimeout: Int64 = 600
    @Option(help: "Print counters to standard error every N seconds (0: never).") var statsEvery = 0
    @Option(help: "Stop after N messages (for scripts and tests).") var count: Int?

    func validate() throws {
        if !tls.isEmpty && (cert == nil || key == nil) { throw ValidationError("--tls needs --cert and --key") }
    }

    func run() async throws {
        var configuration = SyslogServer.Configuration()
        configuration.udp = try udp.map(ListenAddress.parse)
        configuration.tcp = try tcp.map(ListenAddress.parse)
        configuration.tls = try tls.map(ListenAddress.parse)
        if configuration.udp.isEmpty && configuration.tcp.isEmpty && configuration.tls.isEmpty {
            configuration.udp = [.init(host: "0.0.0.0", port: 514)]
        }
        if let cert, let key { configuration.tlsFiles = .init(certificatePath: cert, privateKeyPath: key) }
        configuration.udpReceiveBufferSize = udpBuffer
        configuration.maximumMessageSize = maxMessageSize
        configuration.idleTimeoutSeconds = idleTimeout
        if let rateLimit { configuration.rateLimit = .init(messagesPerSecond: rateLimit, burst: rateBurst) }

        let server: SyslogServer
        do {
            server = try await SyslogServer.start(configuration)
        } catch {
            printError("cannot listen: \(error)")
            throw ExitCode(1)
        }
        var listening: [String] = []
        for transport in SyslogTransport.allCases {
            for address in server.localAddresses(transport) { listening.append("\(transport.rawValue) \(ListenAddress.describe(address))") }
        }
        let buffers = server.statistics.udpReceiveBufferSizes.map { "\($0 / 1024) KiB" }
        printError("listening on \(listening.joined(separator: ", "))"
                   + (buffers.isEmpty ? "" : " (UDP receive buffer \(buffers.joined(separator: ", ")))"))
        Interrupt.onInterrupt { printError(Self.describe(server.statistics)) }
        if statsEvery > 0 {
            let every = statsEvery
            Task {
                while true {
                    try await Task.sleep(for: .seconds(every))
                    printError(Self.describe(server.statistics))
                }
            }
        }
        var out = OutputBuffer()
        var n = 0
        for await received in server.messages {
            let origin = SyslogRendering.Origin(source: ListenAddress.describe(received.source), transport: received.transport.rawValue,
                                                framing: received.framing.map { $0 == .octetCounting ? "octet-counted" : "lf" })
            if json {
                out.append(SyslogRendering.json(received.message, origin: origin) + "\n")
            } else {
                out.append(SyslogRendering.text(received.message, origin: origin) + "\n\n")
            }
            n += 1
            if let count, n >= count { break }
            // Print as it arrives, but batch what arrives together.
            out.flush()
        }
        out.flush()
        printError(Self.describe(server.statistics))
        await server.close()
    }

    static func describe(_ s: SyslogServer.Statistics) -> String {
        "received udp \(s.receivedUDP) tcp \(s.receivedTCP) tls \(s.receivedTLS); udp kernel drops \(s.udpKernelDrops); "
            + "rate-limited datagrams \(s.rateLimitedDatagrams), stream pauses \(s.rateLimitedStreamPauses); "
            + "sink-full pauses \(s.backPressurePauses); truncated frames \(s.truncatedFrames); "
            + "connections open \(s.openConnections), accepted \(s.acceptedConnections), failed \(s.failedConnections)"
    }
}

/// `ADDR:PORT`, `[V6]:PORT` or `:PORT` (all addresses); port 0 lets the kernel choose.
enum ListenAddress {
    static func parse(_ text: String) throws -> SyslogServer.Endpoint {
        func port(_ s: Substring) throws -> Int {
            guard let p = Int(s), (0...65535).contains(p) else { throw ValidationError("bad port in '\(text)'") }
            return p
        }
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw ValidationError("'\(text)' is not [ADDR]:PORT")
            }
            return .init(host: String(text[text.index(after: text.startIndex)..<close]), port: try port(text[text.index(close, offsetBy: 2)...]))
        }
        guard let colon = text.lastIndex(of: ":") else { throw ValidationError("'\(text)' is not ADDR:PORT") }
        let host = text[..<colon]
        guard !host.contains(":") else { throw ValidationError("write IPv6 addresses as [ADDR]:PORT: '\(text)'") }
        return .init(host: host.isEmpty ? "0.0.0.0" : String(host), port: try port(text[text.index(after: colon)...]))
    }

    static func describe(_ address: SocketAddress) -> String {
        let ip = address.ipAddress ?? "?"
        let port = address.port ?? 0
        if case .v6 = address { return "[\(ip)]:\(port)" }
        return "\(ip):\(port)"
    }
}
