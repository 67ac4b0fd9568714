/// One reading of a counter (RFC 2578 Counter32 or Counter64) and what is needed to tell a
/// real increase from a wrap, a reboot or a counter discontinuity.
public struct CounterReading: Sendable, Hashable {
    public enum Width: Sendable, Hashable { case bits32, bits64 }

    public var value: UInt64
    public var width: Width
    /// When it was read, in seconds on a monotonic clock.
    public var time: Double
    /// The agent's sysUpTime when it was read (hundredths of a second), if polled with it.
    public var uptime: UInt32?
    /// ifCounterDiscontinuityTime (IF-MIB), if the agent has it.
    public var discontinuity: UInt32?

    public init(value: UInt64, width: Width, time: Double, uptime: UInt32? = nil, discontinuity: UInt32? = nil) {
        self.value = value
        self.width = width
        self.time = time
        self.uptime = uptime
        self.discontinuity = discontinuity
    }
}

/// The per-second rate between two readings of one counter, or why there is none.
///
/// A rate is never invented: after a reboot (sysUpTime went back), a discontinuity
/// (ifCounterDiscontinuityTime changed) or a Counter64 that went back, the interval is dropped
/// and the next one starts from the new reading, so a restart never shows as a spike. A Counter32
/// that went back wrapped once at 2^32 (RFC 2578 §7.1.6); more than one wrap per interval cannot
/// be told apart, which is why 64-bit counters are polled where the agent has them.
public enum CounterRate: Sendable, Hashable {
    case perSecond(Double)
    case skipped(Reason)

    public enum Reason: String, Sendable, Hashable {
        case reboot, discontinuity, counterWentBack = "counter-went-back", noTimeElapsed = "no-time-elapsed", implausible
    }

    /// - Parameter ceiling: The largest believable rate (e.g. twice the interface speed in the
    ///   counter's unit per second); a larger one is dropped as implausible.
    public static func between(_ previous: CounterReading, _ current: CounterReading, ceiling: Double? = nil) -> CounterRate {
        if let before = previous.uptime, let now = current.uptime, now < before { return .skipped(.reboot) }
        if previous.discontinuity != current.discontinuity { return .skipped(.discontinuity) }
        let elapsed = current.time - previous.time
        guard elapsed > 0 else { return .skipped(.noTimeElapsed) }
        let delta: UInt64
        if current.value >= previous.value {
            delta = current.value - previous.value
        } else if current.width == .bits32, previous.value <= UInt64(UInt32.max) {
            delta = (UInt64(1) << 32) - previous.value + current.value
        } else {
            return .skipped(.counterWentBack)
        }
        let rate = Double(delta) / elapsed
        if let ceiling, rate > ceiling { return .skipped(.implausible) }
        return .perSecond(rate)
    }

    public var value: Double? {
        if case .perSecond(let rate) = self { return rate }
        return nil
    }
}
