/// Syslog parsing, classification and RFC 6587 framing, from bytes, with no I/O and no dependencies.
///
/// - ``SyslogParser`` turns one message's bytes into a ``SyslogMessage``; it never throws and never traps.
/// - ``SyslogClassifier`` maps a parsed message to an ``EventClass`` through a table of ``ClassificationRule``s.
/// - ``SyslogFramer`` splits a TCP byte stream into frames (octet counting or line feed, detected per frame).
///
/// Receivers own the sockets and feed bytes in; storage reads the parsed values out.
public enum Syslog {
    /// The largest message the parser looks at and the framer buffers by default: 64 KiB.
    public static let defaultMaximumMessageSize = 65_536
}
