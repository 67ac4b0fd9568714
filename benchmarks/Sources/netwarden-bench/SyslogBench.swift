import ArgumentParser
import Foundation
import NIOCore
import SNMP
import Syslog
import SyslogServer
import Synchronization

/// `syslog-send`: the same 256-byte messages over one TCP connection, as fast as the receiver
/// takes them (its back-pressure is the pace), to netwarden or rsyslog alike. `--varied` sends
/// distinct device lines instead (Cisco, sshd, ASA, Junos, kernel-style; about 130 bytes), as the
/// storage benchmark needs for a realistic full-text index.
struct SyslogSendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "syslog-send", abstract: "Send N syslog messages over one TCP connection.")
    @Option var port: Int
    @Option var count = 1_000_000
    @Option var size = 256
    @Flag var octetCounting = false
    @Flag(help: "Distinct realistic lines (a pool of 2^20, generated before sending) instead of four 256-byte ones.")
    var varied = false
    @Flag(help: "Print the lines (one per line, at most 2^20) instead of sending them: benchmarks/tools/udp_send reads them.")
    var printLines = false

    /// 2^20 distinct lines in the shapes devices send, LF-framed, from a fixed seed.
    static func variedLines(_ count: Int) -> [[UInt8]] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let words = ["session", "opened", "closed", "accepted", "denied", "timeout", "neighbor", "adjacency", "bgp", "ospf", "vlan",
                     "trunk", "port", "security", "violation", "power", "supply", "fan", "temperature", "threshold", "exceeded",
                     "restored", "config", "saved", "committed", "rollback", "dhcp", "lease", "renewed", "arp", "duplicate",
                     "address", "spanning", "tree", "topology", "change", "ntp", "sync", "lost", "radius", "server", "unreachable",
                     "vpn", "tunnel", "ipsec"]
        return (0..<count).map { n in
            let device = Int(next() % 2000)
            let host = "sw\(device)-site\(device % 97)"
            let port = "GigabitEthernet\(next() % 4)/0/\(next() % 48 + 1)"
            let ip = "10.\(next() % 256).\(next() % 256).\(next() % 256)"
            let user = "user\(next() % 500)"
            let line: String
            switch next() % 10 {
            case 0: line = "<187>Mar  1 10:00:00 \(host) %LINK-3-UPDOWN: Interface \(port), changed state to \(next() % 2 == 0 ? "down" : "up")"
            case 1: line = "<189>Mar  1 10:00:00 \(host) %LINEPROTO-5-UPDOWN: Line protocol on Interface \(port), changed state to up"
            case 2: line = "<189>Mar  1 10:00:00 \(host) %SYS-5-CONFIG_I: Configured from console by \(user) on vty0 (\(ip))"
            case 3: line = "<36>Mar  1 10:00:00 \(host) sshd[\(next() % 30000)]: Failed password for \(user) from \(ip) port \(next() % 60000) ssh2"
            case 4: line = "<166>Mar  1 10:00:00 \(host) %ASA-6-302013: Built outbound TCP connection \(n) for outside:\(ip)/443 (\(ip)/443) to inside:10.1.1.\(next() % 254)/\(next() % 60000)"
            case 5: line = "<30>Mar  1 10:00:00 \(host) RT_FLOW: RT_FLOW_SESSION_CREATE: session created \(ip)/\(next() % 60000)->\(ip)/53 junos-dns-udp policy trust-to-untrust id \(n)"
            default:
                let salad = (0..<6).map { _ in words[Int(next() % UInt64(words.count))] }.joined(separator: " ")
                line = "<\(8 + next() % 8)>Mar  1 10:00:00 \(host) kernel: \(salad) on \(port) peer \(ip) id \(n % 100_000)"
            }
            return Array(line.utf8)
        }
    }

    /// A realistic mix: RFC 5424 with structured data, Cisco IOS, Junos and a BSD sshd line.
    static func messages(size: Int) -> [[UInt8]] {
        let bodies = [
            "<165>1 2026-03-01T10:00:00.123Z router17 sshd 4242 ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] Failed password for admin from 192.0.2.9 port 52211 ssh2",
            "<189>4242: router17: *Mar  1 10:00:00.123: %LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to down",
            "<28>Mar  1 10:00:00 mx-1 mgd[4242]: UI_COMMIT: User 'admin' requested 'commit' operation (comment: none)",
            "<38>Mar  1 10:00:00 web-3 sshd[4242]: Accepted publickey for deploy from 192.0.2.10 port 40022 ssh2",
        ]
        return bodies.map { body in
            var bytes = Array(body.utf8)
            if bytes.count < size { bytes += Array(" pad=".utf8) + Array(repeating: UInt8(ascii: "x"), count: max(0, size - bytes.count - 5)) }
            return Array(bytes.prefix(size))
        }
    }

    func run() throws {
        if printLines {
            for line in varied ? Self.variedLines(min(count, 1 << 20)) : Self.messages(size: size) {
                FileHandle.standardOutput.write(Data(line + [0x0A]))
            }
            return
        }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard rc == 0 else { throw ValidationError("cannot connect to 127.0.0.1:\(port)") }
        let framed = (varied ? Self.variedLines(min(count, 1 << 20)) : Self.messages(size: size)).map { m in
            octetCounting ? Array("\(m.count) ".utf8) + m : m + [0x0A]
        }
        // Chunks of 4,096 messages, built once, written again and again.
        let chunks: [[UInt8]] = stride(from: 0, to: framed.count, by: 4_096).map { first in
            (first..<(first + 4_096)).flatMap { framed[$0 % framed.count] }
        }
        let start = ContinuousClock.now
        var sent = 0
        var bytesSent = 0
        while sent < count {
            let n = min(4_096, count - sent)
            let bytes = n == 4_096 ? chunks[(sent / 4_096) % chunks.count] : (0..<n).flatMap { framed[(sent + $0) % framed.count] }
            var offset = 0
            while offset < bytes.count {
                let w = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
                guard w > 0 else { throw ValidationError("send failed: errno \(errno)") }
                offset += w
            }
            sent += n
            bytesSent += bytes.count
        }
        close(fd)
        let wall = (ContinuousClock.now - start).seconds
        print(String(format: "SENT messages=%ld bytes=%ld wall_s=%.3f", sent, bytesSent, wall))
    }
}

