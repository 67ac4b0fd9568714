/// An Ethernet (EUI-48) address.
public struct MACAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// Exactly six octets; nil otherwise.
    public init?(_ bytes: some Collection<UInt8>) {
        guard bytes.count == 6 else { return nil }
        self.bytes = Array(bytes)
    }

    /// `00:1b:21:0a:0b:0c`, `00-1B-21-0A-0B-0C` or `001b.210a.0b0c`.
    public init?(_ text: String) {
        let hex = text.filter { $0 != ":" && $0 != "-" && $0 != "." }
        guard hex.count == 12, hex.allSatisfy(\.isHexDigit) else { return nil }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        self.bytes = bytes
    }

    /// Lower case, colon separated.
    public var description: String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: ":")
    }

    /// Group bit set: broadcast or multicast, never one host's address.
    public var isMulticast: Bool { bytes[0] & 0x01 != 0 }
    public var isZero: Bool { bytes.allSatisfy { $0 == 0 } }
    /// Set by software rather than burnt in by a maker (no IEEE OUI).
    public var isLocallyAdministered: Bool { bytes[0] & 0x02 != 0 }
    /// Could be one host's own address: not zero, not group.
    public var isUnicastHost: Bool { !isMulticast && !isZero }

    public static func < (a: MACAddress, b: MACAddress) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }
}

/// An IPv4 address.
public struct IPv4Address: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let value: UInt32

    public init(_ value: UInt32) { self.value = value }

    init?(_ bytes: some Collection<UInt8>) {
        guard bytes.count == 4 else { return nil }
        value = bytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    /// Dotted quad only.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }), let octet = UInt32(part), octet <= 255
            else { return nil }
            value = value << 8 | octet
        }
        self.value = value
    }

    public var description: String { "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)" }

    /// 0.0.0.0: "no address yet" in ARP probes and DHCP.
    public var isUnspecified: Bool { value == 0 }
    /// An address a host could hold on a LAN: not 0/8, loopback, multicast, class E or broadcast.
    public var isHostAddress: Bool {
        let first = value >> 24
        return first != 0 && first != 127 && first < 224
    }

    public static func < (a: IPv4Address, b: IPv4Address) -> Bool { a.value < b.value }
}
