internal import Crypto

extension AuthenticationProtocol {
    /// Authenticates an outgoing message in place (RFC 3414 section 6.3.1, RFC 7860 section 4.2.1):
    /// computes the HMAC over the whole message with msgAuthenticationParameters as zeros and
    /// writes its first ``macLength`` octets into that field.
    ///
    /// Encrypt first: the MAC covers the message as sent, encrypted PDU included.
    /// - Parameters:
    ///   - message: the whole encoded SNMPv3 message; its authentication parameters field is
    ///     treated as zeros whatever it holds, then overwritten.
    ///   - range: where the contents of msgAuthenticationParameters lie in `message`, e.g. from
    ///     ``USM/authenticationParametersRange(in:)``; ``macLength`` octets.
    ///   - key: the localised authentication key Kul (``keyLength`` octets).
    /// - Throws: ``USMError/Code/invalidAuthenticationParameters`` when `range` is outside the
    ///   message or not ``macLength`` long, ``USMError/Code/invalidKeyLength``,
    ///   ``USMError/Code/unsupportedCombination`` for ``none``.
    public func authenticate(message: inout [UInt8], authenticationParametersRange range: Range<Int>,
                             key: USMKey) throws(USMError) {
        try check(messageCount: message.count, range: range, key: key)
        guard range.count == macLength else {
            throw USMError(.invalidAuthenticationParameters,
                           "\(range.count) octets for the MAC of \(self), which needs \(macLength)")
        }
        let mac = try computeMAC(message: message, zeroing: range, key: key)
        message.replaceSubrange(range, with: mac)
    }

    /// Checks an incoming message's MAC (RFC 3414 section 6.3.2, RFC 7860 section 4.2.2), in
    /// constant time, without copying the message.
    /// - Parameters:
    ///   - message: the whole message as received.
    ///   - range: where the contents of msgAuthenticationParameters lie in `message`; with the
    ///     codec's ``USMSecurityParameters/decode(_:rules:)`` that is
    ///     `parameters.authenticationParameters.bytes.indices`.
    ///   - key: the localised authentication key Kul.
    /// - Returns: true when the MAC matches; false when it does not or the field is not
    ///   ``macLength`` octets (both are usmStatsWrongDigests).
    /// - Throws: only for misuse: ``USMError/Code/invalidAuthenticationParameters`` when `range`
    ///   is outside the message, ``USMError/Code/invalidKeyLength``,
    ///   ``USMError/Code/unsupportedCombination`` for ``none``.
    public func verify(message: [UInt8], authenticationParametersRange range: Range<Int>,
                       key: USMKey) throws(USMError) -> Bool {
        try check(messageCount: message.count, range: range, key: key)
        guard range.count == macLength else { return false }
        let mac = try computeMAC(message: message, zeroing: range, key: key)
        return constantTimeEquals(mac[...], message[range])
    }

    // MARK: - Internals

    private func check(messageCount: Int, range: Range<Int>, key: USMKey) throws(USMError) {
        guard self != .none else { throw USMError(.unsupportedCombination, "usmNoAuthProtocol does not authenticate") }
        guard range.lowerBound >= 0, range.upperBound <= messageCount else {
            throw USMError(.invalidAuthenticationParameters, "range \(range) outside a \(messageCount)-octet message")
        }
        guard key.count == keyLength else {
            throw USMError(.invalidKeyLength, "a \(key.count)-octet key for \(self), which needs \(keyLength)")
        }
    }

    private static let zeros = [UInt8](repeating: 0, count: 64)

    /// The truncated HMAC over `message` with `range` read as zeros.
    func computeMAC(message: [UInt8], zeroing range: Range<Int>, key: USMKey) throws(USMError) -> [UInt8] {
        var mac = try macType.init(key: key.bytes)
        message.withUnsafeBytes { raw in
            mac.update(UnsafeRawBufferPointer(rebasing: raw[..<range.lowerBound]))
            var left = range.count
            Self.zeros.withUnsafeBytes { zeros in
                while left > 0 {
                    let length = min(left, zeros.count)
                    mac.update(UnsafeRawBufferPointer(rebasing: zeros[..<length]))
                    left -= length
                }
            }
            mac.update(UnsafeRawBufferPointer(rebasing: raw[range.upperBound...]))
        }
        return Array(mac.finish().prefix(macLength))
    }

    /// The HMAC behind this protocol; `none` is rejected before this is asked.
    var macType: any USMMAC.Type {
        switch self {
        case .none, .md5: HMAC<Insecure.MD5>.self
        case .sha1: HMAC<Insecure.SHA1>.self
        case .sha224: OpenSSLHMACSHA224.self
        case .sha256: HMAC<SHA256>.self
        case .sha384: HMAC<SHA384>.self
        case .sha512: HMAC<SHA512>.self
        }
    }
}
