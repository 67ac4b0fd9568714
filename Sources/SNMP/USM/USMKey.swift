internal import COpenSSL

/// Key material for the user-based security model: a master key Ku, a localised key Kul, or a
/// privacy key ready for its cipher.
///
/// The bytes never show in `description`, `debugDescription`, string interpolation, `dump` or a
/// debugger's children: all print `<secret>`. Equality runs in constant time.
public struct USMKey: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let storage: [UInt8]

    /// Wraps raw key octets, e.g. a localised key from configuration (net-snmp's `-3k`/`-3K`).
    public init(_ bytes: some Sequence<UInt8>) {
        self.storage = Array(bytes)
    }

    /// The number of octets in the key (not secret: it follows from the protocols).
    public var count: Int { storage.count }

    /// Calls `body` with the key's octets. Do not let them escape into logs or errors.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try storage.withUnsafeBytes(body)
    }

    /// The first `length` octets as a key of their own.
    func prefix(_ length: Int) -> USMKey { USMKey(storage.prefix(length)) }

    /// Octets `range` of the key, e.g. DES's pre-IV.
    subscript(range: Range<Int>) -> ArraySlice<UInt8> { storage[range] }

    /// The raw octets, for this module's own cryptography.
    var bytes: [UInt8] { storage }

    public static func == (lhs: USMKey, rhs: USMKey) -> Bool {
        guard lhs.storage.count == rhs.storage.count else { return false }
        return constantTimeEquals(lhs.storage[...], rhs.storage[...])
    }

    public var description: String { "<secret>" }
    public var debugDescription: String { "USMKey(<secret>, \(storage.count) octets)" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// Compares two equally long byte strings in time that depends on their length only
/// (OpenSSL's `CRYPTO_memcmp`).
func constantTimeEquals(_ lhs: ArraySlice<UInt8>, _ rhs: ArraySlice<UInt8>) -> Bool {
    guard lhs.count == rhs.count else { return false }
    if lhs.isEmpty { return true }
    return lhs.withUnsafeBytes { l in
        rhs.withUnsafeBytes { r in CRYPTO_memcmp(l.baseAddress, r.baseAddress, l.count) == 0 }
    }
}
