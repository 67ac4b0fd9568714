/// Why a target list was refused; each message names the offending text.
public struct TargetError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
