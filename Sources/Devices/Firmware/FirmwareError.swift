/// An error found while parsing a firmware version, a calendar day or a firmware policy.
///
/// Equality compares ``code`` only, so callers and tests switch on what went wrong,
/// never on the wording of ``reason``.
public struct FirmwareError: Error, Hashable, CustomStringConvertible, Sendable {
    /// What went wrong, as an extensible set of codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case emptyVersion
            case malformedVersion
            case versionNotFound
            case schemeMismatch
            case invalidDate
            case inconsistentPolicy
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The version text is empty or only whitespace.
        public static let emptyVersion = Code(.emptyVersion)
        /// The text is not a version of the scheme it was parsed under.
        public static let malformedVersion = Code(.malformedVersion)
        /// No version of the scheme was found in a longer text (a sysDescr, a banner).
        public static let versionNotFound = Code(.versionNotFound)
        /// A version of one scheme was given where another scheme was expected.
        public static let schemeMismatch = Code(.schemeMismatch)
        /// A calendar day that is not `YYYY-MM-DD` or does not exist.
        public static let invalidDate = Code(.invalidDate)
        /// A policy whose figures contradict each other (recommended below minimum, …).
        public static let inconsistentPolicy = Code(.inconsistentPolicy)

        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public let code: Code
    /// Human-readable detail: which text, which scheme.
    public let reason: String

    /// An error with a code and its detail.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public static func == (lhs: FirmwareError, rhs: FirmwareError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    public var description: String { "\(code): \(reason)" }
}
