/// One thing `check config` found about a device's configuration or management settings.
public struct ConfigFinding: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The running configuration changed after the startup configuration was last written.
        case unsavedConfig = "unsaved-config"
        /// The configuration changed since Netwarden last looked.
        case configChanged = "config-changed"
        /// SNMPv1/v2c answers to a well-known community (`public`, `private`).
        case defaultCommunity = "default-community"
        /// A v1/v2c community may write (VACM grants a write view).
        case writableCommunity = "writable-community"
        /// SNMPv3 answers without authentication (noAuthNoPriv).
        case noAuthNoPriv = "no-auth-no-priv"
        /// A check could not be made (the objects are not readable); not a problem in itself.
        case notDetermined = "not-determined"
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// Whether this is a problem to act on (not a note that something could not be checked).
    public var isProblem: Bool { kind != .notDetermined }

    public var description: String { "\(kind.rawValue): \(message)" }
}
