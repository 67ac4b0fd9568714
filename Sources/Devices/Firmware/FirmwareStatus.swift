/// Where a device's firmware stands against its ``FirmwarePolicy``, with the reason in words.
public struct FirmwareStatus: Sendable, Hashable, CustomStringConvertible {
    /// The verdict, from best to worst; ``unknown`` stands apart.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// At or above the recommended version (or the minimum, when no version is recommended),
        /// and no end-of-life or end-of-support date has passed.
        case current
        /// At or above the minimum but below the recommended version.
        case belowRecommended
        /// Below the minimum version.
        case belowMinimum
        /// The model family's end-of-life date has passed: no more software fixes, whatever the version.
        case endOfLife
        /// The model family's end-of-support date has passed: no more support at all.
        case endOfSupport
        /// The version could not be read or compared with the policy; never treated as outdated.
        case unknown
    }

    /// The verdict. When several apply, the worst: a passed end-of-support date over a passed
    /// end-of-life date over a version below the minimum over one below the recommended version.
    public let kind: Kind
    /// Why, naming the versions and dates involved: "15.2(4)E10 is below the minimum 15.2(7)E3".
    public let reason: String

    /// A status with its verdict and reason.
    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    /// Whether the firmware is known to need attention: below a version, or past a date.
    public var needsAttention: Bool {
        switch kind {
        case .belowRecommended, .belowMinimum, .endOfLife, .endOfSupport: true
        case .current, .unknown: false
        }
    }

    public var description: String { "\(kind.rawValue): \(reason)" }
}
