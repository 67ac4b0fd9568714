/// A threshold with a warning and a critical level and hysteresis: a level is entered when the
/// value reaches it and left only when the value falls below it by `hysteresis`, so a disk at
/// 90.1% / 89.9% / 90.2% raises one alert, not three.
public struct Threshold: Sendable, Hashable {
    public enum Level: Int, Sendable, Hashable, Comparable, Codable {
        case normal, warning, critical
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public let warning: Double?
    public let critical: Double?
    public let hysteresis: Double

    public init(warning: Double?, critical: Double?, hysteresis: Double = 0) {
        self.warning = warning
        self.critical = critical
        self.hysteresis = max(0, hysteresis)
    }

    /// The level for `value`, given the level the thing is in now.
    public func level(for value: Double, current: Level) -> Level {
        func reached(_ limit: Double?, _ level: Level) -> Bool {
            guard let limit else { return false }
            // Staying in a level needs less than entering it.
            return value >= (current >= level ? limit - hysteresis : limit)
        }
        if reached(critical, .critical) { return .critical }
        if reached(warning, .warning) { return .warning }
        return .normal
    }
}
