/// The moment a lookup is answered for, injected so that answers are a pure function of it.
///
/// Values that change with time (sysUpTime, `numeric` variations) are computed from ``elapsed``,
/// the time since the simulator started, exactly as snmpsim computes them from the time since its
/// variation module was loaded. ``unixTime`` is only read by `numeric` variations that ask for
/// absolute time (`atime`).
public struct SimulationTime: Sendable, Hashable {
    /// Time since the simulator started.
    public var elapsed: Duration
    /// Wall-clock time in seconds since 1970-01-01 UTC.
    public var unixTime: Double

    /// - Parameters:
    ///   - elapsed: Time since the simulator started.
    ///   - unixTime: Wall-clock time for `atime` variations; defaults to 0.
    public init(elapsed: Duration, unixTime: Double = 0) {
        self.elapsed = elapsed
        self.unixTime = unixTime
    }

    /// The simulator's start: every time-varying value is at its recorded or initial value.
    public static let start = SimulationTime(elapsed: .zero)

    /// ``elapsed`` in seconds.
    @inlinable
    public var elapsedSeconds: Double {
        let (seconds, attoseconds) = elapsed.components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }

    /// ``elapsed`` in hundredths of a second (TimeTicks), rounded down.
    @inlinable
    public var elapsedTicks: Int64 {
        let (seconds, attoseconds) = elapsed.components
        return seconds &* 100 &+ attoseconds / 10_000_000_000_000_000
    }
}
