/// An OCTET STRING: bytes, not text. Decoded values share the message's storage.
public struct OctetString: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var bytes: ArraySlice<UInt8>

    public init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }
    public init(_ bytes: [UInt8]) { self.bytes = bytes[...] }
    public init(_ string: String) { self.bytes = Array(string.utf8)[...] }
    public init(stringLiteral value: String) { self.init(value) }

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
