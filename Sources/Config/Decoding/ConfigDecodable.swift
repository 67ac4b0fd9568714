import Foundation

/// A type read from a config value, reporting what is wrong instead of throwing.
protocol ConfigDecodable {
    /// The value, or nil after recording a problem (or while probing).
    static func decode(_ node: ConfigNode) -> Self?
}

/// A type written as one scalar.
protocol ConfigScalar: ConfigDecodable {
    /// "a duration", "an address": for "expected X, found Y".
    static var expected: String { get }
    /// The value, or a message saying what is wrong with the text.
    static func parse(_ text: String) -> Result<Self, ScalarError>
}

struct ScalarError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

extension ConfigScalar {
    static func decode(_ node: ConfigNode) -> Self? {
        guard let text = node.scalarText(expected: expected) else { return nil }
        switch parse(text) {
        case .success(let value): return value
        case .failure(let error):
            node.problem(error.message)
            return nil
        }
    }
}

extension String: ConfigScalar {
    static var expected: String { "a string" }
    static func parse(_ text: String) -> Result<String, ScalarError> { .success(text) }
}

extension Int: ConfigScalar {
    static var expected: String { "an integer" }
    static func parse(_ text: String) -> Result<Int, ScalarError> {
        // Our own parse: YAML 1.1 would read `1:30` as 90 and `010` as 8.
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")) else {
            return .failure(ScalarError("expected an integer, found '\(text)'"))
        }
        return .success(value)
    }
}

extension Double: ConfigScalar {
    static var expected: String { "a number" }
    static func parse(_ text: String) -> Result<Double, ScalarError> {
        guard let value = Double(text.replacingOccurrences(of: "_", with: "")), value.isFinite else {
            return .failure(ScalarError("expected a number, found '\(text)'"))
        }
        return .success(value)
    }
}

extension Bool: ConfigScalar {
    static var expected: String { "true or false" }
    static func parse(_ text: String) -> Result<Bool, ScalarError> {
        switch text.lowercased() {
        case "true", "yes", "on": return .success(true)
        case "false", "no", "off": return .success(false)
        default: return .failure(ScalarError("expected true or false, found '\(text)'"))
        }
    }
}

extension Array: ConfigDecodable where Element: ConfigDecodable {
    static func decode(_ node: ConfigNode) -> [Element]? { node.list(Element.decode) }
}

/// An enumeration written by name; a misspelt name gets the closest one suggested.
protocol ConfigEnum: ConfigScalar, CaseIterable, RawRepresentable where RawValue == String {
    /// Other accepted spellings (`2c` for `v2c`).
    static var aliases: [String: Self] { get }
}

extension ConfigEnum {
    static var aliases: [String: Self] { [:] }

    static func parse(_ text: String) -> Result<Self, ScalarError> {
        if let value = allCases.first(where: { $0.rawValue.caseInsensitiveCompare(text) == .orderedSame }) {
            return .success(value)
        }
        if let value = aliases.first(where: { $0.key.caseInsensitiveCompare(text) == .orderedSame })?.value {
            return .success(value)
        }
        let names = allCases.map(\.rawValue)
        return .failure(ScalarError("unknown \(expected) '\(text)'\(Suggestion.hint(for: text, in: names)); use one of: "
            + names.joined(separator: ", ")))
    }
}

/// A file or folder path; relative paths are relative to the config file's folder.
struct ConfigFilePath: ConfigDecodable {
    var path: String
    static func decode(_ node: ConfigNode) -> ConfigFilePath? {
        guard let text = node.scalarText(expected: "a path") else { return nil }
        if text.isEmpty { node.problem("expected a path, found an empty value"); return nil }
        return ConfigFilePath(path: node.context.resolve(path: text))
    }
}

/// A name others refer to: no `/` (used between tenant, site and device) and no blanks.
struct ConfigName: ConfigScalar {
    var name: String
    static var expected: String { "a name" }
    static func parse(_ text: String) -> Result<ConfigName, ScalarError> {
        if text.isEmpty { return .failure(ScalarError("a name cannot be empty")) }
        if text.contains("/") || text.contains(where: \.isWhitespace) {
            return .failure(ScalarError("a name cannot contain '/' or blanks: '\(text)'"))
        }
        return .success(ConfigName(name: text))
    }
}
