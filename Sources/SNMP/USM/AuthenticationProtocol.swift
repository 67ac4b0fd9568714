/// A USM authentication protocol: HMAC-MD5-96 and HMAC-SHA-96 (RFC 3414) or one of the
/// HMAC-SHA-2 protocols of RFC 7860.
///
/// The hash function also turns passwords into keys (RFC 3414 A.2, the same 1 MiB expansion for
/// SHA-2 per RFC 7860 section 9) and localises them to an engine; privacy keys are derived with the
/// authentication protocol's hash too.
public enum AuthenticationProtocol: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// usmNoAuthProtocol: noAuthNoPriv.
    case none
    /// usmHMACMD5AuthProtocol: HMAC-MD5 truncated to 12 octets.
    case md5
    /// usmHMACSHAAuthProtocol: HMAC-SHA-1 truncated to 12 octets.
    case sha1
    /// usmHMAC128SHA224AuthProtocol: HMAC-SHA-224 truncated to 16 octets.
    case sha224
    /// usmHMAC192SHA256AuthProtocol: HMAC-SHA-256 truncated to 24 octets.
    case sha256
    /// usmHMAC256SHA384AuthProtocol: HMAC-SHA-384 truncated to 32 octets.
    case sha384
    /// usmHMAC384SHA512AuthProtocol: HMAC-SHA-512 truncated to 48 octets.
    case sha512

    /// The protocol's OBJECT IDENTIFIER (SNMP-USER-BASED-SM-MIB, SNMP-USM-HMAC-SHA2-MIB), as
    /// carried in usmUserAuthProtocol.
    public var oid: OID {
        switch self {
        case .none: "1.3.6.1.6.3.10.1.1.1"
        case .md5: "1.3.6.1.6.3.10.1.1.2"
        case .sha1: "1.3.6.1.6.3.10.1.1.3"
        case .sha224: "1.3.6.1.6.3.10.1.1.4"
        case .sha256: "1.3.6.1.6.3.10.1.1.5"
        case .sha384: "1.3.6.1.6.3.10.1.1.6"
        case .sha512: "1.3.6.1.6.3.10.1.1.7"
        }
    }

    /// The protocol with this OBJECT IDENTIFIER, or nil if USM does not define it.
    public init?(oid: OID) {
        guard let match = Self.allCases.first(where: { $0.oid == oid }) else { return nil }
        self = match
    }

    /// Octets of the hash's output, which is also the length of Ku and Kul; 0 for ``none``.
    public var digestLength: Int {
        switch self {
        case .none: 0
        case .md5: 16
        case .sha1: 20
        case .sha224: 28
        case .sha256: 32
        case .sha384: 48
        case .sha512: 64
        }
    }

    /// The length of a key for this protocol (Ku or Kul): the digest length.
    public var keyLength: Int { digestLength }

    /// Octets of msgAuthenticationParameters: the truncated MAC; 0 for ``none``.
    public var macLength: Int {
        switch self {
        case .none: 0
        case .md5, .sha1: 12
        case .sha224: 16
        case .sha256: 24
        case .sha384: 32
        case .sha512: 48
        }
    }

    /// The MIB name, e.g. `usmHMACSHAAuthProtocol`.
    public var description: String {
        switch self {
        case .none: "usmNoAuthProtocol"
        case .md5: "usmHMACMD5AuthProtocol"
        case .sha1: "usmHMACSHAAuthProtocol"
        case .sha224: "usmHMAC128SHA224AuthProtocol"
        case .sha256: "usmHMAC192SHA256AuthProtocol"
        case .sha384: "usmHMAC256SHA384AuthProtocol"
        case .sha512: "usmHMAC384SHA512AuthProtocol"
        }
    }
}
