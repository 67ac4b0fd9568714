/// A problem in one of the data files the Devices module reads (identification rules, firmware
/// policy), located by file, line, column and key path so that a user can fix it.
public struct DataFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let column: Int?
    /// `rules[3].match.sys_object_id`
    public let path: String
    public let message: String

    public init(file: String, line: Int?, column: Int?, path: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    public var description: String {
        let position = [line, column].compactMap { $0.map(String.init) }.joined(separator: ":")
        let location = position.isEmpty ? file : "\(file):\(position)"
        return path.isEmpty ? "\(location): \(message)" : "\(location): \(path): \(message)"
    }
}
