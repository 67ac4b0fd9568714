/// How a frame was delimited on a stream (RFC 6587).
public enum SyslogFraming: String, Hashable, Sendable {
    /// `MSG-LEN SP SYSLOG-MSG` (RFC 6587 §3.4.1, RFC 5425).
    case octetCounting
    /// The message ends at a line feed (RFC 6587 §3.4.2, "non-transparent framing").
    case nonTransparent
}

/// One message's bytes cut from a stream by a ``SyslogFramer``.
public struct SyslogFrame: Hashable, Sendable {
    /// The message bytes, framing removed (no length prefix, no trailing LF or CR).
    public var bytes: [UInt8]
    /// How the frame was delimited.
    public var framing: SyslogFraming
    /// The frame was longer than the framer's limit (or cut off by the end of the stream): these are its first
    /// bytes, the rest was discarded.
    public var isTruncated: Bool

    /// Creates a frame.
    public init(bytes: [UInt8], framing: SyslogFraming, isTruncated: Bool = false) {
        self.bytes = bytes
        self.framing = framing
        self.isTruncated = isTruncated
    }
}
