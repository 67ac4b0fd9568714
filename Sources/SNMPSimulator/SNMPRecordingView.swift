#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
public import SNMP

/// Where a simulator's ``SimulationTime`` comes from: the running clock, or a fixed moment for tests.
public struct SimulationClock: Sendable {
    private enum Source: Sendable {
        case running(start: ContinuousClock.Instant, unixStart: Double)
        case fixed(SimulationTime)
    }

    private let source: Source

    /// A clock whose zero is now: start it when the simulator starts.
    public static func startingNow() -> SimulationClock {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let unix = Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
        return SimulationClock(source: .running(start: ContinuousClock.now, unixStart: unix))
    }

    /// A clock stopped at `time`.
    public static func fixed(_ time: SimulationTime) -> SimulationClock {
        SimulationClock(source: .fixed(time))
    }

    /// The current simulation time.
    @inline(__always)
    public func now() -> SimulationTime {
        switch source {
        case .running(let start, let unixStart):
            let elapsed = ContinuousClock.now - start
            return SimulationTime(elapsed: elapsed, unixTime: unixStart + SimulationTime(elapsed: elapsed).elapsedSeconds)
        case .fixed(let time):
            return time
        }
    }
}

/// A recording as the responder's ``SNMPAgentView``: lookups at the clock's current time.
public struct SNMPRecordingView: SNMPAgentView {
    public let recording: SNMPRecording
    public let clock: SimulationClock

    public init(_ recording: SNMPRecording, clock: SimulationClock) {
        self.recording = recording
        self.clock = clock
    }

    public func get(_ oid: OID) -> SNMPValue {
        recording.get(oid, at: clock.now())
    }

    public func next(after oid: OID) -> VarBind? {
        recording.next(after: oid, at: clock.now())
    }
}

extension SNMPRecordingSet {
    /// A resolver for ``SNMPAgentEngine``: the community names the recording, as in snmpsim.
    ///
    /// - Parameter clock: The simulator's clock, shared by all recordings so their uptimes agree.
    public func viewResolver(clock: SimulationClock) -> SNMPAgentEngine.ViewResolver {
        let recordings = self
        return { community in
            recordings[community: community].map { SNMPRecordingView($0, clock: clock) }
        }
    }
}
