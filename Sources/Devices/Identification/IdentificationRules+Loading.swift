import Foundation
import SNMPCodec

extension IdentificationRules {
    /// Rules from the files in order, later files extending and overriding earlier ones.
    public static func load(files: [String]) throws(DataFileError) -> IdentificationRules {
        var rules = IdentificationRules()
        for file in files {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw DataFileError(file: file, line: nil, column: nil, path: "", message: "cannot read the file")
            }
            rules = rules.merging(try parse(text, file: file))
        }
        return rules
    }

    /// Rules from the files with the registries Debian ships (IANA enterprise numbers, IEEE OUIs)
    /// as name fallbacks, when they are installed.
    public static func loadWithRegistries(files: [String]) throws(DataFileError) -> IdentificationRules {
        var rules = try load(files: files)
        rules.registry = try? EnterpriseRegistry.load()
        rules.ouis = try? OUIRegistry.load()
        return rules
    }

    /// Rules from one file's text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(DataFileError) -> IdentificationRules {
        guard let root = try DataFileNode.parse(text, file: file) else { return IdentificationRules() }
        var result = IdentificationRules()
        for (key, value) in try root.mapping(allowing: ["vendors", "rules"]) {
            switch key {
            case "vendors": result.vendors = try parseVendors(value)
            default:
                if value.isNull { continue }
                var seen = Set<String>()
                for item in value.items() {
                    let rule = try parseRule(item)
                    guard seen.insert(rule.name).inserted else { throw item.error("a second rule named '\(rule.name)'") }
                    result.rules.append(rule)
                }
            }
        }
        return result
    }

    private static func parseVendors(_ node: DataFileNode) throws(DataFileError) -> [UInt32: Vendor] {
        var vendors: [UInt32: Vendor] = [:]
        if node.isNull { return vendors }
        for (key, value) in try node.mapping() {
            guard let number = UInt32(key) else { throw value.error("the key must be an enterprise number") }
            if value.isMapping {
                var vendor = Vendor(name: "", kind: nil)
                for (field, item) in try value.mapping(allowing: ["name", "kind"]) {
                    if field == "name" { vendor.name = try item.string() } else { vendor.kind = try parseKind(item) }
                }
                guard !vendor.name.isEmpty else { throw value.error("a vendor needs a name") }
                vendors[number] = vendor
            } else {
                vendors[number] = Vendor(name: try value.string(), kind: nil)
            }
        }
        return vendors
    }

    private static let ruleKeys = Set(["name", "match", "kind", "scheme", "health"] + IdentificationRule.Field.allCases.map(\.rawValue))

    private static func parseRule(_ node: DataFileNode) throws(DataFileError) -> IdentificationRule {
        var name: String?
        var match: IdentificationRule.Match?
        var kind: DeviceKind?
        var scheme: VersionScheme?
        var fields: [IdentificationRule.Field: [IdentificationRule.Source]] = [:]
        var health: [HealthProbe] = []
        for (key, value) in try node.mapping(allowing: ruleKeys) {
            switch key {
            case "name": name = try value.string()
            case "health": health = try value.items().map { item throws(DataFileError) in try parseHealthProbe(item) }
            case "match": match = try parseMatch(value)
            case "kind": kind = try parseKind(value)
            case "scheme":
                let text = try value.string()
                guard let parsed = VersionScheme(name: text) else {
                    throw value.error("unknown version scheme '\(text)'; one of \(VersionScheme.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                scheme = parsed
            default:
                let field = IdentificationRule.Field(rawValue: key)!
                fields[field] = try value.items().map { item throws(DataFileError) in try parseSource(item) }
            }
        }
        guard let name, !name.isEmpty else { throw node.error("a rule needs a name") }
        guard let match else { throw node.error("rule '\(name)' needs a match") }
        return IdentificationRule(name: name, match: match, kind: kind, scheme: scheme, fields: fields, health: health)
    }

    /// `{ metric: cpu, get: OID }`, `{ metric: sessions, sum: COLUMN }`, `{ metric: vpn_tunnels_up,
    /// count: COLUMN, equals: 2 }`, `{ metric: toner, each: COLUMN, label: COLUMN, of: COLUMN }`;
    /// optional `scale` and, for get/sum/count, a fixed `label`.
    private static func parseHealthProbe(_ node: DataFileNode) throws(DataFileError) -> HealthProbe {
        var metric: String?, reads: [HealthProbe.Read] = [], of: OID?, scale = 1.0
        var labelText: String?, labelColumn: OID?, equals: Int64?
        for (key, value) in try node.mapping(allowing: ["metric", "get", "sum", "count", "equals", "each", "label", "of", "scale"]) {
            switch key {
            case "metric":
                let text = try value.string()
                guard !text.isEmpty, text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                    throw value.error("a metric name is letters, digits and _ (found '\(text)')")
                }
                metric = text
            case "get": reads.append(.get(try parseOID(value)))
            case "sum": reads.append(.sum(try parseOID(value)))
            case "count": reads.append(.count(try parseOID(value), equals: nil))
            case "each": reads.append(.each(try parseOID(value), label: nil))
            case "equals":
                guard let number = Int64(try value.string()) else { throw value.error("equals: expected an integer") }
                equals = number
            case "label":
                let text = try value.string()
                if text.contains("."), text.allSatisfy({ $0.isNumber || $0 == "." }) { labelColumn = try parseOID(value) } else { labelText = text }
            case "of": of = try parseOID(value)
            default:
                guard let number = Double(try value.string()), number.isFinite, number != 0 else { throw value.error("scale: expected a non-zero number") }
                scale = number
            }
        }
        guard let metric else { throw node.error("a health probe needs a metric") }
        guard reads.count == 1, var read = reads.first else { throw node.error("health probe '\(metric)' needs exactly one of get, sum, count, each") }
        switch read {
        case .count(let column, _): read = .count(column, equals: equals)
        case .each(let column, _):
            read = .each(column, label: labelColumn)
            labelText = nil
        default:
            if equals != nil { throw node.error("equals goes with count") }
            if labelColumn != nil { throw node.error("a label column goes with each; give get, sum and count a fixed label") }
        }
        return HealthProbe(metric: metric, read: read, of: of, scale: scale, label: labelText)
    }

    private static func parseMatch(_ node: DataFileNode) throws(DataFileError) -> IdentificationRule.Match {
        var match = IdentificationRule.Match()
        let pairs = try node.mapping(allowing: ["sys_object_id", "sys_descr", "enterprise", "sys_name", "probed"])
        guard !pairs.isEmpty else { throw node.error("a match needs at least one condition") }
        for (key, value) in pairs {
            switch key {
            case "sys_object_id":
                match.sysObjectID = try value.items().map { item throws(DataFileError) in try parseOID(item) }
            case "enterprise":
                match.enterprise = try value.items().map { item throws(DataFileError) in
                    guard let number = UInt32(try item.string()) else { throw item.error("expected an enterprise number") }
                    return number
                }
            case "sys_name": match.sysName = try parsePattern(value)
            case "probed":
                match.probed = try value.items().map { item throws(DataFileError) in try parseOID(item) }
            default: match.sysDescr = try parsePattern(value)
            }
        }
        return match
    }

    private static func parseSource(_ node: DataFileNode) throws(DataFileError) -> IdentificationRule.Source {
        guard node.isMapping else { return .literal(try node.string()) }
        var pattern: TextPattern?
        var source: IdentificationRule.Source?
        for (key, value) in try node.mapping(allowing: ["sys_descr", "oid", "entity", "pattern"]) {
            switch key {
            case "sys_descr": source = .sysDescr(try parsePattern(value))
            case "oid": source = .oid(try parseOID(value), nil)
            case "entity":
                let text = try value.string()
                guard let column = EntityColumn(rawValue: text) else {
                    throw value.error("unknown ENTITY-MIB column '\(text)'; one of \(EntityColumn.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                source = .entity(column, nil)
            default: pattern = try parsePattern(value)
            }
        }
        switch source {
        case .oid(let oid, _): return .oid(oid, pattern)
        case .entity(let column, _): return .entity(column, pattern)
        case .sysDescr(let descr) where pattern == nil: return .sysDescr(descr)
        case .sysDescr: throw node.error("'pattern' goes with 'oid' or 'entity'; a sys_descr source is itself a pattern")
        default: throw node.error("a source needs one of sys_descr, oid or entity")
        }
    }

    private static func parseKind(_ node: DataFileNode) throws(DataFileError) -> DeviceKind {
        let text = try node.string()
        guard let kind = DeviceKind(name: text) else {
            throw node.error("unknown kind '\(text)'; one of \(DeviceKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return kind
    }

    private static func parseOID(_ node: DataFileNode) throws(DataFileError) -> OID {
        let text = try node.string()
        do { return try OID(parsing: text) } catch { throw node.error("'\(text)' is not a numeric OID") }
    }

    private static func parsePattern(_ node: DataFileNode) throws(DataFileError) -> TextPattern {
        let text = try node.string()
        do { return try TextPattern(text) } catch { throw node.error("'\(text)' is not a valid regular expression: \(error)") }
    }
}
