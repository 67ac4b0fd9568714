import ArgumentParser
import Foundation
import SNMP
import SNMPSimulator

/// Loads a folder of snmpsim recordings, then times Get and GetNext on its largest recording:
/// the simulator's side of `netwarden simulate`, without I/O.
struct RecordingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recordings", abstract: "Time loading .snmprec recordings and answering from them.")
    @Option(help: "Files parsed at once (default: one per processor).") var parallelism: Int?
    @Option(help: "Distinct OIDs looked up in the hot-cache run.") var hot = 1_000
    @Option var lookups = 1_000_000
    @Argument(help: "A folder of .snmprec / .snmprec.bz2 files, e.g. snmpsim-data's data folder.") var directory: String

    func run() async throws {
        let clock = ContinuousClock()
        let cpuStart = cpuSeconds()
        let start = clock.now
        let set = try await SNMPRecordingSet.load(directory: directory, parallelism: parallelism)
        let wall = (clock.now - start).seconds
        let cpu = cpuSeconds() - cpuStart
        let variables = set.recordings.values.reduce(0) { $0 + $1.count }
        var codes: [String: Int] = [:]
        for warning in set.warnings { codes["\(warning.code)", default: 0] += 1 }
        let warnings = codes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        print(String(format: "LOAD recordings=%d variables=%d wall_s=%.3f cpu_s=%.3f rss_mb=%d warnings=%@",
                     set.recordings.count, variables, wall, cpu, residentBytes() >> 20, warnings))

        guard let (name, recording) = set.recordings.max(by: { $0.value.count < $1.value.count }) else { return }
        let all = recording.varBinds(at: .start).map(\.oid)
        let time = SimulationTime(elapsed: .seconds(60))
        for (label, pool) in [("hot", Array(all.shuffled().prefix(hot))), ("cold", all)] {
            let probes = (0..<lookups).map { _ in pool[Int.random(in: 0..<pool.count)] }
            var misses = 0
            let mallocBefore = MallocCounter.count()
            var t0 = cpuSeconds()
            for oid in probes where recording.get(oid, at: time).isException { misses += 1 }
            let getNs = (cpuSeconds() - t0) * 1e9 / Double(lookups)
            let getAllocations = MallocCounter.count().map { Double($0 - mallocBefore!) / Double(lookups) }
            t0 = cpuSeconds()
            for oid in probes where recording.next(after: oid, at: time) == nil { misses += 1 }
            let nextNs = (cpuSeconds() - t0) * 1e9 / Double(lookups)
            print(String(format: "LOOKUP recording=%@ variables=%d oids=%@ get_ns=%.0f next_ns=%.0f get_allocations=%@ misses=%d",
                         name, recording.count, label, getNs, nextNs,
                         getAllocations.map { String(format: "%.3f", $0) } ?? "n/a", misses))
        }

        // The responder's engine answering single-varbind GETs from this recording, no sockets:
        // what one core can serve before any I/O.
        let engine = SNMPAgentEngine(resolve: set.viewResolver(clock: .startingNow()))
        let requests = all.shuffled().prefix(hot).enumerated().map { i, oid in
            CommunityMessage(version: .v2c, community: OctetString(name),
                             pdu: PDU(type: .getRequest, requestID: Int32(i), varBinds: [VarBind(oid)])).encode()
        }
        var answered = 0
        let cpuStart2 = cpuSeconds()
        let deadline = clock.now + .seconds(2)
        while clock.now < deadline {
            for request in requests {
                if case .success = engine.respond(to: request) { answered += 1 }
            }
        }
        let cpu2 = cpuSeconds() - cpuStart2
        print(String(format: "ENGINE recording=%@ gets=%d cpu_s=%.3f gets_per_cpu_s=%.0f us_per_get=%.2f",
                     name, answered, cpu2, Double(answered) / cpu2, cpu2 * 1e6 / Double(answered)))
    }
}
