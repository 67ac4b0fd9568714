import ArgumentParser
import Foundation
import SNMP

@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "netwarden-bench",
        abstract: "Benchmarks of the SNMP engine and receivers; benchmarks/run.sh runs them beside their peers.",
        subcommands: [RecordCommand.self, DecodeCommand.self, FleetCommand.self, LoadCommand.self, RecordingsCommand.self,
                      SyslogSendCommand.self, SyslogReceiveCommand.self, TrapsSendCommand.self, TrapsReceiveCommand.self])
}

/// Walks subtrees and saves every raw response datagram (4-byte big-endian length, bytes).
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "record", abstract: "Save the raw responses of a walk.")
    @Option var community = "public"
    @Option var maxRepetitions = 25
    @Option var output: String
    @Argument var host: String
    @Argument var roots: [String]

    func run() async throws {
        let recorder = RecordingSecurity(inner: CommunitySecurity(community))
        let client = try await SNMPClient()
        let agent = try await client.agent(host, security: recorder, options: .init(retry: RetryPolicy(timeout: .seconds(10), retries: 2), maxRepetitions: maxRepetitions))
        var varBinds = 0
        for root in roots { varBinds += try await agent.walk(OID(parsing: root)).collect().count }
        var file = Data()
        for datagram in recorder.datagrams.get() {
            var length = UInt32(datagram.count).bigEndian
            file.append(Data(bytes: &length, count: 4))
            file.append(contentsOf: datagram)
        }
        try file.write(to: URL(fileURLWithPath: output))
        print("recorded \(recorder.datagrams.get().count) responses, \(varBinds) varbinds")
        await client.shutdown()
    }
}

/// Community security that keeps a copy of every response datagram.
final class RecordingSecurity: SNMPSecurityModel {
    let inner: CommunitySecurity
    let datagrams = Shared<[[UInt8]]>([])
    init(inner: CommunitySecurity) { self.inner = inner }
    var version: SNMPVersion { inner.version }
    var description: String { "recording \(inner)" }

    func request(_ pdu: PDU, over channel: SNMPRequestChannel) async throws -> PDU {
        var pdu = pdu
        pdu.requestID = channel.nextID()
        let answer = try await channel.exchange(CommunityMessage(version: version, community: inner.community, pdu: pdu).encode(), id: pdu.requestID)
        datagrams.update { $0.append(answer) }
        guard case .community(let m) = try SNMPMessage.decode(answer).message, case .pdu(let response) = m.pdu else {
            throw SNMPClientError(.unexpectedResponse, agent: channel.agent, "not a response")
        }
        return response
    }
}

/// Decodes recorded responses in a loop: the engine alone, no I/O, no printing.
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "decode", abstract: "Time and count allocations of decoding recorded responses.")
    @Option var seconds = 3.0
    @Argument var file: String

    func run() throws {
        let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        var datagrams: [[UInt8]] = []
        var offset = 0
        while offset + 4 <= data.count {
            let length = Int(data[offset]) << 24 | Int(data[offset + 1]) << 16 | Int(data[offset + 2]) << 8 | Int(data[offset + 3])
            datagrams.append(Array(data[(offset + 4)..<(offset + 4 + length)]))
            offset += 4 + length
        }
        var perPass = 0
        for datagram in datagrams { perPass += try SNMPMessage.decode(datagram).message.varBindCount }
        // Allocations of one pass, counted by benchmarks/malloc-count.so when preloaded.
        let before = MallocCounter.count()
        var checksum = 0
        for datagram in datagrams { checksum &+= try SNMPMessage.decode(datagram).message.varBindCount }
        let allocations = MallocCounter.count().map { $0 - before! }
        let clock = ContinuousClock()
        var passes = 0
        let start = clock.now
        let cpuStart = cpuSeconds()
        while clock.now - start < .seconds(seconds) {
            for datagram in datagrams { checksum &+= try SNMPMessage.decode(datagram).message.varBindCount }
            passes += 1
        }
        let cpu = cpuSeconds() - cpuStart
        let total = Double(passes * perPass)
        let perVarBind = allocations.map { String(format: "%.3f", Double($0) / Double(perPass)) } ?? "n/a (preload benchmarks/malloc-count.so)"
        print(String(format: "DECODE responses=%d varbinds=%d passes=%d ns_per_varbind=%.1f cpu_ns_per_varbind=%.1f allocations_per_varbind=%@ checksum=%d",
                     datagrams.count, perPass, passes, (clock.now - start).seconds * 1e9 / total, cpu * 1e9 / total, perVarBind, checksum))
    }
}

