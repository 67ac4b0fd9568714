/// What a device is, in the words an MSP technician uses.
public enum DeviceKind: String, Sendable, Hashable, Codable, CaseIterable {
    case router
    case `switch`
    case firewall
    case wirelessController = "wireless-controller"
    case accessPoint = "access-point"
    case ups
    case pdu
    case printer
    case camera
    case server
    case storage
    case other

    /// A kind from its configuration name, ignoring case, `-`, `_` and spaces.
    public init?(name: String) {
        let key = name.lowercased().filter { $0.isLetter }
        guard let kind = Self.allCases.first(where: { $0.rawValue.filter(\.isLetter) == key }) else { return nil }
        self = kind
    }
}
