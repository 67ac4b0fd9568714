import Yams
import Foundation

extension Secret: ConfigDecodable {
    /// `text`, `"…${NAME}…"`, `{ env: NAME }` or `{ file: PATH }`. Problems never include the value.
    static func decode(_ node: ConfigNode) -> Secret? {
        guard let yaml = node.node else { return nil }
        let lenient = node.context.lenientSecrets > 0
        let resolved: Secret?
        switch yaml {
        case .scalar(let scalar):
            resolved = interpolate(scalar.string, node, lenient: lenient)
        case .mapping(let mapping):
            let keys = mapping.keys.compactMap(\.string)
            let form = "a secret is a string, { env: NAME } or { file: PATH }"
            guard keys.count == 1, let key = keys.first, let valueNode = mapping[key], let text = valueNode.string else {
                node.problem(form)
                return nil
            }
            let child = node.child(valueNode, .key(key))
            switch key {
            case "env":
                if let value = node.context.environment[text] {
                    resolved = Secret(value, source: .environment(text))
                } else {
                    if !lenient { child.problem("environment variable \(text) is not set") }
                    resolved = Secret("", source: .environment(text))
                }
            case "file":
                let path = node.context.resolve(path: text)
                do {
                    let contents = try String(contentsOfFile: path, encoding: .utf8)
                    // Files written by `echo` end with a newline that is not part of the secret.
                    var value = Substring(contents)
                    while let last = value.last, last == "\n" || last == "\r" { value.removeLast() }
                    resolved = Secret(String(value), source: .file(path))
                } catch {
                    if !lenient { child.problem("cannot read secret file \(path): \(FileErrorText.reason(error))") }
                    resolved = Secret("", source: .file(path))
                }
            default:
                node.context.problem(at: mapping.keys.first?.mark, node.path.appending(key),
                                     "unknown key '\(key)'\(Suggestion.hint(for: key, in: ["env", "file"])); \(form)")
                return nil
            }
        default:
            node.problem("expected a secret (a string, { env: NAME } or { file: PATH }), found \(node.shapeDescription)")
            return nil
        }
        if let resolved, resolved.isEmpty, !lenient, case .inline = resolved.source {
            node.problem("the secret is empty")
        }
        return resolved
    }

    /// `${NAME}` is replaced by the variable, `${NAME:-default}` falls back, `$$` is a `$`.
    private static func interpolate(_ text: String, _ node: ConfigNode, lenient: Bool) -> Secret? {
        guard text.contains("$") else { return Secret(text) }
        var output = ""
        var names: [String] = []
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            output += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            if after.first == "$" {
                output += "$"
                rest = after.dropFirst()
            } else if after.first == "{", let close = after.firstIndex(of: "}") {
                let inner = after[after.index(after: after.startIndex)..<close]
                let parts = inner.split(separator: ":-", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(parts[0])
                guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                    node.problem("'${…}' must hold an environment variable name")
                    return nil
                }
                names.append(name)
                if let value = node.context.environment[name] {
                    output += value
                } else if parts.count == 2 {
                    output += parts[1]
                } else if !lenient {
                    node.problem("environment variable \(name) is not set")
                }
                rest = after[after.index(after: close)...]
            } else {
                output += "$"
                rest = after
            }
        }
        output += rest
        return Secret(output, source: names.count == 1 && text == "${\(names[0])}" ? .environment(names[0]) : .inline)
    }

}