/// `syslog-receive`: the SyslogServer on one TCP port; every message parsed and classified on the
/// event loop, consumed from the sequence, until N have arrived.
struct SyslogReceiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "syslog-receive", abstract: "Receive N syslog messages over TCP and report rate and CPU.")
    @Option var port: Int
    @Option var count = 1_000_000

    func run() async throws {
        var configuration = SyslogServer.Configuration()
        configuration.tcp = [.init(host: "127.0.0.1", port: port)]
        let server = try await SyslogServer.start(configuration)
        print("READY", terminator: "\n")
        fflush(nil)
        var n = 0
        var classes: [EventClass: Int] = [:]
        var started: ContinuousClock.Instant?
        var cpuAtStart = 0.0
        for await received in server.messages {
            if started == nil {
                started = .now
                cpuAtStart = cpuSeconds()
            }
            classes[received.message.eventClass, default: 0] += 1
            n += 1
            if n >= count { break }
        }
        let wall = (ContinuousClock.now - (started ?? .now)).seconds
        let cpu = cpuSeconds() - cpuAtStart
        let stats = server.statistics
        await server.close()
        print(String(format: "RECEIVED messages=%d wall_s=%.3f msgs_per_s=%.0f cpu_s=%.3f cpu_s_per_million=%.2f linkDown=%d configChanged=%d loginFailure=%d pauses=%d rss_mb=%.0f",
                     n, wall, Double(n) / wall, cpu, cpu / Double(n) * 1e6, classes[.linkDown] ?? 0, classes[.configChanged] ?? 0,
                     classes[.loginFailure] ?? 0, stats.backPressurePauses, Double(residentBytes()) / 1e6))
    }
}

