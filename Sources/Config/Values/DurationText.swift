import Foundation

/// Durations as written in the config: `500ms`, `60s`, `5m`, `1h30m`, `7d`, `2w`.
enum DurationText {
    static let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3_600), ("d", 86_400), ("w", 604_800)]

    static func parse(_ text: String) -> Result<Duration, ScalarError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty, Double(trimmed) != nil {
            return .failure(ScalarError("a duration needs a unit, like 60s, 5m, 1h or 7d; found '\(text)'"))
        }
        var seconds = 0.0
        var rest = Substring(trimmed)
        guard !rest.isEmpty else { return .failure(ScalarError("expected a duration like 60s, 5m, 1h or 7d")) }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isNumber || $0 == "." }
            rest = rest.dropFirst(digits.count)
            let unit = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(unit.count)
            guard let number = Double(digits), let scale = units.first(where: { $0.0 == unit })?.1 else {
                return .failure(ScalarError("expected a duration like 60s, 5m, 1h or 7d (units ms, s, m, h, d, w); found '\(text)'"))
            }
            seconds += number * scale
        }
        // Beyond a century is a typo, and would overflow the conversion below.
        guard seconds.isFinite, seconds <= 100 * 366 * 86_400 else {
            return .failure(ScalarError("duration too long: '\(text)' (at most 100 years)"))
        }
        return .success(.milliseconds(Int64((seconds * 1_000).rounded())))
    }

    /// The shortest exact spelling: `90s` → `1m30s`.
    static func format(_ duration: Duration) -> String {
        var ms = duration.components.seconds * 1_000 + duration.components.attoseconds / 1_000_000_000_000_000
        if ms == 0 { return "0s" }
        var text = ""
        for (unit, scale) in units.reversed() {
            let size = Int64(scale * 1_000)
            if ms >= size {
                text += "\(ms / size)\(unit)"
                ms %= size
            }
        }
        return text
    }
}

/// A `Duration` read from the config.
struct ConfigDuration: ConfigScalar {
    var duration: Duration
    static var expected: String { "a duration" }
    static func parse(_ text: String) -> Result<ConfigDuration, ScalarError> {
        DurationText.parse(text).map(ConfigDuration.init)
    }
}

extension Duration {
    /// Seconds as a Double.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
