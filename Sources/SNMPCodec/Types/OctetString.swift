/// An OCTET STRING: bytes, not text. Decoded values share the message's storage.
public struct OctetString: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var bytes: ArraySlice<UInt8>

    public init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }
    public init(_ bytes: [UInt8]) { self.bytes = bytes[...] }
    public init(_ string: String) { self.bytes = Array(string.utf8)[...] }
    public init(stringLiteral value: String) { self.init(value) }

    /// Octets written in hex, as engine IDs and fixtures are: an optional `0x`, then pairs of
    /// digits, optionally separated by spaces or colons (`80 00 1f 88`, `80:00:1F:88`).
    /// Nil for an odd number of digits or anything that is not a hex digit.
    public init?(hex text: String) {
        var digits = Substring(text)
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.utf8.count / 2)
        var high: UInt8?
        for character in digits.utf8 {
            let nibble: UInt8
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = character - UInt8(ascii: "A") + 10
            case UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: "\n"), UInt8(ascii: "\t"):
                guard high == nil else { return nil }  // a separator inside a pair
                continue
            default: return nil
            }
            if let h = high {
                bytes.append(h << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        guard high == nil else { return nil }
        self.bytes = bytes[...]
    }

    public var count: Int { bytes.count }

    /// The contents as UTF-8 text, or nil when they are not valid UTF-8.
    public var utf8String: String? {
        String(validating: bytes, as: UTF8.self)
    }

    public var description: String { utf8String ?? hexDescription }

    /// Uppercase hex octets separated by spaces, as net-snmp prints them.
    public var hexDescription: String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 3)
        for (i, byte) in bytes.enumerated() {
            if i > 0 { out.append(UInt8(ascii: " ")) }
            appendHexByte(byte, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func == (lhs: OctetString, rhs: OctetString) -> Bool {
        lhs.bytes.count == rhs.bytes.count && lhs.bytes.elementsEqual(rhs.bytes)
    }

    public func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}

@inline(__always)
public func appendHexByte(_ byte: UInt8, to out: inout [UInt8]) {
    @inline(__always) func digit(_ v: UInt8) -> UInt8 { v < 10 ? UInt8(ascii: "0") + v : UInt8(ascii: "A") + v - 10 }
    out.append(digit(byte >> 4))
    out.append(digit(byte & 0xF))
}
