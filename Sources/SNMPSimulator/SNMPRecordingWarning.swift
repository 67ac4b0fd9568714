/// Something in a recording that the loader skipped or served differently from snmpsim.
///
/// Loading never fails because of a bad line: the line is left out and one warning names the
/// file, the line and why. Equality compares ``code``, ``file`` and ``line``, never the wording
/// of ``reason``.
public struct SNMPRecordingWarning: Sendable, Hashable, CustomStringConvertible {
    /// What was wrong, as an extensible set of codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case malformedLine
            case invalidObjectIdentifier
            case unknownTag
            case invalidValue
            case unknownVariationModule
            case unsupportedVariationParameter
            case duplicateObjectIdentifier
            case unreadableFile
            case unsupportedFormat
            case duplicateRecording
            case moreWarnings
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A line that is not `OID|TAG|VALUE`.
        public static let malformedLine = Code(.malformedLine)
        /// The OID field is not a valid numeric OID.
        public static let invalidObjectIdentifier = Code(.invalidObjectIdentifier)
        /// The tag is not one snmpsim knows, or a type/encoding combination snmpsim cannot serve.
        public static let unknownTag = Code(.unknownTag)
        /// The value does not parse as the tag's type or is out of its range.
        public static let invalidValue = Code(.invalidValue)
        /// A `:module` suffix naming a variation module that is not implemented; the line is skipped.
        public static let unknownVariationModule = Code(.unknownVariationModule)
        /// A variation parameter that is ignored (the line is still served) or unusable (it is skipped).
        public static let unsupportedVariationParameter = Code(.unsupportedVariationParameter)
        /// The same OID on two lines; the later line wins, as in snmpsim's index.
        public static let duplicateObjectIdentifier = Code(.duplicateObjectIdentifier)
        /// A file that could not be opened, read or decompressed (``SNMPRecordingWarning/line`` is 0).
        public static let unreadableFile = Code(.unreadableFile)
        /// An snmpsim data format other than `.snmprec` (`.walk`, `.dump`, `.sap`, `.MVC`).
        public static let unsupportedFormat = Code(.unsupportedFormat)
        /// Two files map to the same recording name; the first one is kept.
        public static let duplicateRecording = Code(.duplicateRecording)
        /// The file had more warnings than ``SNMPRecording/Options/maximumWarningsPerFile``; this
        /// one counts the rest (``SNMPRecordingWarning/line`` is 0).
        public static let moreWarnings = Code(.moreWarnings)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// The file as it was given to the loader.
    public let file: String
    /// One-based line number in the (decompressed) file; 0 for problems with the whole file.
    public let line: Int
    /// Human-readable detail.
    public let reason: String

    public init(_ code: Code, file: String, line: Int, _ reason: String) {
        self.code = code
        self.file = file
        self.line = line
        self.reason = reason
    }

    public static func == (lhs: SNMPRecordingWarning, rhs: SNMPRecordingWarning) -> Bool {
        lhs.code == rhs.code && lhs.file == rhs.file && lhs.line == rhs.line
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(file)
        hasher.combine(line)
    }

    public var description: String { "\(file):\(line): \(code): \(reason)" }
}

/// A failure that prevents loading at all: the directory itself cannot be read.
public struct SNMPRecordingError: Error, Sendable, Hashable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, _ reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
