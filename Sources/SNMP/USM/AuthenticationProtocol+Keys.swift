internal import Crypto

extension AuthenticationProtocol {
    /// How many octets of repeated password RFC 3414 A.2 hashes into Ku: 1 MiB.
    public static let passwordExpansionLength = 1_048_576

    /// Turns a password into the user's master key Ku (RFC 3414 A.2.1 for MD5, A.2.2 for SHA-1,
    /// RFC 7860 section 9 for SHA-2): the hash of the password repeated to fill 1 MiB.
    ///
    /// This is the expensive step (1 MiB of hashing, about a millisecond or two): do it once per
    /// user and password, keep the result, and ``localize(_:engineID:)`` it for each engine.
    /// - Parameter password: the password's UTF-8 octets.
    /// - Returns: Ku, ``digestLength`` octets.
    /// - Throws: ``USMError/Code/unsupportedCombination`` for ``none``,
    ///   ``USMError/Code/emptyPassword`` for an empty password. Passwords shorter than 8 octets are
    ///   accepted, although RFC 3414 section 11.2 advises against them and net-snmp refuses them.
    public func passwordToKey(_ password: String) throws(USMError) -> USMKey {
        try passwordToKey(Array(password.utf8))
    }

    /// Turns a password given as octets into the master key Ku; see ``passwordToKey(_:)-(String)``.
    public func passwordToKey(_ password: some Collection<UInt8>) throws(USMError) -> USMKey {
        guard self != .none else { throw USMError(.unsupportedCombination, "usmNoAuthProtocol has no keys") }
        guard !password.isEmpty else { throw USMError(.emptyPassword, "a password of zero octets cannot be expanded") }
        let digest = try Self.expand(digestType, password: Array(password))
        return USMKey(digest)
    }

    /// Localises a master key to one authoritative engine (RFC 3414 section 2.6, A.2):
    /// Kul = H(Ku || snmpEngineID || Ku). Cheap: three short hash updates.
    /// - Parameters:
    ///   - masterKey: Ku from ``passwordToKey(_:)-(String)`` with this protocol.
    ///   - engineID: the authoritative snmpEngineID (msgAuthoritativeEngineID).
    /// - Returns: Kul, ``digestLength`` octets.
    /// - Throws: ``USMError/Code/invalidKeyLength`` when `masterKey` is not ``keyLength`` octets,
    ///   ``USMError/Code/emptyEngineID``, ``USMError/Code/unsupportedCombination`` for ``none``.
    public func localize(_ masterKey: USMKey, engineID: some Collection<UInt8>) throws(USMError) -> USMKey {
        guard self != .none else { throw USMError(.unsupportedCombination, "usmNoAuthProtocol has no keys") }
        guard masterKey.count == keyLength else {
            throw USMError(.invalidKeyLength, "a \(masterKey.count)-octet master key for \(self), which needs \(keyLength)")
        }
        guard !engineID.isEmpty else { throw USMError(.emptyEngineID, "cannot localise a key to an empty snmpEngineID") }
        var digest = try digestType.init()
        let engine = Array(engineID)
        masterKey.withUnsafeBytes { ku in
            digest.update(ku)
            engine.withUnsafeBytes { digest.update($0) }
            digest.update(ku)
        }
        return USMKey(digest.finish())
    }

    /// Both steps at once: Kul for `password` at `engineID`. Prefer caching the master key when
    /// the same user talks to many engines.
    public func localizedKey(password: String, engineID: some Collection<UInt8>) throws(USMError) -> USMKey {
        try localize(passwordToKey(password), engineID: engineID)
    }

    // MARK: - Internals

    /// The streaming hash behind this protocol. `none` maps to MD5 only to keep this total; every
    /// public entry point rejects `none` first.
    var digestType: any USMDigest.Type {
        switch self {
        case .none, .md5: Insecure.MD5.self
        case .sha1: Insecure.SHA1.self
        case .sha224: OpenSSLSHA224.self
        case .sha256: SHA256.self
        case .sha384: SHA384.self
        case .sha512: SHA512.self
        }
    }

    /// The hash of `digestType` over its input, in one go.
    func hash(_ bytes: [UInt8]) throws(USMError) -> [UInt8] {
        var digest = try digestType.init()
        bytes.withUnsafeBytes { digest.update($0) }
        return digest.finish()
    }

    /// Hashes `password` repeated over ``passwordExpansionLength`` octets.
    ///
    /// RFC 3414's reference code copies one octet at a time into a 64-octet block; here a buffer
    /// of whole password repetitions (about 8 KiB) is hashed again and again, so the hash sees the
    /// same stream with a few hundred update calls and no per-octet work.
    private static func expand<D: USMDigest>(_: D.Type, password: [UInt8]) throws(USMError) -> [UInt8] {
        var digest = try D()
        let repetitions = max(1, (8192 + password.count - 1) / password.count)
        var block = [UInt8]()
        block.reserveCapacity(repetitions * password.count)
        for _ in 0..<repetitions { block.append(contentsOf: password) }
        // Every full block is a whole number of passwords, so each update starts at password
        // offset 0 and the last, partial update is a prefix of the block.
        block.withUnsafeBytes { raw in
            var remaining = passwordExpansionLength
            while remaining > 0 {
                let length = min(remaining, raw.count)
                digest.update(UnsafeRawBufferPointer(rebasing: raw[..<length]))
                remaining -= length
            }
        }
        for i in block.indices { block[i] = 0 }
        return digest.finish()
    }
}
