/// A field of a syslog message, as the bytes it was received as.
///
/// It is a view into ``SyslogMessage/raw`` (no copy). ``string`` decodes it, replacing invalid UTF-8 with U+FFFD.
/// Equality compares bytes, so `message.hostname == "router1"` works in tests and in rules.
public struct SyslogText: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The field's bytes, sharing storage with the message.
    public let bytes: ArraySlice<UInt8>

    /// Wraps bytes.
    public init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    /// Makes a text from a string's UTF-8.
    public init(_ string: String) { self.bytes = ArraySlice(string.utf8) }

    public init(stringLiteral value: String) { self.init(value) }

    /// The bytes decoded as UTF-8, invalid sequences replaced with U+FFFD.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    public var description: String { string }

    /// Whether the text is empty.
    public var isEmpty: Bool { bytes.isEmpty }

    /// The number of bytes.
    public var count: Int { bytes.count }

    public static func == (lhs: SyslogText, rhs: SyslogText) -> Bool {
        lhs.bytes.elementsEqual(rhs.bytes)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(bytes.count)
        for b in bytes { hasher.combine(b) }
    }
}

/// A half-open range of byte offsets into a message's raw bytes, kept small (8 bytes).
struct ByteSpan: Hashable, Sendable {
    var start: UInt32
    var end: UInt32

    @inline(__always)
    init(_ start: Int, _ end: Int) {
        self.start = UInt32(truncatingIfNeeded: start)
        self.end = UInt32(truncatingIfNeeded: max(start, end))
    }

    @inline(__always) var lower: Int { Int(start) }
    @inline(__always) var upper: Int { Int(end) }
    @inline(__always) var count: Int { Int(end) - Int(start) }
    @inline(__always) var isEmpty: Bool { start == end }
}
