/// A regular expression from a data file, kept with its source text.
///
/// Swift's `Regex<AnyRegexOutput>` is an immutable value but not declared Sendable; a
/// pattern is only ever matched, never mutated, so sharing it across tasks is safe.
public struct TextPattern: @unchecked Sendable, Hashable, CustomStringConvertible {
    public let source: String
    private let regex: Regex<AnyRegexOutput>

    public init(_ source: String) throws {
        self.source = source
        self.regex = try Regex(source)
    }

    /// Whether the pattern occurs anywhere in `text`.
    public func matches(_ text: String) -> Bool {
        (try? regex.firstMatch(in: text)) != nil
    }

    /// The first capture group of the first match (the whole match when there is no group),
    /// trimmed; nil when the pattern does not occur or captures nothing.
    public func capture(in text: String) -> String? {
        guard let match = try? regex.firstMatch(in: text) else { return nil }
        let output = match.output
        let captured = output.count > 1 ? output[1].substring : output[0].substring
        let trimmed = captured.map { String($0).trimmingWhitespace } ?? ""
        return trimmed.isEmpty ? nil : trimmed
    }

    public var description: String { source }
    public static func == (lhs: TextPattern, rhs: TextPattern) -> Bool { lhs.source == rhs.source }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }
}

extension String {
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace && $0 != "\0" }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace && $0 != "\0" })!
        return String(scalars[first...last])
    }
}
