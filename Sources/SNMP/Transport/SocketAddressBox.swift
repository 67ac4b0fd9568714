public import NIOCore

/// A resolved agent address. Wrapped so that the SNMP API does not hand NIO types around.
public struct SocketAddressBox: Sendable, Hashable, CustomStringConvertible {
    public let value: SocketAddress
    public init(_ value: SocketAddress) { self.value = value }
    public var description: String { value.description }
}
