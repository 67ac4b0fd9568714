/// Prometheus text exposition format (version 0.0.4): `# HELP`, `# TYPE` and samples.
public struct PrometheusText: Sendable {
    public private(set) var text = ""

    public init() {}

    public enum Kind: String, Sendable { case counter, gauge }

    public mutating func metric(_ name: String, _ kind: Kind, help: String, samples: [(labels: [(String, String)], value: Double)]) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(kind.rawValue)\n"
        for sample in samples {
            let labels = sample.labels.isEmpty ? "" : "{" + sample.labels.map { "\($0.0)=\"\(Self.escape($0.1))\"" }.joined(separator: ",") + "}"
            text += "\(name)\(labels) \(Self.format(sample.value))\n"
        }
    }

    public mutating func metric(_ name: String, _ kind: Kind, help: String, value: Double) {
        metric(name, kind, help: help, samples: [([], value)])
    }

    static func escape(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
