/// An IPv4 or IPv6 prefix: `10.20.0.0/16`, `2001:db8::/32`.
public struct IPNetwork: Sendable, Hashable, Encodable, CustomStringConvertible {
    public let address: [UInt8]
    public let prefixLength: Int

    public var description: String { "\(IPAddressText.canonical(address))/\(prefixLength)" }

    /// True when `ip` (IP text) lies inside the prefix.
    public func contains(_ ip: String) -> Bool {
        guard let bytes = IPAddressText.bytes(ip), bytes.count == address.count else { return false }
        return Self.masked(bytes, prefixLength) == address
    }

    static func masked(_ bytes: [UInt8], _ length: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let bits = max(0, min(8, length - index * 8))
            return bits == 8 ? byte : byte & UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
        }
    }

    static func parse(_ text: String) -> Result<IPNetwork, ScalarError> {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let bytes = IPAddressText.bytes(String(parts[0])) else {
            return .failure(ScalarError("expected a prefix like 10.0.0.0/8 or 2001:db8::/32; found '\(text)'"))
        }
        let maximum = bytes.count * 8
        guard let length = Int(parts[1]), (0...maximum).contains(length) else {
            return .failure(ScalarError("invalid prefix length '\(parts[1])' in '\(text)': use 0 to \(maximum)"))
        }
        let network = masked(bytes, length)
        guard network == bytes else {
            return .failure(ScalarError("'\(text)' has host bits set (did you mean \(IPAddressText.canonical(network))/\(length)?)"))
        }
        return .success(IPNetwork(address: network, prefixLength: length))
    }
}

extension IPNetwork: ConfigScalar {
    static var expected: String { "a prefix" }
}
