import Yams

/// Reads the keys of one mapping. Every key asked for is recorded (for the schema and for
/// unknown-key detection); `finish` reports the keys nobody asked for.
final class ObjectReader {
    let base: ConfigNode
    private(set) var kind: String
    private var entries: [(key: String, keyNode: Node, value: Node)] = []
    private var asked: [String] = []
    /// Set when the kind of object is unknown (a bad `type` or `version`): which keys belong
    /// to it is unknown too, so none is reported as unknown.
    var skipUnknownKeys = false

    var context: DecodingContext { base.context }
    var path: ConfigKeyPath { base.path }
    var isProbe: Bool { base.isProbe }

    init(_ base: ConfigNode, kind: String) {
        self.base = base
        self.kind = kind
        guard case .mapping(let mapping)? = base.node else { return }
        var merged: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                context.problem(at: keyNode.mark, path, "keys must be plain strings")
                continue
            }
            if key.string == "<<" {
                merged += Self.mergeEntries(value)
            } else {
                entries.append((key.string, keyNode, value))
            }
        }
        // YAML merge keys (`<<: *defaults`): explicit keys win over merged ones.
        for entry in merged where !entries.contains(where: { $0.key == entry.key }) { entries.append(entry) }
    }

    private static func mergeEntries(_ node: Node) -> [(key: String, keyNode: Node, value: Node)] {
        switch node {
        case .mapping(let mapping):
            return mapping.compactMap { key, value in key.scalar.map { ($0.string, key, value) } }
        case .sequence(let sequence):
            return sequence.flatMap(mergeEntries)
        default:
            return []
        }
    }

    /// Reads under a more specific kind (`channel (email)`), for the schema.
    func withKind<T>(_ kind: String, _ body: () -> T) -> T {
        let saved = self.kind
        self.kind = kind
        defer { self.kind = saved }
        return body()
    }

    func has(_ key: String) -> Bool {
        entries.contains { $0.key == key && !ConfigNode.isNull($0.value) }
    }

    /// The value of `key`, or nil when absent or null. While probing: a stand-in.
    func value(_ key: String) -> ConfigNode? {
        asked.append(key)
        let entry = entries.first { $0.key == key }
        let present = entry.map { !ConfigNode.isNull($0.value) } ?? false
        // Written as null still counts as written: the example documents keys that way.
        context.asked(kind: kind, key: key, path: path.appending(key), present: entry != nil)
        if isProbe { return base.child(nil, .key(key)) }
        guard let entry, present else { return nil }
        return base.child(entry.value, .key(key))
    }

    func optional<T: ConfigDecodable>(_ key: String, _ type: T.Type = T.self) -> T? {
        value(key).flatMap(T.decode)
    }

    func required<T: ConfigDecodable>(_ key: String, _ type: T.Type = T.self, hint: String = "") -> T? {
        guard let node = value(key) else {
            if !isProbe { base.problem("missing required key '\(key)'\(hint)") }
            return nil
        }
        return T.decode(node)
    }

    func list<T: ConfigDecodable>(_ key: String, _ type: T.Type = T.self) -> [T]? {
        value(key).flatMap { $0.list(T.decode) }
    }

    /// Reports the keys nobody asked for, with the closest accepted key.
    func finish() {
        guard !isProbe, !skipUnknownKeys else { return }
        for entry in entries where !asked.contains(entry.key) {
            let candidates = Array(Set(asked)).sorted()
            var message = "unknown key '\(entry.key)'"
            if let suggestion = Suggestion.closest(to: entry.key, in: candidates) {
                message += " (did you mean '\(suggestion)'?)"
            } else if !candidates.isEmpty && candidates.count <= 16 {
                message += "; expected one of: " + candidates.joined(separator: ", ")
            }
            context.problem(at: entry.keyNode.mark, path.appending(entry.key), message)
        }
    }
}
