#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// A day of the proleptic Gregorian calendar, written `YYYY-MM-DD`: what vendors publish as
/// end-of-life and end-of-support dates.
///
/// A day carries no time zone; ``init(_:)`` takes the UTC day of an instant, so a date in a
/// policy takes effect at 00:00 UTC on that day.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, 1–9999.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month, from 1.
    public let day: Int

    /// A day from its parts.
    /// - Throws: ``FirmwareError/Code/invalidDate`` for a day that does not exist (`2023-02-29`)
    ///   or a year outside 1–9999.
    public init(year: Int, month: Int, day: Int) throws(FirmwareError) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CalendarDay.daysIn(month: month, year: year)).contains(day)
        else {
            throw FirmwareError(.invalidDate, "\(year)-\(month)-\(day) is not a calendar day")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// A day from `YYYY-MM-DD`.
    /// - Throws: ``FirmwareError/Code/invalidDate`` for any other text or a day that does not exist.
    public init(_ text: String) throws(FirmwareError) {
        let bytes = Array(text.trimmingASCIIWhitespace().utf8)
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard byte.isDigit else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10)
        else {
            throw FirmwareError(.invalidDate, "'\(text)' is not a YYYY-MM-DD date")
        }
        try self.init(year: year, month: month, day: day)
    }

    /// The UTC calendar day of an instant; instants before year 1 or after 9999 clamp to
    /// `0001-01-01` and `9999-12-31`.
    public init(_ date: Date) {
        let seconds = date.timeIntervalSince1970
        // Days from 1970-01-01 to 0001-01-01 and to 9999-12-31.
        let range = -719_162.0...2_932_896.0
        let wholeDays = (seconds / 86_400).rounded(.down)
        let days = Int(wholeDays.isNaN ? 0 : min(max(wholeDays, range.lowerBound), range.upperBound))
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.year = year
        self.month = month
        self.day = day
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension CalendarDay: Codable {
    /// Decodes `"YYYY-MM-DD"`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.reason)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
