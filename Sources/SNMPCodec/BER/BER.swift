/// Basic Encoding Rules (X.690) as SNMP uses them: definite lengths, single-octet tags.
public enum BER {
    /// How forgiving the decoder is.
    ///
    /// Field devices send encodings that X.690 does not allow but net-snmp accepts; `lenient`
    /// accepts the same ones and records each in ``Tolerances`` so the caller can log or count it.
    public enum Rules: Sendable, Hashable {
        case strict
        case lenient
    }

    /// Departures from canonical BER that a lenient decode accepted.
    public struct Tolerances: OptionSet, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// A long-form length where the short form would do, or with leading zero octets.
        public static let nonMinimalLength = Tolerances(rawValue: 1 << 0)
        /// An integer with redundant leading 0x00 or 0xFF octets.
        public static let nonMinimalInteger = Tolerances(rawValue: 1 << 1)
        /// A negative Counter32/Gauge32/TimeTicks/Counter64, read as its two's-complement bits
        /// (buggy firmware sends these; net-snmp does the same).
        public static let negativeUnsigned = Tolerances(rawValue: 1 << 2)
        /// An OBJECT IDENTIFIER arc with a leading 0x80 octet; the OID is re-encoded minimally.
        public static let nonMinimalObjectIdentifier = Tolerances(rawValue: 1 << 3)

        public var description: String {
            var names: [String] = []
            if contains(.nonMinimalLength) { names.append("nonMinimalLength") }
            if contains(.nonMinimalInteger) { names.append("nonMinimalInteger") }
            if contains(.negativeUnsigned) { names.append("negativeUnsigned") }
            if contains(.nonMinimalObjectIdentifier) { names.append("nonMinimalObjectIdentifier") }
            return "[" + names.joined(separator: ", ") + "]"
        }
    }

    /// Tags SNMP uses (RFC 1157, RFC 2578, RFC 3416).
    public enum Tag {
        public static let integer: UInt8 = 0x02
        public static let octetString: UInt8 = 0x04
        public static let null: UInt8 = 0x05
        public static let objectIdentifier: UInt8 = 0x06
        public static let sequence: UInt8 = 0x30
        public static let ipAddress: UInt8 = 0x40
        public static let counter32: UInt8 = 0x41
        public static let gauge32: UInt8 = 0x42
        public static let timeTicks: UInt8 = 0x43
        public static let opaque: UInt8 = 0x44
        public static let counter64: UInt8 = 0x46
        public static let noSuchObject: UInt8 = 0x80
        public static let noSuchInstance: UInt8 = 0x81
        public static let endOfMibView: UInt8 = 0x82
    }

    /// Deepest nesting of constructed elements the decoder follows. An SNMPv3 message with an
    /// encrypted scoped PDU nests six deep; anything past this is hostile.
    public static let maximumDepth = 10

    /// Largest number of arcs in an OBJECT IDENTIFIER (RFC 2578 section 3.5).
    public static let maximumObjectIdentifierArcs = 128
}
