public import Config
import Devices
import Foundation
import HeapModule
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
        /// Polls run outside the schedule because a trap asked for them.
        public var urgentPolls = 0
    }

    private struct Entry {
        var settings: EffectiveDeviceSettings
        var schedule: PollSchedule
        var memory: DevicePoller.Memory
        var backoff = PollBackoff()
        var running = false
        var nextDue: Double
        var skipsLeft = 0
        /// Asked for by ``pollSoon(_:minimumGap:)``: poll at the next turn of the loop.
        var urgent = false
        var lastUrgent: Double?
        /// Which queued ``Due`` is this entry's current one; older ones are stale and skipped.
        var generation = 0
    }

    /// A device's next turn, in a min-heap: the loop looks only at the devices that are due
    /// (ten thousand devices on a 60 s interval make a turn every 6 ms).
    private struct Due: Comparable {
        var time: Double
        var key: DeviceKey
        var generation: Int
        static func < (a: Due, b: Due) -> Bool { a.time < b.time }
        static func == (a: Due, b: Due) -> Bool { a.time == b.time && a.key == b.key && a.generation == b.generation }
    }

    private let poller: DevicePoller
    private let sink: any PollSink
    private let maxInFlight: Int
    private var entries: [DeviceKey: Entry] = [:]
    private var queue = Heap<Due>()
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
                if kept.schedule != schedule {
                    kept.nextDue = schedule.nextDue(after: time)
                    enqueue(&kept, settings.key, at: kept.nextDue)
                }
                kept.settings = settings
                kept.schedule = schedule
                next[settings.key] = kept
            } else {
                var entry = Entry(settings: settings, schedule: schedule,
                                  memory: DevicePoller.Memory(monitor: DeviceMonitor(device: settings.key, rules: settings.alerts)),
                                  nextDue: schedule.nextDue(after: time))
                enqueue(&entry, settings.key, at: entry.nextDue)
                next[settings.key] = entry
            }
        }
        entries = next
        // Removed devices' turns are stale now; rebuild when they are most of the queue.
        if queue.count > 2 * entries.count + 64 {
            queue = Heap(entries.map { Due(time: $0.value.urgent ? time : $0.value.nextDue, key: $0.key, generation: $0.value.generation) })
        }
    }

    private func enqueue(_ entry: inout Entry, _ key: DeviceKey, at time: Double) {
        entry.generation += 1
        queue.insert(Due(time: time, key: key, generation: entry.generation))
    }

    /// Polls a device at once, outside its schedule (a trap said something changed): not if a
    /// poll is running, and at most once per `minimumGap` seconds so a trap storm is not a poll storm.
    /// Its regular slots stay where they are.
    public func pollSoon(_ key: DeviceKey, minimumGap: Double = 5) {
        guard var entry = entries[key], !entry.running else { return }
        let time = now
        if let last = entry.lastUrgent, time - last < minimumGap { return }
        entry.lastUrgent = time
        entry.skipsLeft = 0
        entry.urgent = true
        enqueue(&entry, key, at: time)
        entries[key] = entry
        counters.urgentPolls += 1
    }

    /// Polls until the task is cancelled.
    public func run() async {
        // Discarding: a finished poll's task is freed at once, not kept until someone awaits it.
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                let time = now
                while let top = queue.min, top.time <= time {
                    queue.removeMin()
                    guard var entry = entries[top.key], entry.generation == top.generation else { continue }
                    let key = top.key
                    // An urgent turn keeps the regular slot; a regular one moves on to the next.
                    if entry.urgent { entry.urgent = false } else { entry.nextDue = entry.schedule.nextDue(after: time) }
                    enqueue(&entry, key, at: entry.nextDue)
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
                let nextDue = queue.min?.time ?? (now + 1)
                // At most 100 ms, so an urgent poll waits no longer than that.
                let wait = max(0.001, min(nextDue - now, 0.1))
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
