/// A USM privacy protocol: DES-CBC (RFC 3414 section 8), AES-128-CFB (RFC 3826), or AES-192/256-CFB
/// with one of the two key extensions net-snmp 5.9 implements for them.
///
/// Privacy keys are derived with the user's *authentication* protocol's hash, from the privacy
/// password; privacy without authentication does not exist in USM.
///
/// AES-192 and AES-256 need more key than MD5 or SHA-1 (and, for AES-256, SHA-224) produce. The
/// two variants differ only in how the localised key Kul is extended, as net-snmp's
/// `netsnmp_extend_kul` (snmplib/keytools.c) does:
/// - ``aes192`` / ``aes256`` (draft-blumenthal-aes-usm-04, net-snmp's `AES-192`/`AES-256`, Debian's
///   snmpd `createUser … AES-256`): `Kul = Kul || H(Kul)`, repeated (hashing the whole extended key
///   each time) until long enough.
/// - ``aes192c`` / ``aes256c`` (the "Reeder" extension Cisco uses, net-snmp's `AES-192-C`/`AES-256-C`):
///   the extension comes *after* localisation too, but each step runs the full password-to-key
///   algorithm on the current Kul as if it were a password and localises the result again:
///   `Kul = Kul || localize(passwordToKey(Kul), engineID)`. It costs a 1 MiB hash per engine.
///
/// When Kul is already long enough (SHA-256 and up, or SHA-224 with AES-192), both variants give
/// the same key: its first ``keyLength`` octets.
public enum PrivacyProtocol: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// usmNoPrivProtocol.
    case none
    /// usmDESPrivProtocol: DES-CBC.
    case des
    /// usmAesCfb128Protocol: AES-128 in CFB-128 mode.
    case aes128
    /// AES-192-CFB with the Blumenthal key extension (net-snmp `AES-192`).
    case aes192
    /// AES-256-CFB with the Blumenthal key extension (net-snmp `AES-256`).
    case aes256
    /// AES-192-CFB with the Reeder key extension used by Cisco (net-snmp `AES-192-C`).
    case aes192c
    /// AES-256-CFB with the Reeder key extension used by Cisco (net-snmp `AES-256-C`).
    case aes256c

    /// The protocol's OBJECT IDENTIFIER as net-snmp 5.9 names it: RFC 3414/3826 for DES and
    /// AES-128, the Blumenthal draft's 1.3.6.1.4.1.14832.1.3/4 for ``aes192``/``aes256``, and
    /// CISCO-SNMP-USM-OIDS-MIB's cusmAESCfb192/256PrivProtocol for ``aes192c``/``aes256c``.
    public var oid: OID {
        switch self {
        case .none: "1.3.6.1.6.3.10.1.2.1"
        case .des: "1.3.6.1.6.3.10.1.2.2"
        case .aes128: "1.3.6.1.6.3.10.1.2.4"
        case .aes192: "1.3.6.1.4.1.14832.1.3"
        case .aes256: "1.3.6.1.4.1.14832.1.4"
        case .aes192c: "1.3.6.1.4.1.9.12.6.1.1"
        case .aes256c: "1.3.6.1.4.1.9.12.6.1.2"
        }
    }

    /// The protocol with this OBJECT IDENTIFIER, or nil if unknown.
    public init?(oid: OID) {
        guard let match = Self.allCases.first(where: { $0.oid == oid }) else { return nil }
        self = match
    }

    /// Octets of the cipher key: 8 for DES, 16, 24 or 32 for AES; 0 for ``none``.
    public var keyLength: Int {
        switch self {
        case .none: 0
        case .des: 8
        case .aes128: 16
        case .aes192, .aes192c: 24
        case .aes256, .aes256c: 32
        }
    }

    /// Octets of the privacy key ``localizedKey(masterKey:engineID:authProtocol:)`` returns and
    /// encryption expects: ``keyLength``, except DES, whose 16 octets are the key and the pre-IV
    /// (RFC 3414 section 8.1.1.1).
    public var localizedKeyLength: Int {
        self == .des ? 16 : keyLength
    }

    /// Octets of msgPrivacyParameters (the salt): 8 for every cipher, 0 for ``none``.
    public var privacyParametersLength: Int { self == .none ? 0 : 8 }

    /// net-snmp's name for the protocol, as `snmpget -x` and snmpd's `createUser` take it.
    public var description: String {
        switch self {
        case .none: "none"
        case .des: "DES"
        case .aes128: "AES"
        case .aes192: "AES-192"
        case .aes256: "AES-256"
        case .aes192c: "AES-192-C"
        case .aes256c: "AES-256-C"
        }
    }
}

