/// One thing wrong with a config file, placed as compilers place errors.
///
/// Messages never quote a secret's value: the decoder of a secret field reports only where
/// the value is and what is wrong with its shape.
public struct ConfigProblem: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based; nil when the problem concerns the file as a whole (it cannot be read).
    public var line: Int?
    public var column: Int?
    public var path: ConfigKeyPath
    public var message: String

    public init(file: String, line: Int?, column: Int?, path: ConfigKeyPath = .root, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    /// `FILE:LINE:COL: key.path: message`
    public var description: String {
        var text = file
        if let line { text += ":\(line):\(column ?? 1)" }
        text += ": "
        if !path.isEmpty { text += "\(path): " }
        return text + message
    }
}

/// Every problem found in a config file; loading throws this rather than stopping at the first.
public struct ConfigErrors: Error, Sendable, Hashable, CustomStringConvertible {
    public var problems: [ConfigProblem]

    public init(_ problems: [ConfigProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