/// `traps-send`: snmptrap's v2c linkDown (sysUpTime, snmpTrapOID, ifIndex, ifAdminStatus,
/// ifOperStatus), encoded once, sent N times at a paced rate from one UDP socket.
struct TrapsSendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "traps-send", abstract: "Send N SNMPv2c linkDown traps at a paced rate.")
    @Option var port: Int
    @Option var count = 200_000
    @Option var rate = 50_000

    func run() throws {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let clock = ContinuousClock()
        let start = clock.now
        let batch = 100
        var sent = 0
        while sent < count {
            for _ in 0..<min(batch, count - sent) {
                let pdu = PDU(type: .snmpV2Trap, requestID: Int32(truncatingIfNeeded: sent), varBinds: [
                    VarBind("1.3.6.1.2.1.1.3.0", .timeTicks(UInt32(truncatingIfNeeded: sent))),
                    VarBind("1.3.6.1.6.3.1.1.4.1.0", .objectIdentifier("1.3.6.1.6.3.1.1.5.3")),
                    VarBind("1.3.6.1.2.1.2.2.1.1.7", .integer(7)),
                    VarBind("1.3.6.1.2.1.2.2.1.7.7", .integer(1)),
                    VarBind("1.3.6.1.2.1.2.2.1.8.7", .integer(2)),
                ])
                let bytes = CommunityMessage(version: .v2c, community: "public", pdu: pdu).encode()
                _ = bytes.withUnsafeBytes { b in withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, b.baseAddress, b.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } } }
                sent += 1
            }
            // Pace: the batch may not leave before its share of the second.
            let due = start + .nanoseconds(Int64(Double(sent) / Double(rate) * 1e9))
            while clock.now < due { }
        }
        close(fd)
        print(String(format: "SENT traps=%d wall_s=%.3f", sent, (clock.now - start).seconds))
    }
}

/// `traps-receive`: the SNMPResponder with a notification handler that reads each trap and maps
/// it to its event (what `traps listen` and the daemon do before printing or storing), until the
/// sender has been quiet for a second.
struct TrapsReceiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "traps-receive", abstract: "Receive traps, map them to events; report rate and CPU.")
    @Option var port: Int
    @Option var count = 200_000

    func run() async throws {
        let received = Atomic<Int>(0)
        let linkDowns = Atomic<Int>(0)
        let firstAt = Mutex<ContinuousClock.Instant?>(nil)
        let lastAt = Mutex<ContinuousClock.Instant?>(nil)
        let engine = SNMPAgentEngine(notifications: { n in
            let now = ContinuousClock.now
            firstAt.withLock { if $0 == nil { $0 = now } }
            lastAt.withLock { $0 = now }
            if let content = NotificationContent(n.pdu), TrapEvent.map(content).kind == .linkDown, TrapEvent.map(content).ifIndex == 7 {
                linkDowns.wrappingAdd(1, ordering: .relaxed)
            }
            received.wrappingAdd(1, ordering: .relaxed)
        }, notificationCommunities: ["public"], resolve: { _ in nil })
        let responder = try await SNMPResponder.start(endpoints: [("127.0.0.1", port)], engine: engine)
        print("READY")
        fflush(nil)
        let cpuAtStart = cpuSeconds()
        while received.load(ordering: .relaxed) == 0 { try await Task.sleep(for: .milliseconds(5)) }
        var previous = -1
        while received.load(ordering: .relaxed) < count {
            try await Task.sleep(for: .seconds(1))
            let now = received.load(ordering: .relaxed)
            if now == previous { break }
            previous = now
        }
        let cpu = cpuSeconds() - cpuAtStart
        let n = received.load(ordering: .relaxed)
        let span = (lastAt.withLock { $0! } - firstAt.withLock { $0! }).seconds
        await responder.close()
        print(String(format: "RECEIVED traps=%d mapped_linkDown=%d lost=%d span_s=%.3f traps_per_s=%.0f cpu_s=%.3f cpu_s_per_million=%.2f",
                     n, linkDowns.load(ordering: .relaxed), count - n, span, Double(n) / max(span, 1e-9), cpu, cpu / Double(max(n, 1)) * 1e6))
    }
}
