/// A named way to talk SNMP to a device. Devices list set names, tried in order.
public struct CredentialSet: Sendable, Hashable, Encodable {
    public enum Version: String, Sendable, Hashable, Encodable, CaseIterable {
        case v1, v2c, v3
    }

    /// RFC 3414 / 7860 authentication protocols, spelt as the CLI's -a.
    public enum AuthProtocol: String, Sendable, Hashable, Encodable, CaseIterable {
        case md5 = "MD5", sha = "SHA", sha224 = "SHA-224", sha256 = "SHA-256", sha384 = "SHA-384", sha512 = "SHA-512"
    }

    /// Privacy protocols, spelt as the CLI's -x (-C: Cisco's AES-192/256 key extension).
    public enum PrivProtocol: String, Sendable, Hashable, Encodable, CaseIterable {
        case des = "DES", aes = "AES", aes192 = "AES-192", aes256 = "AES-256", aes192C = "AES-192-C", aes256C = "AES-256-C"
    }

    public enum SecurityLevel: String, Sendable, Hashable, Encodable, CaseIterable {
        case noAuthNoPriv, authNoPriv, authPriv
    }

    public struct USM: Sendable, Hashable, Encodable {
        public var user: String
        public var level: SecurityLevel
        public var authProtocol: AuthProtocol?
        public var authPassword: Secret?
        public var privProtocol: PrivProtocol?
        public var privPassword: Secret?
        /// SNMPv3 context name (`netwarden simulate` selects a recording by it).
        public var context: String
    }

    public enum Credentials: Sendable, Hashable, Encodable {
        case community(version: Version, community: Secret)
        case usm(USM)
    }

    public var name: String
    public var credentials: Credentials

    public var version: Version {
        if case .community(let version, _) = credentials { return version }
        return .v3
    }
}

extension CredentialSet.Version: ConfigEnum {
    static var expected: String { "SNMP version" }
    static var aliases: [String: Self] { ["1": .v1, "2c": .v2c, "2": .v2c, "v2": .v2c, "3": .v3] }
}

extension CredentialSet.AuthProtocol: ConfigEnum {
    static var expected: String { "authentication protocol" }
    static var aliases: [String: Self] { ["SHA1": .sha, "SHA-1": .sha, "SHA224": .sha224, "SHA256": .sha256, "SHA384": .sha384, "SHA512": .sha512] }
}

extension CredentialSet.PrivProtocol: ConfigEnum {
    static var expected: String { "privacy protocol" }
    static var aliases: [String: Self] { ["AES128": .aes, "AES-128": .aes, "AES192": .aes192, "AES256": .aes256] }
}

extension CredentialSet.SecurityLevel: ConfigEnum {
    static var expected: String { "security level" }
}

extension CredentialSet {
    static func decode(name: String, _ node: ConfigNode) -> CredentialSet? {
        node.object(kind: "credential set") { r -> CredentialSet? in
            let versionNode = r.value("version")
            let version = versionNode.flatMap(Version.decode)
            if versionNode == nil && !r.isProbe { r.base.problem("missing required key 'version' (v1, v2c or v3)") }
            r.skipUnknownKeys = version == nil
            var result: CredentialSet?
            if r.isProbe || version == .v1 || version == .v2c {
                r.withKind("credential set (v1/v2c)") {
                    if let community = r.required("community", Secret.self), let version {
                        result = CredentialSet(name: name, credentials: .community(version: version, community: community))
                    }
                }
            }
            if r.isProbe || version == .v3 {
                r.withKind("credential set (v3)") {
                    result = decodeUSM(name: name, r)
                }
            }
            return result
        }
    }

    private static func decodeUSM(name: String, _ r: ObjectReader) -> CredentialSet? {
        let user = r.required("user", String.self)
        let levelNode = r.value("level")
        let explicitLevel = levelNode.flatMap(SecurityLevel.decode)
        let authProtocol = r.optional("auth_protocol", AuthProtocol.self)
        let authNode = r.value("auth_password")
        let authPassword = authNode.flatMap(Secret.decode)
        let privProtocol = r.optional("priv_protocol", PrivProtocol.self)
        let privNode = r.value("priv_password")
        let privPassword = privNode.flatMap(Secret.decode)
        let context = r.optional("context", String.self) ?? ""
        guard !r.isProbe, let user else { return nil }

        let level = explicitLevel ?? (privNode != nil ? .authPriv : authNode != nil ? .authNoPriv : .noAuthNoPriv)
        var valid = true
        func need(_ present: Bool, _ message: String) {
            if !present { r.base.problem(message); valid = false }
        }
        if level != .noAuthNoPriv {
            need(authNode != nil, "level \(level.rawValue) needs auth_password")
            need(r.has("auth_protocol"), "level \(level.rawValue) needs auth_protocol (MD5, SHA, SHA-224, SHA-256, SHA-384 or SHA-512)")
        }
        if level == .authPriv {
            need(privNode != nil, "level authPriv needs priv_password")
            need(r.has("priv_protocol"), "level authPriv needs priv_protocol (DES, AES, AES-192, AES-256, AES-192-C or AES-256-C)")
        }
        if level != .authPriv && privNode != nil { need(false, "priv_password is set but level is \(level.rawValue)") }
        // net-snmp refuses pass phrases under 8 characters (RFC 3414 11.2 advice); so do we.
        for (node, secret) in [(authNode, authPassword), (privNode, privPassword)] {
            if let node, let secret, !secret.isEmpty, secret.reveal().count < 8 {
                node.problem("an SNMPv3 pass phrase needs at least 8 characters")
                valid = false
            }
        }
        guard valid else { return nil }
        return CredentialSet(name: name, credentials: .usm(USM(
            user: user, level: level, authProtocol: authProtocol, authPassword: authPassword,
            privProtocol: privProtocol, privPassword: privPassword, context: context)))
    }
}
