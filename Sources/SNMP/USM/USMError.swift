/// An error from the user-based security model's cryptography (RFC 3414): a key, a password or a
/// parameter that cannot be used, or a message that cannot be decrypted.
///
/// Equality compares ``code`` only. ``reason`` never contains key material or passwords.
public struct USMError: Error, Hashable, CustomStringConvertible, Sendable {
    /// What went wrong, as an extensible set of codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case emptyPassword
            case emptyEngineID
            case invalidKeyLength
            case invalidAuthenticationParameters
            case invalidPrivacyParameters
            case decryptionError
            case unsupportedCombination
            case cryptoFailure
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A password of zero octets: the 1 MiB expansion of RFC 3414 A.2 needs at least one.
        public static let emptyPassword = Code(.emptyPassword)
        /// A zero-length snmpEngineID given for key localisation.
        public static let emptyEngineID = Code(.emptyEngineID)
        /// A key whose length does not fit the protocol it is used with (a Ku of the wrong hash,
        /// a privacy key shorter than the cipher needs).
        public static let invalidKeyLength = Code(.invalidKeyLength)
        /// The range given for msgAuthenticationParameters lies outside the message or is not the
        /// protocol's MAC length.
        public static let invalidAuthenticationParameters = Code(.invalidAuthenticationParameters)
        /// msgPrivacyParameters that are not the 8 octets both DES and AES need (RFC 3414 8.3.2
        /// step 1, RFC 3826 3.3.2 step 1): counted as usmStatsDecryptionErrors.
        public static let invalidPrivacyParameters = Code(.invalidPrivacyParameters)
        /// The encrypted PDU cannot be decrypted, e.g. DES ciphertext that is not a multiple of
        /// 8 octets (RFC 3414 8.3.2 step 2): counted as usmStatsDecryptionErrors.
        public static let decryptionError = Code(.decryptionError)
        /// A protocol used where it cannot work: authenticating with `none`, privacy without
        /// authentication.
        public static let unsupportedCombination = Code(.unsupportedCombination)
        /// The underlying crypto library refused an operation it should have done.
        public static let cryptoFailure = Code(.cryptoFailure)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// Human-readable detail; never includes keys, passwords or plaintext.
    public let reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public static func == (lhs: USMError, rhs: USMError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    public var description: String { "\(code): \(reason)" }
}
