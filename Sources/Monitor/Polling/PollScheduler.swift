public import Config
import Devices
import Foundation
import SNMP

/// Runs every device's polls on its schedule: a stable offset inside its interval, at most one
/// poll in flight per device (a poll still running when the next is due makes that next one
/// skipped and counted, never stacked), back-off for devices that do not answer, and a bound on
/// polls in flight overall.
public actor PollScheduler {
    public struct Counters: Sendable, Hashable {
        public var polls = 0
        public var failures = 0
        public var skippedOverrun = 0
        public var skippedBackoff = 0
        public var pollSeconds = 0.0
        public var inFlight = 0
        public var devices = 0
    }

    private struct Entry {
        var settings: EffectiveDeviceSettings
        var schedule: PollSchedule
        var memory: DevicePoller.Memory
        var backoff = PollBackoff()
        var running = false
        var nextDue: Double
        var skipsLeft = 0
    }

    private let poller: DevicePoller
    private let sink: any PollSink
    private let maxInFlight: Int
    private var entries: [DeviceKey: Entry] = [:]
    private var counters = Counters()
    private let clock = ContinuousClock()
    private let origin: ContinuousClock.Instant

    public init(poller: DevicePoller, sink: any PollSink, maxInFlight: Int = 512) {
        self.poller = poller
        self.sink = sink
        self.maxInFlight = max(1, maxInFlight)
        self.origin = clock.now
    }

    /// Seconds on the scheduler's monotonic clock.
    public var now: Double { DevicePoller.seconds(clock.now - origin) }

    public var snapshot: Counters {
        var copy = counters
        copy.devices = entries.count
        return copy
    }

    /// Replaces the set of devices (start, reload): new devices start at their next slot, removed
    /// ones stop, kept ones keep their state (rates, open conditions).
    public func update(devices: [EffectiveDeviceSettings]) {
        var next: [DeviceKey: Entry] = [:]
        let time = now
        for settings in devices {
            let interval = Double(settings.polling.interval.components.seconds)
            let schedule = PollSchedule(key: settings.key.description, interval: max(1, interval))
            if var kept = entries[settings.key] {
                kept.memory.monitor.rules = settings.alerts
                if kept.schedule != schedule { kept.nextDue = schedule.nextDue(after: time) }
                kept.settings = settings
                kept.schedule = schedule
                next[settings.key] = kept
            } else {
                next[settings.key] = Entry(settings: settings, schedule: schedule,
                                           memory: DevicePoller.Memory(monitor: DeviceMonitor(device: settings.key, rules: settings.alerts)),
                                           nextDue: schedule.nextDue(after: time))
            }
        }
        entries = next
    }

    /// Polls until the task is cancelled.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            while !Task.isCancelled {
                let time = now
                var launched = 0
                for key in entries.keys.sorted(by: { entries[$0]!.nextDue < entries[$1]!.nextDue }) {
                    guard var entry = entries[key], entry.nextDue <= time else { break }
                    entry.nextDue = entry.schedule.nextDue(after: time)
                    if entry.running {
                        counters.skippedOverrun += 1
                    } else if entry.skipsLeft > 0 {
                        entry.skipsLeft -= 1
                        counters.skippedBackoff += 1
                    } else if counters.inFlight >= maxInFlight {
                        counters.skippedOverrun += 1
                    } else {
                        entry.running = true
                        counters.inFlight += 1
                        launched += 1
                        let settings = entry.settings, memory = entry.memory, poller = poller
                        group.addTask { [weak self] in
                            var memory = memory
                            let today = CalendarDay(Date())
                            let report = await poller.poll(settings, memory: &memory, time: time, today: today)
                            await self?.finished(key, report: report, memory: memory)
                        }
                    }
                    entries[key] = entry
                }
                let nextDue = entries.values.map(\.nextDue).min() ?? (now + 1)
                let wait = max(0.001, min(nextDue - now, 1))
                await sleepOrWake(seconds: wait)
            }
            group.cancelAll()
        }
    }

    private func sleepOrWake(seconds: Double) async {
        try? await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
    }

    private func finished(_ key: DeviceKey, report: PollReport, memory: DevicePoller.Memory) async {
        counters.inFlight -= 1
        counters.polls += 1
        counters.pollSeconds += report.duration
        if var entry = entries[key] {
            entry.running = false
            entry.memory = memory
            if report.failure == nil { entry.backoff.recordSuccess() } else {
                counters.failures += 1
                entry.backoff.recordFailure()
                entry.skipsLeft = entry.backoff.intervalsToSkip(interval: entry.schedule.interval)
            }
            entries[key] = entry
        }
        await sink.pollCompleted(report)
    }
}
