/// An error found while decoding or encoding an SNMP message.
///
/// Equality compares ``code`` only, so tests and callers switch on what went wrong,
/// never on the wording of ``reason``.
public struct SNMPCodecError: Error, Hashable, CustomStringConvertible, Sendable {
    /// What went wrong, as an extensible set of codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case truncated
            case indefiniteLength
            case lengthTooLarge
            case unexpectedTag
            case integerOverflow
            case invalidObjectIdentifier
            case nestingTooDeep
            case trailingBytes
            case invalidLength
            case unsupportedVersion
            case invalidValue
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A length or a value runs past the end of the bytes that enclose it.
        public static let truncated = Code(.truncated)
        /// BER's indefinite length form (0x80), which SNMP forbids.
        public static let indefiniteLength = Code(.indefiniteLength)
        /// A long-form length of more than four octets.
        public static let lengthTooLarge = Code(.lengthTooLarge)
        /// A tag other than the one the SNMP grammar allows here.
        public static let unexpectedTag = Code(.unexpectedTag)
        /// An integer too large for its SMI type.
        public static let integerOverflow = Code(.integerOverflow)
        /// An OBJECT IDENTIFIER with an arc over 32 bits, too many arcs, or a broken last arc.
        public static let invalidObjectIdentifier = Code(.invalidObjectIdentifier)
        /// Constructed encodings nested deeper than the decoder allows.
        public static let nestingTooDeep = Code(.nestingTooDeep)
        /// Bytes left over after a complete element.
        public static let trailingBytes = Code(.trailingBytes)
        /// A length that is impossible for the type (an IpAddress that is not four octets).
        public static let invalidLength = Code(.invalidLength)
        /// A message version other than SNMPv1, SNMPv2c or SNMPv3.
        public static let unsupportedVersion = Code(.unsupportedVersion)
        /// A value that cannot be encoded or is out of its range.
        public static let invalidValue = Code(.invalidValue)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// Human-readable detail: which element, at which offset.
    public let reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public static func == (lhs: SNMPCodecError, rhs: SNMPCodecError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    public var description: String { "\(code): \(reason)" }
}
