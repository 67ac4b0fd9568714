// Store benchmarks (benchmarks/store.sh runs them; numbers go to benchmarks/RESULTS.md).
//
//   store-bench samples DB [--devices 10000] [--interfaces 24] [--cycles 30]
//   store-bench syslog DB [--messages 5000000] [--batch 2000]
//
// `samples` writes one 60-second cycle of rates for every interface per round, as the poller
// would (each device's interfaces in one call, many calls in flight), and reports the wall and
// CPU time per cycle, the 5-minute/hourly rollup time, and bytes per interface per day per tier.
// `syslog` inserts realistic device messages through the FTS5-indexed repository, then times
// term searches.
import Foundation
import Store

func argument(_ name: String, _ fallback: Int) -> Int {
    let args = CommandLine.arguments
    if let i = args.firstIndex(of: name), i + 1 < args.count, let v = Int(args[i + 1]) { return v }
    return fallback
}

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
        + Double(usage.ru_stime.tv_usec) / 1e6
}

func loadAverage() -> Double {
    var loads = [Double](repeating: 0, count: 3)
    return getloadavg(&loads, 3) > 0 ? loads[0] : -1
}

func mib(_ bytes: Int64) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }

/// A small deterministic generator, so runs are comparable.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Runs `work` for 0..<count with at most `width` in flight.
func inParallel(_ count: Int, width: Int, _ work: @escaping @Sendable (Int) async throws -> Void) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        var next = 0
        while next < min(width, count) {
            let n = next
            group.addTask { try await work(n) }
            next += 1
        }
        while try await group.next() != nil {
            if next < count {
                let n = next
                group.addTask { try await work(n) }
                next += 1
            }
        }
    }
}