// MARK: - Keys

extension PrivacyProtocol {
    /// Derives the privacy key for one engine from the master key of the privacy password:
    /// localises it (RFC 3414 section 2.6), extends it if the cipher needs more octets than the
    /// hash gives (see ``PrivacyProtocol``), and keeps the first ``localizedKeyLength`` octets.
    /// - Parameters:
    ///   - masterKey: Ku of the *privacy* password, from `authProtocol.passwordToKey(_:)`.
    ///   - engineID: the authoritative snmpEngineID.
    ///   - authProtocol: the user's authentication protocol, whose hash derives the key.
    /// - Returns: the key for ``PrivacyProtocol/encrypt(scopedPDU:key:engineBoots:engineTime:salt:)``.
    /// - Throws: ``USMError/Code/unsupportedCombination`` for ``none`` or without authentication,
    ///   ``USMError/Code/invalidKeyLength`` when `masterKey` does not fit `authProtocol`,
    ///   ``USMError/Code/emptyEngineID``.
    public func localizedKey(masterKey: USMKey, engineID: some Collection<UInt8>,
                             authProtocol: AuthenticationProtocol) throws(USMError) -> USMKey {
        try check(authProtocol)
        let engine = Array(engineID)
        let kul = try authProtocol.localize(masterKey, engineID: engine)
        return try extend(kul, engineID: engine, authProtocol: authProtocol)
    }

    /// Both steps at once: the privacy key for `password` at `engineID`. Prefer caching the master
    /// key when the same user talks to many engines.
    public func localizedKey(password: String, engineID: some Collection<UInt8>,
                             authProtocol: AuthenticationProtocol) throws(USMError) -> USMKey {
        try check(authProtocol)
        return try localizedKey(masterKey: authProtocol.passwordToKey(password), engineID: engineID,
                                authProtocol: authProtocol)
    }

    /// Extends an already localised key (Kul) the way net-snmp does for this cipher and keeps the
    /// first ``localizedKeyLength`` octets. Use it for keys configured in localised form.
    /// - Throws: ``USMError/Code/invalidKeyLength`` when `localizedKey` is not
    ///   `authProtocol.keyLength` octets, ``USMError/Code/unsupportedCombination``.
    public func extend(_ localizedKey: USMKey, engineID: some Collection<UInt8>,
                       authProtocol: AuthenticationProtocol) throws(USMError) -> USMKey {
        try check(authProtocol)
        guard localizedKey.count == authProtocol.keyLength else {
            throw USMError(.invalidKeyLength,
                           "a \(localizedKey.count)-octet localised key for \(authProtocol), which makes \(authProtocol.keyLength)")
        }
        var key = localizedKey.bytes
        while key.count < localizedKeyLength {
            let more: [UInt8]
            switch self {
            case .aes192c, .aes256c:
                // Reeder: Kul' = Kul || localize(passwordToKey(Kul)).
                more = try authProtocol.localize(authProtocol.passwordToKey(key), engineID: engineID).bytes
            default:
                // Blumenthal: Kul' = Kul || H(Kul), over the whole key extended so far.
                more = try authProtocol.hash(key)
            }
            key.append(contentsOf: more.prefix(localizedKeyLength - key.count))
        }
        let result = USMKey(key.prefix(localizedKeyLength))
        for i in key.indices { key[i] = 0 }
        return result
    }

    private func check(_ authProtocol: AuthenticationProtocol) throws(USMError) {
        guard self != .none else { throw USMError(.unsupportedCombination, "usmNoPrivProtocol has no keys") }
        guard authProtocol != .none else {
            throw USMError(.unsupportedCombination, "privacy needs an authentication protocol (RFC 3414 section 3.1.1)")
        }
    }
}
