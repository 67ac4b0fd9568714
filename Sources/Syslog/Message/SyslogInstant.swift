/// A point in time: seconds and nanoseconds since 1970-01-01T00:00:00Z (leap seconds not counted).
///
/// The module has no Foundation dependency; convert with
/// `Date(timeIntervalSince1970: instant.timeIntervalSince1970)` where Foundation is at hand.
public struct SyslogInstant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Whole seconds since the Unix epoch (negative before 1970).
    public var secondsSince1970: Int64
    /// Nanoseconds within the second, 0 ..< 1,000,000,000.
    public var nanoseconds: Int32

    /// Creates an instant; `nanoseconds` is normalised into 0 ..< 1e9.
    public init(secondsSince1970: Int64, nanoseconds: Int32 = 0) {
        var s = secondsSince1970
        var n = Int64(nanoseconds)
        s = s &+ n / 1_000_000_000
        n %= 1_000_000_000
        if n < 0 { n += 1_000_000_000; s = s &- 1 }
        self.secondsSince1970 = s
        self.nanoseconds = Int32(n)
    }

    /// Creates an instant from fractional seconds since the Unix epoch. NaN becomes the epoch; values beyond
    /// ±2^62 seconds are clamped rather than trapping.
    public init(timeIntervalSince1970 interval: Double) {
        let limit = 4.6e18
        let t = interval.isNaN ? 0 : Swift.min(Swift.max(interval, -limit), limit)
        // No libm here (no Foundation): floor and round by hand.
        var whole = Int64(t)
        if Double(whole) > t { whole -= 1 }
        let ns = Int32((t - Double(whole)) * 1e9 + 0.5)
        self.init(secondsSince1970: whole, nanoseconds: ns)
    }

    /// Fractional seconds since the Unix epoch.
    public var timeIntervalSince1970: Double { Double(secondsSince1970) + Double(nanoseconds) / 1e9 }

    public static func < (a: SyslogInstant, b: SyslogInstant) -> Bool {
        (a.secondsSince1970, a.nanoseconds) < (b.secondsSince1970, b.nanoseconds)
    }

    /// RFC 3339 in UTC, e.g. `2024-03-01T00:01:02.345Z` (fraction only when non-zero).
    public var description: String {
        let c = CivilTime(secondsSince1970: secondsSince1970)
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
        }
        var out = "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))"
        if nanoseconds != 0 {
            var frac = pad(Int(nanoseconds), 9)
            while frac.hasSuffix("0") { frac.removeLast() }
            out += "." + frac
        }
        return out + "Z"
    }
}

/// Maps a local wall-clock time to its offset from UTC, for timestamps that carry no zone (RFC 3164).
///
/// The library has no time zone database; pass ``utc``, a ``fixed(secondsEastOfUTC:)`` offset, or a closure that
/// asks one (Foundation's `TimeZone.secondsFromGMT(for:)`, say) — per device if devices are in different zones.
public struct SyslogTimeZone: Sendable {
    let offsetForLocal: @Sendable (Int64) -> Int
    /// Set for fixed zones, to skip the closure.
    let fixedOffset: Int?

    /// A zone given by a closure: local wall-clock seconds since 1970 (as if it were UTC) → seconds east of UTC.
    public init(offsetForLocalTime: @escaping @Sendable (_ localSecondsSince1970: Int64) -> Int) {
        self.offsetForLocal = offsetForLocalTime
        self.fixedOffset = nil
    }

    private init(fixed: Int) {
        self.offsetForLocal = { _ in fixed }
        self.fixedOffset = fixed
    }

    /// UTC.
    public static let utc = SyslogTimeZone(fixed: 0)

    /// A constant offset from UTC, in seconds east (CET is 3600); clamped to ±26 hours.
    public static func fixed(secondsEastOfUTC: Int) -> SyslogTimeZone {
        SyslogTimeZone(fixed: Swift.min(Swift.max(secondsEastOfUTC, -93_600), 93_600))
    }

    /// The offset, clamped to ±26 hours so that a wild closure cannot push arithmetic out of range.
    @inline(__always)
    func offset(forLocal local: Int64) -> Int {
        if let fixedOffset { return fixedOffset }
        return Swift.min(Swift.max(offsetForLocal(local), -93_600), 93_600)
    }
}

/// Proleptic Gregorian calendar arithmetic (Howard Hinnant's `days_from_civil`), no Foundation.
struct CivilTime: Equatable {
    var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

    init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        self.year = year; self.month = month; self.day = day
        self.hour = hour; self.minute = minute; self.second = second
    }

    init(secondsSince1970 t: Int64) {
        // Floor division without intermediate overflow, so Int64.min and .max work too.
        var days = t / 86_400
        var rem = t % 86_400
        if rem < 0 {
            days -= 1
            rem += 86_400
        }
        let secs = Int(rem)
        let (y, m, d) = CivilTime.civil(fromDays: days)
        self.init(year: y, month: m, day: d, hour: secs / 3600, minute: secs / 60 % 60, second: secs % 60)
    }

    static func isLeap(_ y: Int) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }

    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return isLeap(y) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func days(fromCivil y0: Int, _ m: Int, _ d: Int) -> Int64 {
        let y = Int64(m <= 2 ? y0 - 1 : y0)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64(m > 2 ? m - 3 : m + 9)
        let doy = (153 * mp + 2) / 5 + Int64(d) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }

    /// Whether the fields form a real date and time (second 60 allowed for leap seconds).
    var isValid: Bool {
        year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1
            && day <= CivilTime.daysInMonth(year, month)
            && hour < 24 && minute < 60 && second <= 60
    }

    /// Seconds since 1970 if these fields were UTC.
    var secondsSince1970: Int64 {
        CivilTime.days(fromCivil: year, month, day) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }
}
