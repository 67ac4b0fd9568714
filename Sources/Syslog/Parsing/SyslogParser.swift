/// Parses syslog messages from bytes: RFC 5424, RFC 3164 and the shapes devices really send.
///
/// ``parse(_:receivedAt:sourceAddress:)`` never throws and never traps: whatever the bytes, it returns a
/// ``SyslogMessage`` that keeps them in ``SyslogMessage/raw`` and flags what it could not make sense of.
/// A parser is a small value; make one per configuration (zone, size limit, rules) and share it freely.
public struct SyslogParser: Sendable {
    /// Parser settings.
    public struct Options: Sendable {
        /// Only this many bytes are parsed; longer input is kept whole in ``SyslogMessage/raw`` and flagged
        /// ``SyslogFlags/oversize``. Default 64 KiB.
        public var maximumMessageSize: Int
        /// The zone of timestamps that carry none (RFC 3164), typically the sending device's. Default UTC.
        public var timeZone: SyslogTimeZone

        public init(maximumMessageSize: Int = Syslog.defaultMaximumMessageSize, timeZone: SyslogTimeZone = .utc) {
            self.maximumMessageSize = max(0, min(maximumMessageSize, Int(Int32.max)))
            self.timeZone = timeZone
        }
    }

    /// The settings.
    public var options: Options
    /// The rules that set ``SyslogMessage/eventClass``; `nil` skips classification.
    public var classifier: SyslogClassifier?

    /// Creates a parser.
    /// - Parameters:
    ///   - options: size limit and time zone.
    ///   - classifier: the event rules; ``SyslogClassifier/default`` unless given, `nil` for none.
    public init(options: Options = Options(), classifier: SyslogClassifier? = .default) {
        self.options = options
        self.classifier = classifier
    }

    /// Parses one message.
    /// - Parameters:
    ///   - bytes: the message, framing removed (one UDP datagram, or one ``SyslogFrame``'s bytes).
    ///   - receivedAt: when it arrived; also the reference for timestamps without a year.
    ///   - sourceAddress: the sender's address as the receiver spells it.
    /// - Returns: the parsed message; never fails.
    public func parse(_ bytes: [UInt8], receivedAt: SyslogInstant, sourceAddress: String? = nil) -> SyslogMessage {
        var scanner = MessageScanner(
            raw: bytes, receivedAt: receivedAt, sourceAddress: sourceAddress, options: options)
        scanner.run()
        if let classifier { classifier.classify(&scanner.m) }
        return scanner.m
    }

    /// Parses one message from a slice (copied once into the message's ``SyslogMessage/raw``).
    public func parse(_ bytes: ArraySlice<UInt8>, receivedAt: SyslogInstant, sourceAddress: String? = nil)
        -> SyslogMessage
    {
        parse(Array(bytes), receivedAt: receivedAt, sourceAddress: sourceAddress)
    }

    /// Parses one message from a receive buffer (copied once into the message's ``SyslogMessage/raw``).
    public func parse(_ bytes: UnsafeRawBufferPointer, receivedAt: SyslogInstant, sourceAddress: String? = nil)
        -> SyslogMessage
    {
        parse(Array(bytes), receivedAt: receivedAt, sourceAddress: sourceAddress)
    }

    /// Parses a frame from a ``SyslogFramer``; a truncated frame is flagged ``SyslogFlags/truncated``.
    public func parse(_ frame: SyslogFrame, receivedAt: SyslogInstant, sourceAddress: String? = nil) -> SyslogMessage {
        var m = parse(frame.bytes, receivedAt: receivedAt, sourceAddress: sourceAddress)
        if frame.isTruncated { m.flags.insert(.truncated) }
        return m
    }

    /// Parses with default options and rules.
    public static func parse(_ bytes: [UInt8], receivedAt: SyslogInstant, sourceAddress: String? = nil)
        -> SyslogMessage
    {
        SyslogParser.standard.parse(bytes, receivedAt: receivedAt, sourceAddress: sourceAddress)
    }

    static let standard = SyslogParser()
}