func benchSamples(path: String) async throws {
    let deviceCount = argument("--devices", 10_000)
    let perDevice = argument("--interfaces", 24)
    let cycles = argument("--cycles", 30)
    let store = try SQLiteStore(path: path, options: .init(cacheMiB: argument("--cache-mib", 256)))
    let base = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01 00:00 UTC

    var started = Date()
    let tenant = try await store.devices.ensureTenant("bench")
    let site = try await store.devices.ensureSite(tenantID: tenant.id, name: "lab")
    let ids = InterfaceIDs(count: deviceCount)
    try await inParallel(deviceCount, width: 500) { d in
        let device = try await store.devices.ensureDevice(
            siteID: site.id, address: "10.\(d / 65536).\(d / 256 % 256).\(d % 256)", name: nil, parentID: nil)
        let observations = (1...perDevice).map {
            InterfaceObservation(ifIndex: Int64($0), name: "Gi0/\($0)", type: 6, speed: 1_000_000_000, adminStatus: 1, operStatus: 1)
        }
        let changes = try await store.interfaces.sync(deviceID: device.id, observations, at: base)
        ids.set(d, changes.map(\.interfaceID))
    }
    let interfaceCount = deviceCount * perDevice
    print("setup: \(deviceCount) devices, \(interfaceCount) interfaces in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")

    var walls: [Double] = []
    var cpus: [Double] = []
    var rollups: [Double] = []
    for cycle in 0..<cycles {
        let at = base.addingTimeInterval(Double(cycle * 60))
        let cpu0 = cpuSeconds()
        started = Date()
        try await inParallel(deviceCount, width: 1_000) { d in
            var rng = SplitMix(state: UInt64(d * 7919 + cycle))
            let samples = ids.get(d).map { id in
                let bps = Double(rng.next() % 400_000_000)
                return InterfaceSample(
                    interfaceID: id, at: at.addingTimeInterval(Double(d % 60)),
                    rates: InterfaceRates(
                        inBitsPerSecond: bps, outBitsPerSecond: bps / 3, inPacketsPerSecond: bps / 6000,
                        outPacketsPerSecond: bps / 18000, inErrorsPerSecond: rng.next() % 50 == 0 ? 0.05 : 0,
                        outErrorsPerSecond: 0, inDiscardsPerSecond: 0, outDiscardsPerSecond: 0,
                        inUtilisation: bps / 1e7, outUtilisation: bps / 3e7))
            }
            try await store.samples.record(samples)
        }
        let wall = Date().timeIntervalSince(started)
        walls.append(wall)
        cpus.append(cpuSeconds() - cpu0)
        if (cycle + 1) % 5 == 0 {
            let r0 = Date()
            try await store.samples.rollUp(now: at.addingTimeInterval(120), grace: 60)
            rollups.append(Date().timeIntervalSince(r0))
        }
        print(String(format: "cycle %3d: %6.0f ms wall, %6.0f ms CPU", cycle, wall * 1000, cpus.last! * 1000))
        fflush(nil)
    }
    try await store.samples.rollUp(now: base.addingTimeInterval(Double(cycles * 60 + 3600)), grace: 0)
    // Every interface got its buckets (rollups run in interface ranges).
    for d in [0, deviceCount / 2, deviceCount - 1] {
        for id in [ids.get(d).first!, ids.get(d).last!] {
            let end = base.addingTimeInterval(Double(cycles * 60 + 60))
            let five = try await store.samples.series(interfaceID: id, tier: .fiveMinutes, from: base, to: end).count
            let raw = try await store.samples.series(interfaceID: id, tier: .raw, from: base, to: end).count
            guard five == (cycles + 4) / 5, raw == cycles else {
                print("interface \(id): \(raw) raw points and \(five) 5-minute buckets, expected \(cycles) and \((cycles + 4) / 5)")
                exit(1)
            }
        }
    }
    try await store.checkpoint()
    let sizes = try await store.tableSizes()
    let size: (String) -> Int64 = { name in sizes.first { $0.name == name }?.bytes ?? 0 }
    let rawRows = Double(interfaceCount * cycles)
    let rawPerRow = Double(size("interface_samples_raw")) / rawRows
    let fivePerRow = Double(size("interface_samples_5m")) / (Double(interfaceCount) * (Double(cycles) / 5).rounded(.up))
    let hourPerRow = Double(size("interface_samples_1h")) / (Double(interfaceCount) * (Double(cycles) / 60).rounded(.up))
    let sorted = walls.sorted()
    let last = Array(walls.suffix(10)).sorted()
    print("")
    print("| measure | value |")
    print("|---|---|")
    print("| interfaces × cycles | \(interfaceCount) × \(cycles) |")
    print(String(format: "| ms per cycle (wall): median, max, median of last 10 | %.0f, %.0f, %.0f |", sorted[sorted.count / 2] * 1000, sorted.last! * 1000, last[last.count / 2] * 1000))
    print(String(format: "| CPU ms per cycle (median) | %.0f |", cpus.sorted()[cpus.count / 2] * 1000))
    print(String(format: "| µs per interface sample (wall, median cycle) | %.2f |", sorted[sorted.count / 2] * 1e6 / Double(interfaceCount)))
    if !rollups.isEmpty {
        print(String(format: "| 5-minute rollup of all interfaces (median, max) | %.0f ms, %.0f ms |", rollups.sorted()[rollups.count / 2] * 1000, rollups.max()! * 1000))
    }
    print(String(format: "| bytes per raw row / 5-min row / hourly row | %.1f / %.1f / %.1f |", rawPerRow, fivePerRow, hourPerRow))
    print(String(format: "| bytes per interface per day: raw (1,440 rows) | %.0f |", rawPerRow * 1440))
    print(String(format: "| bytes per interface per day: 5-min (288 rows) | %.0f |", fivePerRow * 288))
    print(String(format: "| bytes per interface per day: hourly (24 rows) | %.0f |", hourPerRow * 24))
    print("| database file after checkpoint | \(mib(store.fileSize())) |")
    print("| writer transactions | \(store.committedBatches) |")
    try await store.close()
}

final class Counter: @unchecked Sendable {
    private var total = 0
    private let lock = NSLock()
    @discardableResult
    func add(_ n: Int) -> Int { lock.withLock { total += n; return total } }
    var value: Int { lock.withLock { total } }
}

/// Interface ids per device, filled concurrently during setup.
final class InterfaceIDs: @unchecked Sendable {
    private var ids: [[Int64]]
    private let lock = NSLock()
    init(count: Int) { ids = Array(repeating: [], count: count) }
    func set(_ d: Int, _ value: [Int64]) { lock.withLock { ids[d] = value } }
    func get(_ d: Int) -> [Int64] { lock.withLock { ids[d] } }
}

