public import SNMPCodec

/// msgSecurityLevel (RFC 3411): which of authentication and privacy protect a message.
public enum SecurityLevel: String, Sendable, Hashable, CaseIterable {
    case noAuthNoPriv
    case authNoPriv
    case authPriv

    var flags: MsgFlags {
        switch self {
        case .noAuthNoPriv: []
        case .authNoPriv: [.auth]
        case .authPriv: [.auth, .priv]
        }
    }
}

/// An SNMPv3 user as the manager knows it: name, protocols and master keys (the 1 MiB
/// password hashing happens once, here, not per agent).
public struct USMUser: Sendable, CustomStringConvertible {
    public let name: OctetString
    public let level: SecurityLevel
    public let keys: USMMasterKeys

    /// - Throws: ``USMError`` when a password the level needs is missing or empty.
    public init(name: String, level: SecurityLevel,
                authProtocol: AuthenticationProtocol = .none, authPassword: String? = nil,
                privProtocol: PrivacyProtocol = .none, privPassword: String? = nil) throws(USMError) {
        self.name = OctetString(name)
        self.level = level
        switch level {
        case .noAuthNoPriv:
            keys = try USMMasterKeys(authProtocol: .none, authPassword: nil)
        case .authNoPriv:
            guard authProtocol != .none else { throw USMError(.unsupportedCombination, "authNoPriv needs an authentication protocol") }
            keys = try USMMasterKeys(authProtocol: authProtocol, authPassword: authPassword)
        case .authPriv:
            guard authProtocol != .none, privProtocol != .none else {
                throw USMError(.unsupportedCombination, "authPriv needs an authentication and a privacy protocol")
            }
            keys = try USMMasterKeys(authProtocol: authProtocol, authPassword: authPassword,
                                     privProtocol: privProtocol, privPassword: privPassword)
        }
    }

    private init(name: OctetString, level: SecurityLevel, keys: USMMasterKeys) {
        self.name = name
        self.level = level
        self.keys = keys
    }

    /// The same user without privacy: the probe that tells a wrong privacy password from a dead agent.
    var withoutPrivacy: USMUser {
        USMUser(name: name, level: .authNoPriv,
                keys: (try? USMMasterKeys(authProtocol: keys.authProtocol, authKey: keys.authKey, privProtocol: .none, privKey: nil)) ?? keys)
    }

    public var description: String { "USM user \(name) (\(level.rawValue), \(keys.authProtocol)/\(keys.privProtocol))" }
}
