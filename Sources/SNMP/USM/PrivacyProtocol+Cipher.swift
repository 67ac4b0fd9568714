internal import Crypto
internal import CryptoExtras
internal import Foundation

/// The result of encrypting a ScopedPDU: what goes into msgPrivacyParameters and msgData.
public struct EncryptedScopedPDU: Sendable, Hashable {
    /// msgPrivacyParameters: the 8-octet salt the receiver needs to rebuild the IV.
    public var privacyParameters: [UInt8]
    /// The encryptedPDU, sent in msgData as an OCTET STRING.
    public var encryptedPDU: [UInt8]

    public init(privacyParameters: [UInt8], encryptedPDU: [UInt8]) {
        self.privacyParameters = privacyParameters
        self.encryptedPDU = encryptedPDU
    }
}

extension PrivacyProtocol {
    /// Encrypts an encoded ScopedPDU.
    ///
    /// - DES (RFC 3414 8.1.1): salt = `engineBoots` (4 octets) || the low 32 bits of `salt`;
    ///   IV = pre-IV XOR salt; the plaintext is padded with zeros to a multiple of 8 octets.
    /// - AES (RFC 3826 3.1.2.1): salt = `salt` as 8 octets; IV = `engineBoots` || `engineTime` ||
    ///   salt; CFB-128 needs no padding.
    ///
    /// All integers are written most significant octet first.
    /// - Parameters:
    ///   - scopedPDU: the encoded ScopedPDU (``ScopedPDU/encode()``).
    ///   - key: the privacy key from ``localizedKey(masterKey:engineID:authProtocol:)``; at least
    ///     ``localizedKeyLength`` octets, of which that many are used.
    ///   - engineBoots: for AES, msgAuthoritativeEngineBoots of this message (the receiver takes
    ///     the IV from there); for DES, RFC 3414 asks for the encrypting engine's snmpEngineBoots,
    ///     but any value works as long as (boots, salt) never repeats for a key.
    ///   - engineTime: for AES, msgAuthoritativeEngineTime of this message; unused by DES.
    ///   - salt: a counter the caller increments for every encryption with the same key, started
    ///     at a random value (RFC 3826 3.1.2.1); DES uses its low 32 bits.
    /// - Returns: the privacy parameters and the encrypted PDU.
    /// - Throws: ``USMError/Code/unsupportedCombination`` for ``none``,
    ///   ``USMError/Code/invalidKeyLength`` for a key shorter than ``localizedKeyLength``.
    public func encrypt(scopedPDU: [UInt8], key: USMKey, engineBoots: Int32, engineTime: Int32,
                        salt: UInt64) throws(USMError) -> EncryptedScopedPDU {
        try check(key)
        switch self {
        case .none:
            preconditionFailure("rejected by check")
        case .des:
            var privacyParameters = bigEndianOctets(UInt32(bitPattern: engineBoots))
            privacyParameters += bigEndianOctets(UInt32(truncatingIfNeeded: salt))
            let iv = zip(key[8..<16], privacyParameters).map { $0 ^ $1 }
            var plaintext = scopedPDU
            let pad = (8 - plaintext.count % 8) % 8
            plaintext.append(contentsOf: repeatElement(0, count: pad))
            let ciphertext = plaintext.withUnsafeBytes { desCBC($0, key: key[0..<8], iv: iv, encrypt: true) }
            return EncryptedScopedPDU(privacyParameters: privacyParameters, encryptedPDU: ciphertext)
        case .aes128, .aes192, .aes256, .aes192c, .aes256c:
            let privacyParameters = bigEndianOctets(salt)
            let iv = aesIV(engineBoots: engineBoots, engineTime: engineTime, salt: privacyParameters)
            let ciphertext = try aesCFB(scopedPDU, key: key, iv: iv, encrypt: true)
            return EncryptedScopedPDU(privacyParameters: privacyParameters, encryptedPDU: ciphertext)
        }
    }

