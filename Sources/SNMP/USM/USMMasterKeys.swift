/// A user's master keys (Ku), derived once from the passwords: the 1 MiB hashing happens here.
/// ``localized(to:)`` then gives the keys for each authoritative engine cheaply (except with
/// ``PrivacyProtocol/aes192c``/``PrivacyProtocol/aes256c`` and a short hash, whose key extension
/// costs another password-to-key run per engine).
///
/// Keep one per configured user; keep the ``USMLocalizedKeys`` per (user, engine ID).
public struct USMMasterKeys: Sendable, Equatable, CustomStringConvertible {
    public let authProtocol: AuthenticationProtocol
    public let privProtocol: PrivacyProtocol
    /// Ku of the authentication password; nil for ``AuthenticationProtocol/none``.
    public let authKey: USMKey?
    /// Ku of the privacy password, derived with the authentication hash; nil without privacy.
    public let privKey: USMKey?

    /// Derives the master keys of a user.
    /// - Parameters:
    ///   - authProtocol: the user's authentication protocol.
    ///   - authPassword: required unless `authProtocol` is ``AuthenticationProtocol/none``.
    ///   - privProtocol: the user's privacy protocol; needs authentication.
    ///   - privPassword: required unless `privProtocol` is ``PrivacyProtocol/none``.
    /// - Throws: ``USMError/Code/unsupportedCombination`` for privacy without authentication,
    ///   ``USMError/Code/emptyPassword`` for a missing or empty password.
    public init(authProtocol: AuthenticationProtocol, authPassword: String?,
                privProtocol: PrivacyProtocol = .none, privPassword: String? = nil) throws(USMError) {
        guard authProtocol != .none || privProtocol == .none else {
            throw USMError(.unsupportedCombination, "privacy needs an authentication protocol (RFC 3414 section 3.1.1)")
        }
        self.authProtocol = authProtocol
        self.privProtocol = privProtocol
        self.authKey = authProtocol == .none ? nil : try authProtocol.passwordToKey(authPassword ?? "")
        self.privKey = privProtocol == .none ? nil : try authProtocol.passwordToKey(privPassword ?? "")
    }

    /// Wraps master keys obtained elsewhere (e.g. configured as Ku).
    /// - Throws: ``USMError/Code/invalidKeyLength`` when a key does not fit `authProtocol`,
    ///   ``USMError/Code/unsupportedCombination`` when a key is missing or superfluous.
    public init(authProtocol: AuthenticationProtocol, authKey: USMKey?,
                privProtocol: PrivacyProtocol, privKey: USMKey?) throws(USMError) {
        guard authProtocol != .none || privProtocol == .none else {
            throw USMError(.unsupportedCombination, "privacy needs an authentication protocol (RFC 3414 section 3.1.1)")
        }
        guard (authProtocol == .none) == (authKey == nil), (privProtocol == .none) == (privKey == nil) else {
            throw USMError(.unsupportedCombination, "a key is needed exactly when its protocol is not none")
        }
        for key in [authKey, privKey].compactMap({ $0 }) where key.count != authProtocol.keyLength {
            throw USMError(.invalidKeyLength, "a \(key.count)-octet master key for \(authProtocol)")
        }
        self.authProtocol = authProtocol
        self.privProtocol = privProtocol
        self.authKey = authKey
        self.privKey = privKey
    }

    /// The keys for one authoritative engine.
    /// - Throws: ``USMError/Code/emptyEngineID``.
    public func localized(to engineID: some Collection<UInt8>) throws(USMError) -> USMLocalizedKeys {
        let engine = Array(engineID)
        var authKey: USMKey?
        var privKey: USMKey?
        if let key = self.authKey { authKey = try authProtocol.localize(key, engineID: engine) }
        if let key = self.privKey {
            privKey = try privProtocol.localizedKey(masterKey: key, engineID: engine, authProtocol: authProtocol)
        }
        return USMLocalizedKeys(authProtocol: authProtocol, authKey: authKey, privProtocol: privProtocol, privKey: privKey)
    }

    /// The protocols only; keys print as `<secret>`.
    public var description: String { "USMMasterKeys(\(authProtocol), \(privProtocol), <secret>)" }
}

/// A user's keys localised to one authoritative engine: what message processing uses.
public struct USMLocalizedKeys: Sendable, Equatable, CustomStringConvertible {
    public let authProtocol: AuthenticationProtocol
    public let privProtocol: PrivacyProtocol
    /// Kul for ``AuthenticationProtocol/authenticate(message:authenticationParametersRange:key:)``
    /// and `verify`; nil for ``AuthenticationProtocol/none``.
    public let authKey: USMKey?
    /// The privacy key (localised, extended, ``PrivacyProtocol/localizedKeyLength`` octets); nil
    /// without privacy.
    public let privKey: USMKey?

    /// Wraps keys that are already localised (net-snmp's `-3k`/`-3K` style). A privacy key given
    /// here must already be extended for its cipher; use ``PrivacyProtocol/extend(_:engineID:authProtocol:)``
    /// on a bare Kul.
    public init(authProtocol: AuthenticationProtocol, authKey: USMKey?, privProtocol: PrivacyProtocol, privKey: USMKey?) {
        self.authProtocol = authProtocol
        self.privProtocol = privProtocol
        self.authKey = authKey
        self.privKey = privKey
    }

    /// The protocols only; keys print as `<secret>`.
    public var description: String { "USMLocalizedKeys(\(authProtocol), \(privProtocol), <secret>)" }
}
