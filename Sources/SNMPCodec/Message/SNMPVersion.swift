/// msgVersion values: SNMPv1 is 0, SNMPv2c is 1, SNMPv3 is 3.
public enum SNMPVersion: Int32, Sendable, Hashable, CustomStringConvertible {
    case v1 = 0
    case v2c = 1
    case v3 = 3

    public var description: String {
        switch self {
        case .v1: "1"
        case .v2c: "2c"
        case .v3: "3"
        }
    }
}
