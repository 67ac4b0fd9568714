/// An inclusive run of addresses of one family: a prefix, an `A-B` range or one host.
public struct AddressRange: Sendable, Hashable {
    public let first: IPAddress
    public let last: IPAddress

    public init(first: IPAddress, last: IPAddress) {
        self.first = first
        self.last = last
    }

    /// Number of addresses (saturating; only IPv6 can overflow and it is size-limited first).
    public var count: UInt64 {
        switch (first, last) {
        case (.v4(let a), .v4(let b)): UInt64(b - a) + 1
        case (.v6(let a), .v6(let b)): b - a >= UInt128(UInt64.max) ? .max : UInt64(b - a) + 1
        default: 0
        }
    }

    public func contains(_ address: IPAddress) -> Bool { first <= address && address <= last }

    /// The `index`th address of the range.
    public func address(at index: UInt64) -> IPAddress {
        switch first {
        case .v4(let a): .v4(a + UInt32(index))
        case .v6(let a): .v6(a + UInt128(index))
        }
    }

    /// The parts of this range outside `other`.
    func subtracting(_ other: AddressRange) -> [AddressRange] {
        guard first.isV4 == other.first.isV4, other.first <= last, first <= other.last else { return [self] }
        var parts: [AddressRange] = []
        if first < other.first { parts.append(AddressRange(first: first, last: other.first.advanced(by: -1))) }
        if other.last < last { parts.append(AddressRange(first: other.last.advanced(by: 1), last: last)) }
        return parts
    }
}

extension IPAddress {
    func advanced(by delta: Int) -> IPAddress {
        switch self {
        case .v4(let v): .v4(delta < 0 ? v - UInt32(-delta) : v + UInt32(delta))
        case .v6(let v): .v6(delta < 0 ? v - UInt128(-delta) : v + UInt128(delta))
        }
    }
}
