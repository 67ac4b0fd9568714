/// What was unusual about a message. Nothing is ever dropped: the raw bytes stay in ``SyslogMessage/raw``
/// and these flags say what the parser noticed or had to guess.
public struct SyslogFlags: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The bytes are not valid UTF-8 (text accessors replace bad sequences with U+FFFD).
    public static let invalidUTF8 = SyslogFlags(rawValue: 1 << 0)
    /// A NUL byte occurs inside the message (trailing NUL terminators are not counted).
    public static let containsNUL = SyslogFlags(rawValue: 1 << 1)
    /// The framer cut the frame at its size limit; the rest was discarded.
    public static let truncated = SyslogFlags(rawValue: 1 << 2)
    /// The input was longer than the parser's limit: ``SyslogMessage/raw`` has it all, only the prefix was parsed.
    public static let oversize = SyslogFlags(rawValue: 1 << 3)
    /// No `<PRI>` at the start.
    public static let missingPRI = SyslogFlags(rawValue: 1 << 4)
    /// A `<...>` at the start that is not a PRI of 0 ... 191 (`<999>`, `<abc>`, `<0013>`).
    public static let invalidPRI = SyslogFlags(rawValue: 1 << 5)
    /// No timestamp in the header (``SyslogMessage/timestamp`` is `nil`; use ``SyslogMessage/receivedAt``).
    public static let noTimestamp = SyslogFlags(rawValue: 1 << 6)
    /// A timestamp-shaped field that is not a real date or time (`Feb 30`, hour 25); the text is kept.
    public static let invalidTimestamp = SyslogFlags(rawValue: 1 << 7)
    /// The timestamp had no year; it was chosen to be nearest the reception time.
    public static let inferredYear = SyslogFlags(rawValue: 1 << 8)
    /// The timestamp had no (known) zone; the configured local zone was applied.
    public static let assumedTimeZone = SyslogFlags(rawValue: 1 << 9)
    /// The sender marked its clock as unsynchronised (Cisco `*` or `.` before the timestamp).
    public static let unsynchronizedClock = SyslogFlags(rawValue: 1 << 10)
    /// No hostname in the header (``SyslogMessage/sourceAddress`` is the best stand-in).
    public static let noHostname = SyslogFlags(rawValue: 1 << 11)
    /// The message text began with a UTF-8 byte order mark, which was stripped (RFC 5424 §6.4).
    public static let byteOrderMark = SyslogFlags(rawValue: 1 << 12)
    /// An RFC 5424 header that ended early or had a bad field; what could be read was kept.
    public static let malformedHeader = SyslogFlags(rawValue: 1 << 13)
    /// RFC 5424 STRUCTURED-DATA that does not follow §6.3; the elements before the fault were kept and the rest is
    /// part of the message text.
    public static let malformedStructuredData = SyslogFlags(rawValue: 1 << 14)
    /// Nothing after the header.
    public static let emptyMessage = SyslogFlags(rawValue: 1 << 15)
    /// An RFC 5424 VERSION other than 1.
    public static let unsupportedVersion = SyslogFlags(rawValue: 1 << 16)
    /// Control characters other than tab (and NUL, flagged separately) inside the message.
    public static let controlCharacters = SyslogFlags(rawValue: 1 << 17)

    static let names: [(SyslogFlags, String)] = [
        (.invalidUTF8, "invalidUTF8"), (.containsNUL, "containsNUL"), (.truncated, "truncated"),
        (.oversize, "oversize"), (.missingPRI, "missingPRI"), (.invalidPRI, "invalidPRI"),
        (.noTimestamp, "noTimestamp"), (.invalidTimestamp, "invalidTimestamp"), (.inferredYear, "inferredYear"),
        (.assumedTimeZone, "assumedTimeZone"), (.unsynchronizedClock, "unsynchronizedClock"),
        (.noHostname, "noHostname"), (.byteOrderMark, "byteOrderMark"), (.malformedHeader, "malformedHeader"),
        (.malformedStructuredData, "malformedStructuredData"), (.emptyMessage, "emptyMessage"),
        (.unsupportedVersion, "unsupportedVersion"), (.controlCharacters, "controlCharacters"),
    ]

    /// The names of the flags set, in declaration order (`["invalidUTF8", "truncated"]`).
    public var names: [String] { SyslogFlags.names.filter { contains($0.0) }.map(\.1) }

    public var description: String { "[" + names.joined(separator: ", ") + "]" }
}
