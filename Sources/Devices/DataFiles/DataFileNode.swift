import Yams

/// A YAML node with the file and key path it came from, so every error can say where it is.
/// The Codable decoder drops positions; the rule and policy files are small enough to walk.
struct DataFileNode {
    let node: Node
    let file: String
    let path: String

    static func parse(_ text: String, file: String) throws(DataFileError) -> DataFileNode? {
        do {
            guard let node = try Yams.compose(yaml: text) else { return nil }
            return DataFileNode(node: node, file: file, path: "")
        } catch let error as YamlError {
            throw DataFileError(file: file, line: nil, column: nil, path: "", message: "not valid YAML: \(error)")
        } catch {
            throw DataFileError(file: file, line: nil, column: nil, path: "", message: "not valid YAML: \(error)")
        }
    }

    func error(_ message: String) -> DataFileError {
        DataFileError(file: file, line: node.mark.map { $0.line }, column: node.mark.map { $0.column },
                      path: path, message: message)
    }

    /// The pairs of a mapping, refusing keys not in `allowed` (a typo must not pass silently).
    func mapping(allowing allowed: Set<String>? = nil) throws(DataFileError) -> [(key: String, value: DataFileNode)] {
        guard let mapping = node.mapping else { throw error("expected a mapping") }
        var pairs: [(key: String, value: DataFileNode)] = []
        for (key, value) in mapping {
            guard let name = key.string else { throw child(key, "?").error("keys must be strings") }
            let entry = child(value, name)
            if let allowed, !allowed.contains(name) {
                throw DataFileNode(node: key, file: file, path: entry.path)
                    .error("unknown key '\(name)'; expected one of \(allowed.sorted().joined(separator: ", "))")
            }
            pairs.append((name, entry))
        }
        return pairs
    }

    /// The items of a sequence; a single value counts as a sequence of one.
    func items() -> [DataFileNode] {
        guard let sequence = node.sequence else { return [self] }
        return sequence.enumerated().map { DataFileNode(node: $1, file: file, path: "\(path)[\($0)]") }
    }

    func string() throws(DataFileError) -> String {
        guard case .scalar(let scalar) = node else { throw error("expected a single value") }
        return scalar.string
    }

    var isNull: Bool { node.null != nil }
    var isMapping: Bool { node.mapping != nil }

    private func child(_ node: Node, _ key: String) -> DataFileNode {
        DataFileNode(node: node, file: file, path: path.isEmpty ? key : "\(path).\(key)")
    }
}
