/// The user-based security model for SNMPv3 (RFC 3414, RFC 3826, RFC 7860): its cryptography as
/// pure functions. The SNMP engine decides when to call them; see ``AuthenticationProtocol`` and
/// ``PrivacyProtocol`` for the operations and ``USMMasterKeys`` for key caching.
///
/// Outgoing message with authPriv:
/// 1. Encode the ScopedPDU and ``PrivacyProtocol/encrypt(scopedPDU:key:engineBoots:engineTime:salt:)``
///    it with the boots and time that go into the message.
/// 2. Encode the message with msgPrivacyParameters = the returned salt, msgData = the encrypted
///    PDU, and msgAuthenticationParameters = ``AuthenticationProtocol/macLength`` zero octets.
/// 3. Find the MAC field with ``authenticationParametersRange(in:)`` and
///    ``AuthenticationProtocol/authenticate(message:authenticationParametersRange:key:)``.
///
/// Incoming: decode, ``AuthenticationProtocol/verify(message:authenticationParametersRange:key:)``
/// (before anything else is trusted), check timeliness, then
/// ``PrivacyProtocol/decrypt(encryptedPDU:privacyParameters:key:engineBoots:engineTime:)`` and
/// decode the ScopedPDU.
public enum USM {
    /// msgSecurityModel for USM.
    public static let securityModel: Int32 = 3

    /// Locates the contents of msgAuthenticationParameters in an encoded SNMPv3 message by
    /// reading TLV headers only (the PDU is not decoded). Works on outgoing messages just encoded
    /// and on received ones.
    /// - Returns: the range of the field's contents, or nil when the message is not a well-formed
    ///   SNMPv3 message with USM security parameters up to that field.
    public static func authenticationParametersRange(in message: [UInt8]) -> Range<Int>? {
        var outer = HeaderWalker(message, message.indices)
        guard let messageContent = outer.next(BERTag.sequence) else { return nil }
        var m = HeaderWalker(message, messageContent)
        guard m.next(BERTag.integer) != nil,              // msgVersion
              m.next(BERTag.sequence) != nil,             // msgGlobalData
              let parameters = m.next(BERTag.octetString) // msgSecurityParameters
        else { return nil }
        var p = HeaderWalker(message, parameters)
        guard let usm = p.next(BERTag.sequence) else { return nil }
        var u = HeaderWalker(message, usm)
        guard u.next(BERTag.octetString) != nil,          // msgAuthoritativeEngineID
              u.next(BERTag.integer) != nil,              // msgAuthoritativeEngineBoots
              u.next(BERTag.integer) != nil,              // msgAuthoritativeEngineTime
              u.next(BERTag.octetString) != nil           // msgUserName
        else { return nil }
        return u.next(BERTag.octetString)                 // msgAuthenticationParameters
    }

    private enum BERTag {
        static let integer: UInt8 = 0x02
        static let octetString: UInt8 = 0x04
        static let sequence: UInt8 = 0x30
    }

    /// Steps over definite-length TLVs inside a range, checking every length against it.
    private struct HeaderWalker {
        let bytes: [UInt8]
        var position: Int
        let end: Int

        init(_ bytes: [UInt8], _ range: Range<Int>) {
            self.bytes = bytes
            self.position = range.lowerBound
            self.end = range.upperBound
        }

        /// Reads one element with tag `tag`; returns its contents' range and moves past it.
        mutating func next(_ tag: UInt8) -> Range<Int>? {
            guard position < end, bytes[position] == tag, position + 1 < end else { return nil }
            var cursor = position + 1
            let first = bytes[cursor]
            cursor += 1
            var length = Int(first)
            if first >= 0x80 {
                let count = Int(first & 0x7F)
                guard count >= 1, count <= 4, count <= end - cursor else { return nil }
                length = 0
                for _ in 0..<count {
                    length = length << 8 | Int(bytes[cursor])
                    cursor += 1
                }
            }
            guard length <= end - cursor else { return nil }
            position = cursor + length
            return cursor..<(cursor + length)
        }
    }
}
