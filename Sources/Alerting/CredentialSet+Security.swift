public import Config
public import SNMP
import SNMPCodec

extension CredentialSet {
    /// The SNMP security model these credentials describe; secrets are resolved here, at the
    /// last moment, and never logged.
    public func securityModel(cache: USMEngineCache = .shared) throws -> any SNMPSecurityModel {
        switch credentials {
        case .community(let version, let community):
            return CommunitySecurity(OctetString(community.reveal()), version: version == .v1 ? .v1 : .v2c)
        case .usm(let usm):
            return USMSecurity(user: try usmUser(usm), contextName: OctetString(usm.context), cache: cache)
        }
    }

    /// The USM user of a v3 credential set; nil for v1/v2c.
    public func usmUser() throws -> USMUser? {
        guard case .usm(let usm) = credentials else { return nil }
        return try usmUser(usm)
    }

    private func usmUser(_ usm: USM) throws -> USMUser {
            let level: SNMP.SecurityLevel = switch usm.level {
            case .noAuthNoPriv: .noAuthNoPriv
            case .authNoPriv: .authNoPriv
            case .authPriv: .authPriv
            }
            let auth: AuthenticationProtocol = switch usm.authProtocol {
            case nil: .none
            case .md5: .md5
            case .sha: .sha1
            case .sha224: .sha224
            case .sha256: .sha256
            case .sha384: .sha384
            case .sha512: .sha512
            }
            let priv: PrivacyProtocol = switch usm.privProtocol {
            case nil: .none
            case .des: .des
            case .aes: .aes128
            case .aes192: .aes192
            case .aes256: .aes256
            case .aes192C: .aes192c
            case .aes256C: .aes256c
            }
            return try USMUser(name: usm.user, level: level, authProtocol: auth, authPassword: usm.authPassword?.reveal(),
                               privProtocol: priv, privPassword: usm.privPassword?.reveal())
    }
}
