/// The PDU kinds of RFC 3416 and RFC 1157, by their context-specific tags.
public enum PDUType: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case getRequest = 0xA0
    case getNextRequest = 0xA1
    case response = 0xA2
    case setRequest = 0xA3
    /// The SNMPv1 Trap-PDU (RFC 1157), with its own layout: see ``TrapV1PDU``.
    case trapV1 = 0xA4
    case getBulkRequest = 0xA5
    case informRequest = 0xA6
    case snmpV2Trap = 0xA7
    case report = 0xA8

    public var description: String {
        switch self {
        case .getRequest: "GetRequest"
        case .getNextRequest: "GetNextRequest"
        case .response: "Response"
        case .setRequest: "SetRequest"
        case .trapV1: "Trap"
        case .getBulkRequest: "GetBulkRequest"
        case .informRequest: "InformRequest"
        case .snmpV2Trap: "SNMPv2-Trap"
        case .report: "Report"
        }
    }
}

/// error-status values (RFC 3416 section 3, RFC 1157 for 1–5).
public struct ErrorStatus: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let noError = ErrorStatus(rawValue: 0)
    public static let tooBig = ErrorStatus(rawValue: 1)
    public static let noSuchName = ErrorStatus(rawValue: 2)
    public static let badValue = ErrorStatus(rawValue: 3)
    public static let readOnly = ErrorStatus(rawValue: 4)
    public static let genErr = ErrorStatus(rawValue: 5)
    public static let noAccess = ErrorStatus(rawValue: 6)
    public static let wrongType = ErrorStatus(rawValue: 7)
    public static let wrongLength = ErrorStatus(rawValue: 8)
    public static let wrongEncoding = ErrorStatus(rawValue: 9)
    public static let wrongValue = ErrorStatus(rawValue: 10)
    public static let noCreation = ErrorStatus(rawValue: 11)
    public static let inconsistentValue = ErrorStatus(rawValue: 12)
    public static let resourceUnavailable = ErrorStatus(rawValue: 13)
    public static let commitFailed = ErrorStatus(rawValue: 14)
    public static let undoFailed = ErrorStatus(rawValue: 15)
    public static let authorizationError = ErrorStatus(rawValue: 16)
    public static let notWritable = ErrorStatus(rawValue: 17)
    public static let inconsistentName = ErrorStatus(rawValue: 18)

    private static let names = [
        "noError", "tooBig", "noSuchName", "badValue", "readOnly", "genErr", "noAccess", "wrongType",
        "wrongLength", "wrongEncoding", "wrongValue", "noCreation", "inconsistentValue",
        "resourceUnavailable", "commitFailed", "undoFailed", "authorizationError", "notWritable",
        "inconsistentName",
    ]

    public var description: String {
        rawValue >= 0 && rawValue < Self.names.count ? Self.names[rawValue] : "errorStatus(\(rawValue))"
    }
}
