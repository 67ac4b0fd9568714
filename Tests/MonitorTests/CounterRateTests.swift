import Monitor
import Testing

@Suite struct CounterRateTests {
    func reading(_ value: UInt64, _ width: CounterReading.Width = .bits32, at time: Double, uptime: UInt32? = nil,
                 discontinuity: UInt32? = nil) -> CounterReading {
        CounterReading(value: value, width: width, time: time, uptime: uptime, discontinuity: discontinuity)
    }

    @Test func plainIncrease() {
        #expect(CounterRate.between(reading(1000, at: 0), reading(61000, at: 60)).value == 1000)
    }

    @Test func counter32WrapsOnce() {
        // 2^32 - 1000 → 4000 is 5000 octets, not a negative or a 4-billion spike.
        let rate = CounterRate.between(reading(4_294_966_296, at: 0), reading(4000, at: 10))
        #expect(rate.value == 500)
    }

    @Test func counter64GoingBackIsNotAWrap() {
        #expect(CounterRate.between(reading(5000, .bits64, at: 0), reading(10, .bits64, at: 10)) == .skipped(.counterWentBack))
    }

    @Test func rebootGivesNoRate() {
        // After a restart the counter restarts near zero: a 32-bit "wrap" would be a false spike.
        let rate = CounterRate.between(reading(4_000_000_000, at: 0, uptime: 900_000), reading(1000, at: 60, uptime: 500))
        #expect(rate == .skipped(.reboot))
    }

    @Test func discontinuityGivesNoRate() {
        let rate = CounterRate.between(reading(100, at: 0, discontinuity: 0), reading(90_000_000, at: 60, discontinuity: 4500))
        #expect(rate == .skipped(.discontinuity))
    }

    @Test func implausibleRateIsDropped() {
        #expect(CounterRate.between(reading(0, at: 0), reading(1_000_000, at: 1), ceiling: 1000) == .skipped(.implausible))
        #expect(CounterRate.between(reading(0, at: 0), reading(1_000_000, at: 1), ceiling: nil).value == 1_000_000)
    }

    @Test func noTimeNoRate() {
        #expect(CounterRate.between(reading(0, at: 5), reading(10, at: 5)) == .skipped(.noTimeElapsed))
    }

    @Test func interfaceRatesAndUtilisation() {
        var before = InterfaceReading(index: 1), after = InterfaceReading(index: 1)
        before.speed = 1_000_000_000
        after.speed = 1_000_000_000
        before.inOctets = reading(0, .bits64, at: 0)
        after.inOctets = reading(1_250_000_000, .bits64, at: 60)  // 166.7 Mbit/s
        before.outOctets = reading(0, .bits64, at: 0)
        after.outOctets = reading(3_750_000_000, .bits64, at: 60)  // 500 Mbit/s
        let rates = InterfaceRates.between(before, after)
        #expect(rates.outBitsPerSecond == 500_000_000)
        #expect(rates.utilisation == 50)
        #expect(rates.skipped == nil)
    }
}

@Suite struct PollScheduleTests {
    @Test func offsetsAreStableAndSpread() {
        let a = PollSchedule(key: "acme/hq/10.0.0.1", interval: 60)
        #expect(a.offset == PollSchedule(key: "acme/hq/10.0.0.1", interval: 60).offset)
        // 10,000 devices over a minute: no second gets more than a few percent of them.
        var perSecond = [Int](repeating: 0, count: 60)
        for i in 0..<10_000 { perSecond[Int(PollSchedule(key: "t/s/10.\(i / 256).\(i % 256).1", interval: 60).offset)] += 1 }
        #expect(perSecond.max()! < 250, "\(perSecond)")
        #expect(perSecond.min()! > 100, "\(perSecond)")
    }

    @Test func nextDueIsStrictlyLaterAndOnTheGrid() {
        let schedule = PollSchedule(key: "x", interval: 60)
        let due = schedule.nextDue(after: 1000)
        #expect(due > 1000 && due <= 1060)
        #expect(abs((due - schedule.offset).truncatingRemainder(dividingBy: 60)) < 1e-9)
        #expect(schedule.nextDue(after: due) == due + 60)
    }

    @Test func backoffDoublesAndResets() {
        var backoff = PollBackoff(maximum: 600)
        #expect(backoff.intervalsToSkip(interval: 60) == 0)
        backoff.recordFailure()
        #expect(backoff.intervalsToSkip(interval: 60) == 0)
        backoff.recordFailure()
        #expect(backoff.intervalsToSkip(interval: 60) == 1)
        backoff.recordFailure()
        #expect(backoff.intervalsToSkip(interval: 60) == 3)
        for _ in 0..<10 { backoff.recordFailure() }
        #expect(backoff.intervalsToSkip(interval: 60) == 9)  // capped at 600 s
        backoff.recordSuccess()
        #expect(backoff.intervalsToSkip(interval: 60) == 0)
    }
}

@Suite struct StateTrackingTests {
    @Test func flappingStartsAndEndsWithHysteresis() {
        var detector = FlapDetector(threshold: 4, window: 300)
        #expect(detector.recordChange(at: 0) == nil)
        #expect(detector.recordChange(at: 30) == nil)
        #expect(detector.recordChange(at: 60) == nil)
        #expect(detector.recordChange(at: 90) == .startedFlapping)
        #expect(detector.recordChange(at: 120) == nil)
        #expect(detector.evaluate(at: 350) == nil)  // 90 and 120 still in the window: 2 = threshold/2
        #expect(detector.evaluate(at: 400) == .stoppedFlapping)
    }

    @Test func thresholdHysteresis() {
        let disk = Threshold(warning: 90, critical: 95, hysteresis: 2)
        #expect(disk.level(for: 89.9, current: .normal) == .normal)
        #expect(disk.level(for: 90.1, current: .normal) == .warning)
        #expect(disk.level(for: 89.9, current: .warning) == .warning)  // within hysteresis
        #expect(disk.level(for: 87.9, current: .warning) == .normal)
        #expect(disk.level(for: 96, current: .warning) == .critical)
        #expect(disk.level(for: 94, current: .critical) == .critical)
        #expect(disk.level(for: 92.9, current: .critical) == .warning)
    }

    @Test func reachabilityNeedsConsecutiveFailures() {
        var tracker = ReachabilityTracker(failuresToDown: 3)
        #expect(tracker.record(success: true) == nil)
        #expect(tracker.record(success: false) == nil)
        #expect(tracker.record(success: false) == nil)
        #expect(tracker.record(success: true) == nil)  // a lost poll is not an outage
        #expect(tracker.record(success: false) == nil)
        #expect(tracker.record(success: false) == nil)
        #expect(tracker.record(success: false) == .wentDown)
        #expect(tracker.record(success: false) == nil)
        #expect(tracker.record(success: true) == .cameUp)
    }
}
