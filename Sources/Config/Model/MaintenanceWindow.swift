public import Foundation

/// A time when alerts about a device are kept but not notified.
public struct MaintenanceWindow: Sendable, Hashable, Encodable {
    public enum Weekday: String, Sendable, Hashable, Encodable, CaseIterable {
        case sun, mon, tue, wed, thu, fri, sat
        /// Calendar's numbering: 1 is Sunday.
        var calendarNumber: Int { Self.allCases.firstIndex(of: self)! + 1 }
    }

    public enum Schedule: Sendable, Hashable, Encodable {
        /// Every week on `days`, from `start` (hour, minute) in `timeZone` for `duration`.
        case weekly(days: [Weekday], hour: Int, minute: Int, duration: Duration, timeZone: String)
        /// Once, from `from` up to `to`.
        case once(from: Date, to: Date)
    }

    public var name: String?
    public var schedule: Schedule

    public init(name: String? = nil, schedule: Schedule) {
        self.name = name
        self.schedule = schedule
    }

    /// True when `date` falls inside the window.
    public func isActive(at date: Date) -> Bool {
        switch schedule {
        case .once(let from, let to):
            return from <= date && date < to
        case .weekly(let days, let hour, let minute, let duration, let timeZone):
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(secondsFromGMT: 0)!
            // A window may have started up to a week (its longest duration) before `date`.
            let today = calendar.startOfDay(for: date)
            for back in 0...7 {
                guard let day = calendar.date(byAdding: .day, value: -back, to: today) else { continue }
                let weekday = calendar.component(.weekday, from: day)
                guard days.contains(where: { $0.calendarNumber == weekday }),
                      let start = calendar.date(bySettingHour: hour, minute: minute, second: 0, of: day)
                else { continue }
                if start <= date && date < start.addingTimeInterval(duration.seconds) { return true }
            }
            return false
        }
    }
}

extension MaintenanceWindow.Weekday: ConfigEnum {
    static var expected: String { "day" }
    static var aliases: [String: Self] {
        ["sunday": .sun, "monday": .mon, "tuesday": .tue, "wednesday": .wed, "thursday": .thu, "friday": .fri, "saturday": .sat]
    }
}

extension MaintenanceWindow: ConfigDecodable {
    static func decode(_ node: ConfigNode) -> MaintenanceWindow? {
        node.object(kind: "maintenance window") { r in
            let name = r.optional("name", String.self)
            let weeklyNode = r.value("weekly")
            let onceNode = r.value("once")
            let weekly: Schedule? = weeklyNode?.object(kind: "maintenance.weekly") { w in
                let days = w.list("days", Weekday.self)
                let start = w.required("start", TimeOfDay.self, hint: " (HH:MM)")
                let duration = w.required("duration", ConfigDuration.self)?.duration
                let zoneNode = w.value("time_zone")
                let zone = zoneNode.flatMap(String.decode) ?? "UTC"
                if let zoneNode, TimeZone(identifier: zone) == nil {
                    zoneNode.problem("unknown time zone '\(zone)' (use an IANA name like Europe/Berlin or UTC)")
                }
                if let duration, duration <= .zero || duration > .seconds(7 * 86_400), let at = w.value("duration") {
                    at.problem("must be above zero and at most 7d")
                }
                guard let start, let duration else { return nil }
                let allDays = MaintenanceWindow.Weekday.allCases
                return .weekly(days: days ?? allDays, hour: start.hour, minute: start.minute, duration: duration, timeZone: zone)
            }
            let once: Schedule? = onceNode?.object(kind: "maintenance.once") { o in
                let from = o.required("from", Timestamp.self)
                let to = o.required("to", Timestamp.self)
                guard let from, let to else { return nil }
                if to.date <= from.date { o.base.problem("'to' must be after 'from'") }
                return .once(from: from.date, to: to.date)
            }
            if r.isProbe { return nil }
            switch (weeklyNode, onceNode) {
            case (nil, nil):
                r.base.problem("a maintenance window needs 'weekly' or 'once'")
                return nil
            case (.some, .some):
                r.base.problem("a maintenance window is either 'weekly' or 'once', not both")
                return nil
            default:
                guard let schedule = weekly ?? once else { return nil }
                return MaintenanceWindow(name: name, schedule: schedule)
            }
        }
    }
}

/// `HH:MM`, 24-hour.
struct TimeOfDay: ConfigScalar {
    var hour: Int
    var minute: Int
    static var expected: String { "a time of day" }
    static func parse(_ text: String) -> Result<TimeOfDay, ScalarError> {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0...23).contains(hour), (0...59).contains(minute), parts[1].count == 2
        else { return .failure(ScalarError("expected a time of day HH:MM (24-hour, quoted), found '\(text)'")) }
        return .success(TimeOfDay(hour: hour, minute: minute))
    }
}

/// An ISO 8601 date and time with its offset: `2026-12-01T22:00:00+01:00` or `…Z`.
struct Timestamp: ConfigScalar {
    var date: Date
    static var expected: String { "a date and time" }
    static func parse(_ text: String) -> Result<Timestamp, ScalarError> {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return .success(Timestamp(date: date)) }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return .success(Timestamp(date: date)) }
        return .failure(ScalarError("expected a date and time with its offset, like 2026-12-01T22:00:00+01:00 or 2026-12-01T21:00:00Z; found '\(text)'"))
    }
}