    /// Decrypts an encryptedPDU (RFC 3414 8.1.1.3, RFC 3826 3.1.4).
    ///
    /// DES output keeps the sender's padding: up to 7 octets after the ScopedPDU, which
    /// ``ScopedPDU/decode(_:rules:)`` allows. A wrong key is not detected here: it yields
    /// octets that do not decode as a ScopedPDU.
    /// - Parameters:
    ///   - encryptedPDU: the contents of msgData's OCTET STRING.
    ///   - privacyParameters: the contents of msgPrivacyParameters.
    ///   - key: the privacy key (see ``encrypt(scopedPDU:key:engineBoots:engineTime:salt:)``).
    ///   - engineBoots: msgAuthoritativeEngineBoots of this message (AES only).
    ///   - engineTime: msgAuthoritativeEngineTime of this message (AES only).
    /// - Returns: the plaintext ScopedPDU octets.
    /// - Throws: ``USMError/Code/invalidPrivacyParameters`` unless they are 8 octets,
    ///   ``USMError/Code/decryptionError`` for DES ciphertext that is not whole blocks (both
    ///   usmStatsDecryptionErrors), ``USMError/Code/invalidKeyLength``,
    ///   ``USMError/Code/unsupportedCombination`` for ``none``.
    public func decrypt(encryptedPDU: some Collection<UInt8>, privacyParameters: some Collection<UInt8>,
                        key: USMKey, engineBoots: Int32, engineTime: Int32) throws(USMError) -> [UInt8] {
        try check(key)
        let salt = Array(privacyParameters)
        guard salt.count == 8 else {
            throw USMError(.invalidPrivacyParameters, "\(salt.count)-octet msgPrivacyParameters, \(self) needs 8")
        }
        let ciphertext = Array(encryptedPDU)
        switch self {
        case .none:
            preconditionFailure("rejected by check")
        case .des:
            guard ciphertext.count % 8 == 0 else {
                throw USMError(.decryptionError, "\(ciphertext.count) octets of DES ciphertext is not a multiple of 8")
            }
            let iv = zip(key[8..<16], salt).map { $0 ^ $1 }
            return ciphertext.withUnsafeBytes { desCBC($0, key: key[0..<8], iv: iv, encrypt: false) }
        case .aes128, .aes192, .aes256, .aes192c, .aes256c:
            let iv = aesIV(engineBoots: engineBoots, engineTime: engineTime, salt: salt)
            return try aesCFB(ciphertext, key: key, iv: iv, encrypt: false)
        }
    }

    // MARK: - Internals

    private func check(_ key: USMKey) throws(USMError) {
        guard self != .none else { throw USMError(.unsupportedCombination, "usmNoPrivProtocol does not encrypt") }
        guard key.count >= localizedKeyLength else {
            throw USMError(.invalidKeyLength, "a \(key.count)-octet key for \(self), which needs \(localizedKeyLength)")
        }
    }

    private func aesIV(engineBoots: Int32, engineTime: Int32, salt: [UInt8]) -> [UInt8] {
        bigEndianOctets(UInt32(bitPattern: engineBoots)) + bigEndianOctets(UInt32(bitPattern: engineTime)) + salt
    }

    private func aesCFB(_ input: [UInt8], key: USMKey, iv: [UInt8], encrypt: Bool) throws(USMError) -> [UInt8] {
        let symmetricKey = SymmetricKey(data: key[0..<keyLength])
        do {
            let cfbIV = try AES._CFB.IV(ivBytes: iv)
            let output = encrypt
                ? try AES._CFB.encrypt(input, using: symmetricKey, iv: cfbIV)
                : try AES._CFB.decrypt(input, using: symmetricKey, iv: cfbIV)
            return Array(output)
        } catch {
            throw USMError(.cryptoFailure, "AES-CFB \(encrypt ? "encryption" : "decryption") failed")
        }
    }
}

private func bigEndianOctets<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    withUnsafeBytes(of: value.bigEndian) { Array($0) }
}