enum SyslogCorpus {
    static let users = (0..<500).map { "user\($0)" }
    static let words = [
        "session", "opened", "closed", "accepted", "denied", "timeout", "neighbor", "adjacency", "bgp", "ospf", "vlan", "trunk",
        "port", "security", "violation", "power", "supply", "fan", "temperature", "threshold", "exceeded", "restored",
        "config", "saved", "committed", "rollback", "dhcp", "lease", "renewed", "arp", "duplicate", "address", "spanning",
        "tree", "topology", "change", "ntp", "sync", "lost", "radius", "server", "unreachable", "vpn", "tunnel", "ipsec",
    ]

    /// A message in one of the shapes devices send; `n` makes fields vary.
    static func message(_ n: Int, rng: inout SplitMix) -> (host: String, app: String?, text: String, severity: Int64) {
        let device = Int(rng.next() % 2000)
        let host = "sw\(device)-site\(device % 97)"
        let port = "GigabitEthernet\(rng.next() % 4)/0/\(rng.next() % 48 + 1)"
        let ip = "10.\(rng.next() % 256).\(rng.next() % 256).\(rng.next() % 256)"
        switch rng.next() % 10 {
        case 0:
            return (host, nil, "%LINK-3-UPDOWN: Interface \(port), changed state to \(rng.next() % 2 == 0 ? "down" : "up")", 3)
        case 1:
            return (host, nil, "%LINEPROTO-5-UPDOWN: Line protocol on Interface \(port), changed state to up", 5)
        case 2:
            return (host, nil, "%SYS-5-CONFIG_I: Configured from console by \(users[Int(rng.next() % 500)]) on vty0 (\(ip))", 5)
        case 3:
            return (host, "sshd", "Failed password for \(users[Int(rng.next() % 500)]) from \(ip) port \(rng.next() % 60000) ssh2", 4)
        case 4:
            return (host, nil, "%ASA-6-302013: Built outbound TCP connection \(n) for outside:\(ip)/443 (\(ip)/443) to inside:10.1.1.\(rng.next() % 254)/\(rng.next() % 60000)", 6)
        case 5:
            return (host, "RT_FLOW", "RT_FLOW_SESSION_CREATE: session created \(ip)/\(rng.next() % 60000)->\(ip)/53 junos-dns-udp policy trust-to-untrust id \(n)", 6)
        default:
            let w = (0..<6).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ")
            return (host, "kernel", "\(w) on \(port) peer \(ip) id \(n % 100_000)", Int64(rng.next() % 8))
        }
    }
}

