import Yams

/// A value of the document with its path, or a stand-in for one while probing the schema.
struct ConfigNode {
    let node: Node?
    let path: ConfigKeyPath
    let context: DecodingContext

    var isProbe: Bool { node == nil }
    var mark: Mark? { node?.mark }

    func problem(_ message: String) { context.problem(at: mark, path, message) }

    func child(_ node: Node?, _ component: ConfigKeyPath.Component) -> ConfigNode {
        var path = path
        path.components.append(component)
        context.record(mark: node?.mark, at: path)
        return ConfigNode(node: node, path: path, context: context)
    }

    /// What the value is, for "expected X, found Y".
    var shapeDescription: String {
        switch node {
        case .mapping?: return "a mapping"
        case .sequence?: return "a list"
        case .scalar(let scalar)?: return scalar.string.isEmpty ? "an empty value" : "'\(scalar.string)'"
        case .alias?, nil: return "nothing"
        }
    }

    /// The text of a scalar, or a problem naming what was expected. (Secrets have their
    /// own decoder, which never echoes the value.)
    func scalarText(expected: String) -> String? {
        guard let node else { return nil }
        if case .scalar(let scalar) = node { return scalar.string }
        problem("expected \(expected), found \(shapeDescription)")
        return nil
    }

    /// A plain `~`, `null` or empty value: the same as leaving the key out.
    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// Decodes a mapping through `body`, then reports its unknown keys.
    func object<T>(kind: String, _ body: (ObjectReader) -> T?) -> T? {
        if node != nil && !context.visit(mark) { return nil }
        if let node, node.mapping == nil {
            problem("expected a mapping (\(kind)), found \(shapeDescription)")
            return nil
        }
        let reader = ObjectReader(self, kind: kind)
        let value = body(reader)
        reader.finish()
        return value
    }

    /// A list; a single value where a list is expected counts as a list of one.
    func list<T>(_ element: (ConfigNode) -> T?) -> [T]? {
        guard let node else {
            _ = element(child(nil, .index(0)))
            return nil
        }
        switch node {
        case .sequence(let sequence):
            var values: [T] = []
            for (index, item) in sequence.enumerated() {
                guard context.visit(item.mark) else { break }
                if let value = element(child(item, .index(index))) { values.append(value) }
            }
            return values
        case .mapping:
            problem("expected a list, found a mapping")
            return nil
        default:
            return element(self).map { [$0] }
        }
    }

    /// A mapping whose keys are names the user chooses (credential sets, channels, headers),
    /// in the order written.
    func namedEntries<T>(kind: String, _ value: (String, ConfigNode) -> T?) -> [(name: String, value: T)]? {
        guard let node else {
            _ = value("*", child(nil, .key("*")))
            return nil
        }
        guard case .mapping(let mapping) = node else {
            problem("expected a mapping of \(kind) by name, found \(shapeDescription)")
            return nil
        }
        var entries: [(name: String, value: T)] = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let key) = keyNode, !key.string.isEmpty else {
                context.problem(at: keyNode.mark, path, "a \(kind) name must be a plain string")
                continue
            }
            if let decoded = value(key.string, child(valueNode, .key(key.string))) {
                entries.append((key.string, decoded))
            }
        }
        return entries
    }
}

extension ConfigNode {
    /// A node built from a path alone (for problems found later) placed at the mark recorded
    /// for that path, when a value was read there.
    var withMark: ConfigNode? {
        guard let mark = context.mark(at: path) else { return nil }
        return ConfigNode(node: .scalar(.init("", .implicit, .plain, mark)), path: path, context: context)
    }
}
