import Foundation

/// Spaces probe packets evenly at a packets-per-second limit, shared by every prober of a scan
/// so that ARP, ICMP and TCP together stay under it.
public final class PacketPacer: @unchecked Sendable {
    // @unchecked: `next` is only touched under the lock.
    private let interval: Double
    private var next: Double = 0
    private let lock = NSLock()

    public init(packetsPerSecond: Int) {
        interval = 1 / Double(max(1, packetsPerSecond))
    }

    /// Blocks until the caller may send one packet.
    public func wait() {
        let now = Self.now()
        let slot: Double = lock.withLock {
            // No bursts after an idle spell: the slot is never further back than now.
            let slot = max(next, now)
            next = slot + interval
            return slot
        }
        let delay = slot - now
        if delay > 0.000_05 { usleep(UInt32(delay * 1_000_000)) }
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// Runs blocking probe work on a thread of its own, off Swift's cooperative pool.
func onThread<T: Sendable>(_ name: String, _ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        let thread = Thread { continuation.resume(returning: body()) }
        thread.name = name
        thread.start()
    }
}
