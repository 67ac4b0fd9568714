internal import COpenSSL
internal import Crypto
internal import Foundation

// The hash functions and MACs USM is built on, behind two tiny protocols so that password-to-key,
// localisation and message authentication are written once. MD5, SHA-1 and SHA-256/384/512 come
// from swift-crypto; SHA-224, which swift-crypto lacks, from OpenSSL's libcrypto. Nothing here
// implements a hash or a cipher.

// MARK: - Streaming digests

/// A hash function fed in pieces.
protocol USMDigest {
    init() throws(USMError)
    mutating func update(_ bytes: UnsafeRawBufferPointer)
    mutating func finish() -> [UInt8]
}

extension HashFunction {
    mutating func update(_ bytes: UnsafeRawBufferPointer) { update(bufferPointer: bytes) }
    mutating func finish() -> [UInt8] { Array(finalize()) }
}

extension Insecure.MD5: USMDigest {}
extension Insecure.SHA1: USMDigest {}
extension SHA256: USMDigest {}
extension SHA384: USMDigest {}
extension SHA512: USMDigest {}

/// SHA-224 through OpenSSL's EVP interface.
final class OpenSSLSHA224: USMDigest {
    private let context: OpaquePointer

    init() throws(USMError) {
        guard let context = EVP_MD_CTX_new() else { throw USMError(.cryptoFailure, "EVP_MD_CTX_new failed") }
        guard EVP_DigestInit_ex(context, EVP_sha224(), nil) == 1 else {
            EVP_MD_CTX_free(context)
            throw USMError(.cryptoFailure, "EVP_DigestInit_ex(SHA-224) failed")
        }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    func update(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        // Cannot fail for an initialised software digest; a failure would surface as a wrong key.
        _ = EVP_DigestUpdate(context, bytes.baseAddress, bytes.count)
    }

    func finish() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        _ = out.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
        return Array(out.prefix(Int(length)))
    }
}

// MARK: - Streaming MACs

/// A keyed MAC fed in pieces.
protocol USMMAC {
    init(key: [UInt8]) throws(USMError)
    mutating func update(_ bytes: UnsafeRawBufferPointer)
    mutating func finish() -> [UInt8]
}

extension HMAC: USMMAC {
    init(key: [UInt8]) throws(USMError) {
        self.init(key: SymmetricKey(data: key))
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) { update(data: bytes) }
    mutating func finish() -> [UInt8] { Array(finalize()) }
}

/// HMAC-SHA-224 through OpenSSL's EVP_MAC interface.
final class OpenSSLHMACSHA224: USMMAC {
    private let context: OpaquePointer

    init(key: [UInt8]) throws(USMError) {
        let context = key.withUnsafeBufferPointer { netwarden_hmac_sha224_new($0.baseAddress, $0.count) }
        guard let context else { throw USMError(.cryptoFailure, "HMAC-SHA-224 initialisation failed") }
        self.context = context
    }

    deinit { EVP_MAC_CTX_free(context) }

    func update(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        _ = EVP_MAC_update(context, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count)
    }

    func finish() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length = 0
        _ = out.withUnsafeMutableBufferPointer { EVP_MAC_final(context, $0.baseAddress, &length, $0.count) }
        return Array(out.prefix(length))
    }
}

// MARK: - DES-CBC

/// Single DES in CBC mode through OpenSSL's low-level DES API (see COpenSSL/shim.h for why not
/// EVP). `input.count` must be a multiple of 8.
func desCBC(_ input: UnsafeRawBufferPointer, key: ArraySlice<UInt8>, iv: [UInt8], encrypt: Bool) -> [UInt8] {
    precondition(key.count == 8 && iv.count == 8 && input.count % 8 == 0, "DES-CBC needs an 8-octet key and IV and whole blocks")
    var schedule = DES_key_schedule()
    var keyBlock: DES_cblock = (0, 0, 0, 0, 0, 0, 0, 0)
    withUnsafeMutableBytes(of: &keyBlock) { $0.copyBytes(from: key) }
    // Unchecked: parity bits are ignored by DES anyway, and RFC 3414 keys come from a hash, so a
    // weak key is as likely as any other 56-bit value.
    DES_set_key_unchecked(&keyBlock, &schedule)
    var ivBlock: DES_cblock = (0, 0, 0, 0, 0, 0, 0, 0)
    withUnsafeMutableBytes(of: &ivBlock) { $0.copyBytes(from: iv) }
    var output = [UInt8](repeating: 0, count: input.count)
    if !input.isEmpty {
        output.withUnsafeMutableBufferPointer { out in
            DES_ncbc_encrypt(input.baseAddress!.assumingMemoryBound(to: UInt8.self), out.baseAddress, input.count,
                             &schedule, &ivBlock, encrypt ? DES_ENCRYPT : DES_DECRYPT)
        }
    }
    // Key schedules are key material: do not leave them on the stack.
    withUnsafeMutableBytes(of: &schedule) { OPENSSL_cleanse($0.baseAddress, $0.count) }
    withUnsafeMutableBytes(of: &keyBlock) { OPENSSL_cleanse($0.baseAddress, $0.count) }
    return output
}