func benchSyslog(path: String) async throws {
    let total = argument("--messages", 5_000_000)
    let batch = argument("--batch", 2_000)
    let store = try SQLiteStore(path: path, options: .init(batchRows: 20_000, cacheMiB: argument("--cache-mib", 256)))
    let base = Date(timeIntervalSince1970: 1_767_225_600)
    // Receivers hand the store batches and keep up to `--in-flight` of them waiting for their
    // commit, as a listener with a bounded queue would; each batch is generated in its own task.
    let batches = (total + batch - 1) / batch
    let inFlight = argument("--in-flight", 16)
    let rawBytes = Counter()
    let cpu0 = cpuSeconds()
    let started = Date()
    let progress = Counter()
    try await inParallel(batches, width: inFlight) { b in
        var rng = SplitMix(state: UInt64(b) &* 1_000_003)
        var drafts: [SyslogRecordDraft] = []
        let first = b * batch
        let count = min(batch, total - first)
        drafts.reserveCapacity(count)
        var bytes = 0
        for n in first..<(first + count) {
            let m = SyslogCorpus.message(n, rng: &rng)
            let line = "<189>Jan  1 00:00:00 \(m.host) \(m.app.map { "\($0): " } ?? "")\(m.text)"
            bytes += line.utf8.count
            drafts.append(
                SyslogRecordDraft(
                    deviceID: nil, receivedAt: base.addingTimeInterval(Double(n) / 1000), sourceAddress: "10.200.0.\(n % 250)",
                    facility: 23, severity: m.severity, hostname: m.host, appName: m.app, message: m.text,
                    raw: Array(line.utf8), eventClass: nil))
        }
        rawBytes.add(bytes)
        _ = try await store.syslog.record(drafts)
        let done = progress.add(count)
        if done / (total / 10 + 1) != (done - count) / (total / 10 + 1) {
            print(String(format: "%9d messages, %.0f msgs/s so far, index %d rows behind", done, Double(done) / Date().timeIntervalSince(started),
                         store.syslogIndexLag))
            fflush(nil)
        }
    }
    let insertWall = Date().timeIntervalSince(started)
    // The index follows on its own thread: stored + indexed is done when it has caught up.
    try await store.flush()
    let indexedWall = Date().timeIntervalSince(started)
    let cpu = cpuSeconds() - cpu0
    try await store.checkpoint()
    let sizes = try await store.tableSizes()
    let fts = sizes.filter { $0.name.hasPrefix("syslog_index") && $0.name != "syslog_index_deletes" }.reduce(Int64(0)) { $0 + $1.bytes }
    let table = sizes.first { $0.name == "syslog" }?.bytes ?? 0
    let indexes = sizes.filter { $0.name.hasPrefix("syslog_received") || $0.name.hasPrefix("syslog_device") }.reduce(Int64(0)) { $0 + $1.bytes }
    let file = store.fileSize()

    func time(_ query: SyslogQuery, runs: Int = 5) async throws -> (ms: Double, hits: Int) {
        var times: [Double] = []
        var hits = 0
        for _ in 0..<runs {
            let t = Date()
            hits = try await store.syslog.search(query).count
            times.append(Date().timeIntervalSince(t) * 1000)
        }
        return (times.sorted()[runs / 2], hits)
    }
    let end = base.addingTimeInterval(Double(total) / 1000)
    let queries: [(String, SyslogQuery)] = [
        ("rare term (one user name, newest 100)", SyslogQuery("user377", limit: 100)),
        ("common term (`updown`, newest 100)", SyslogQuery("updown", limit: 100)),
        ("phrase `GigabitEthernet2/0/17 down`, newest 100", SyslogQuery("GigabitEthernet2/0/17 down", limit: 100)),
        ("common term, last hour only", SyslogQuery("updown", since: end.addingTimeInterval(-3600), limit: 100)),
        ("term + severity ≤ 3, newest 100", SyslogQuery("temperature", maxSeverity: 3, limit: 100)),
        ("rare term, relevance order (bm25 over all matches)", SyslogQuery("user377", limit: 100, order: .relevance)),
        ("no match", SyslogQuery("zzyzx", limit: 100)),
    ]
    print("")
    print("| measure | value |")
    print("|---|---|")
    print("| messages | \(total) |")
    print(String(format: "| insert rate, stored (acknowledged; wall, generation in parallel tasks included) | %.0f msgs/s |", Double(total) / insertWall))
    print(String(format: "| insert rate, stored and indexed | %.0f msgs/s |", Double(total) / indexedWall))
    print(String(format: "| load average (1 min) at the end | %.1f |", loadAverage()))
    print(String(format: "| CPU per million messages (generation included) | %.1f s |", cpu / Double(total) * 1e6))
    print(String(format: "| … of which the index thread | %.1f s |", store.syslogIndexCPUSeconds / Double(total) * 1e6))
    print(String(format: "| raw line bytes per message (input) | %.0f |", Double(rawBytes.value) / Double(total)))
    print(String(format: "| bytes per message on disk: all | %.0f |", Double(file) / Double(total)))
    print(String(format: "| … of which table (text + raw bytes) / FTS5 index / time and device indexes | %.0f / %.0f / %.0f |", Double(table) / Double(total), Double(fts) / Double(total), Double(indexes) / Double(total)))
    print("| database file | \(mib(file)) |")
    for (name, query) in queries {
        let (ms, hits) = try await time(query)
        print(String(format: "| search: %@ | %.1f ms (%d hits) |", name, ms, hits))
    }
    try await store.close()
}

let args = CommandLine.arguments
guard args.count >= 3 else {
    print("usage: store-bench samples|syslog DATABASE [options]")
    exit(2)
}
switch args[1] {
case "samples": try await benchSamples(path: args[2])
case "syslog": try await benchSyslog(path: args[2])
default:
    print("unknown benchmark \(args[1])")
    exit(2)
}
