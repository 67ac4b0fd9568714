/// A password, community, token or URL with a token in it.
///
/// Its text is reachable only through `reveal()`: printing, interpolating, dumping or
/// encoding a `Secret` (or anything holding one) shows `<redacted>`, so secrets do not
/// reach logs, error messages, the API or exports by accident.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable, Encodable
{
    /// Where the value came from; not secret itself, useful in messages.
    public enum Source: Sendable, Hashable, CustomStringConvertible {
        case inline
        case environment(String)
        case file(String)

        public var description: String {
            switch self {
            case .inline: return "inline"
            case .environment(let name): return "environment variable \(name)"
            case .file(let path): return "file \(path)"
            }
        }
    }

    public let source: Source
    private let value: String

    public init(_ value: String, source: Source = .inline) {
        self.value = value
        self.source = source
    }

    /// The secret's text: call it only where it is sent to a device or service.
    public func reveal() -> String { value }

    /// True when the value could not be resolved (allowed only in a disabled channel).
    public var isEmpty: Bool { value.isEmpty }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode("<redacted>")
    }
}
