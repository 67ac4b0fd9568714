/// A message's timestamp: the original text, and the UTC instant it denotes when it could be worked out.
public struct SyslogTimestamp: Hashable, Sendable, CustomStringConvertible {
    /// The timestamp as sent (`Mar  1 00:01:02.345`, `2024-03-01T00:01:02Z`).
    public var text: SyslogText
    /// The instant, or `nil` for an impossible date (``SyslogFlags/invalidTimestamp``).
    public var instant: SyslogInstant?
    /// The UTC offset that was applied, in seconds east of UTC: the sender's own, or the assumed local zone's
    /// (``SyslogFlags/assumedTimeZone``).
    public var utcOffsetSeconds: Int?
    /// Whether the text carried a year (if not, ``SyslogFlags/inferredYear``).
    public var hasYear: Bool
    /// Whether the text carried a zone or offset the parser understood.
    public var hasZone: Bool

    init(text: SyslogText, value: TimestampValue?) {
        self.text = text
        self.instant = value?.instant
        self.utcOffsetSeconds = value.map { Int($0.offset) }
        self.hasYear = value?.hasYear ?? false
        self.hasZone = value?.hasZone ?? false
    }

    public var description: String { instant?.description ?? text.string }
}

struct TimestampValue: Hashable, Sendable {
    var instant: SyslogInstant?
    var offset: Int32
    var hasYear: Bool
    var hasZone: Bool
}
