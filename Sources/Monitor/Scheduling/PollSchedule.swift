/// When each device is polled: every `interval`, at a stable offset inside it derived from the
/// device's identity, so that ten thousand devices on a 60-second interval spread over the
/// minute instead of all starting at :00 (and keep their place across restarts).
public struct PollSchedule: Sendable, Hashable {
    public let interval: Double
    public let offset: Double

    /// - Parameters:
    ///   - key: What identifies the device (tenant, site, address); the same key always gets the
    ///     same offset.
    ///   - interval: Seconds between polls.
    public init(key: String, interval: Double) {
        precondition(interval > 0)
        self.interval = interval
        self.offset = Double(Self.fnv1a(key) % 1_000_000) / 1_000_000 * interval
    }

    /// The first due time strictly after `time` (seconds on the scheduler's clock).
    public func nextDue(after time: Double) -> Double {
        let cycles = ((time - offset) / interval).rounded(.down)
        var due = offset + cycles * interval
        while due <= time { due += interval }
        return due
    }

    /// FNV-1a: stable across runs and machines, unlike Swift's seeded Hasher.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}

/// Back-off for a device that does not answer: each consecutive failure doubles the wait before
/// the next attempt, from one interval up to `maximum`, so a dead device costs little while the
/// live ones keep their schedule. One success resets it.
public struct PollBackoff: Sendable, Hashable {
    public private(set) var consecutiveFailures = 0
    public let maximum: Double

    public init(maximum: Double = 900) {
        self.maximum = maximum
    }

    public mutating func recordSuccess() { consecutiveFailures = 0 }
    public mutating func recordFailure() { consecutiveFailures += 1 }

    /// Intervals to skip before the next attempt: 0 while healthy, then 1, 3, 7, … capped.
    public func intervalsToSkip(interval: Double) -> Int {
        guard consecutiveFailures > 1 else { return 0 }
        let wait = min(maximum, interval * Double(1 << min(consecutiveFailures - 1, 20)))
        return max(0, Int((wait / interval).rounded(.down)) - 1)
    }
}