/// One GET of `oids` variables to each of `count` agents on consecutive loopback addresses, all at once.
struct FleetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fleet", abstract: "One multi-varbind GET to each of many agents at once.")
    @Option var first = "127.1.0.1"
    @Option var count = 10_000
    @Option var port = 161
    @Option var community = "public"
    @Option var oids = 20
    @Option var timeout = 5.0
    @Option var retries = 1
    @Option(help: "SNMPv3 authPriv as USER:SHA:AUTHPASS:AES:PRIVPASS (SHA/AES only) instead of a community; the context is --community.")
    var v3: String?

    func security() throws -> any SNMPSecurityModel {
        guard let v3 else { return CommunitySecurity(community) }
        let parts = v3.split(separator: ":").map(String.init)
        guard parts.count == 5, parts[1] == "SHA", parts[3] == "AES" else { throw ValidationError("--v3 USER:SHA:AUTHPASS:AES:PRIVPASS") }
        let user = try USMUser(name: parts[0], level: .authPriv, authProtocol: .sha1, authPassword: parts[2],
                               privProtocol: .aes128, privPassword: parts[4])
        return USMSecurity(user: user, contextName: OctetString(community))
    }

    func run() async throws {
        guard let base = IPv4Address(first) else { throw ValidationError("bad --first") }
        let security = try security()
        let client = try await SNMPClient()
        // sysDescr..sysServices, then the columns of ifTable row 1: present in a typical recording.
        let system: OID = "1.3.6.1.2.1.1", ifEntry: OID = "1.3.6.1.2.1.2.2.1"
        var variables: [OID] = []
        for i in 0..<oids {
            variables.append(i < 7 ? system.appending([UInt32(i + 1), 0]) : ifEntry.appending([UInt32(i - 6), 1]))
        }
        var agents: [SNMPAgent] = []
        for i in 0..<count {
            let address = IPv4Address(base.value &+ UInt32(i)).description
            agents.append(try await client.agent(address, port: port, security: security,
                                                 options: .init(retry: RetryPolicy(timeout: .milliseconds(Int64(timeout * 1000)), retries: retries))))
        }
        let rssBefore = residentBytes()
        let cpuBefore = cpuSeconds()
        let clock = ContinuousClock()
        let start = clock.now
        let peak = Shared(0)
        let firstError = Shared<String?>(nil)
        let remaining = Shared(count)
        let finishedAt = Shared(start)
        let requested = variables
        let results = await withTaskGroup(of: (Bool, Int).self) { group in
            for agent in agents {
                group.addTask {
                    defer {
                        remaining.update { $0 -= 1 }
                        finishedAt.update { $0 = max($0, clock.now) }
                    }
                    do { return (true, try await agent.get(requested).count) } catch {
                        firstError.update { if $0 == nil { $0 = "\(error)" } }
                        return (false, 0)
                    }
                }
            }
            // Sample RSS while requests are outstanding.
            group.addTask {
                while remaining.get() > 0 {
                    peak.update { $0 = max($0, residentBytes()) }
                    try? await Task.sleep(for: .milliseconds(5))
                }
                return (true, -1)
            }
            var answered = 0, failed = 0, varBinds = 0
            for await (ok, n) in group where n >= 0 {
                if ok { answered += 1; varBinds += n } else { failed += 1 }
            }
            return (answered, failed, varBinds)
        }
        let wall = (finishedAt.get() - start).seconds
        let cpu = cpuSeconds() - cpuBefore
        let perRequest = Double(max(0, peak.get() - rssBefore)) / Double(count)
        print(String(format: "FLEET agents=%d answered=%d failed=%d varbinds=%d wall_s=%.3f client_cpu_s=%.3f rss_growth_bytes_per_outstanding_request=%.0f",
                     count, results.0, results.1, results.2, wall, cpu, perRequest))
        if let error = firstError.get() { print("FLEET first error: \(error)") }
        await client.shutdown()
    }
}

/// Floods one agent with single-varbind GETs from `concurrency` workers for `seconds`.
struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "load", abstract: "Single-varbind GET load against one agent.")
    @Option var port = 161
    @Option var community = "public"
    @Option var concurrency = 256
    @Option var seconds = 5.0
    @Option var oid = "1.3.6.1.2.1.1.5.0"
    @Argument var host: String

    func run() async throws {
        let client = try await SNMPClient(configuration: .init(maxRequestsInFlightPerAgent: concurrency))
        let agent = try await client.agent(host, port: port, security: CommunitySecurity(community),
                                           options: .init(retry: RetryPolicy(timeout: .seconds(2), retries: 0)))
        let target = try OID(parsing: oid)
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(seconds)
        let start = clock.now
        let (answered, failed) = await withTaskGroup(of: (Int, Int).self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var ok = 0, bad = 0
                    while clock.now < deadline {
                        do { _ = try await agent.get([target]); ok += 1 } catch { bad += 1 }
                    }
                    return (ok, bad)
                }
            }
            return await group.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
        }
        let wall = (clock.now - start).seconds
        print(String(format: "LOAD answered=%d failed=%d wall_s=%.3f requests_per_s=%.0f", answered, failed, wall, Double(answered) / wall))
        await client.shutdown()
    }
}

// MARK: - Measurement helpers

final class Shared<Value: Sendable>: @unchecked Sendable {
    // @unchecked: every access holds the lock.
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.withLock { value } }
    func update(_ body: (inout Value) -> Void) { lock.withLock { body(&value) } }
}

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

func residentBytes() -> Int {
    guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = statm.split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
}

enum MallocCounter {
    /// The count kept by benchmarks/malloc-count.so, or nil when it is not preloaded.
    static func count() -> Int? {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "netwarden_malloc_count") else { return nil }
        typealias Getter = @convention(c) () -> UInt64
        return Int(unsafeBitCast(symbol, to: Getter.self)())
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

extension SNMPMessage {
    var varBindCount: Int {
        switch self {
        case .community(let m): m.pdu.varBinds.count
        case .v3: 0
        }
    }
}
