import Foundation

/// The firmware policies of config/firmware-policy.yaml, each for the devices its selector
/// matches (vendor, OS, model pattern). A device gets the most specific matching policy.
public struct FirmwarePolicySet: Sendable {
    public struct Entry: Sendable {
        public let name: String
        public let vendor: String?
        public let os: String?
        public let model: TextPattern?
        public let policy: FirmwarePolicy

        /// Conditions that hold, or nil when one does not. Vendor and OS compare without case.
        func specificity(for identity: DeviceIdentity) -> Int? {
            var score = 0
            if let vendor {
                guard identity.vendor?.lowercased() == vendor.lowercased() else { return nil }
                score += 1
            }
            if let os {
                guard identity.os?.lowercased() == os.lowercased() else { return nil }
                score += 1
            }
            if let model {
                guard let text = identity.model, model.matches(text) else { return nil }
                score += 2
            }
            return score
        }
    }

    public let entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// The policy for a device, with its name; the later entry wins a tie.
    public func policy(for identity: DeviceIdentity) -> Entry? {
        entries.enumerated()
            .compactMap { index, entry in entry.specificity(for: identity).map { (entry, $0, index) } }
            .max { ($0.1, $0.2) < ($1.1, $1.2) }?.0
    }

    /// Where a device's firmware stands: the policy's verdict on the identified version, or
    /// unknown (never "outdated") when there is no policy or no version.
    public func evaluate(_ identity: DeviceIdentity, on day: CalendarDay) -> (entry: Entry?, status: FirmwareStatus) {
        guard let entry = policy(for: identity) else {
            return (nil, FirmwareStatus(.unknown, "no firmware policy for \(identity.vendor ?? "this vendor") \(identity.os ?? "")".trimmingCharacters(in: .whitespaces)))
        }
        guard let text = identity.version else {
            return (entry, entry.policy.evaluate(version: nil, on: day))
        }
        let version = (try? FirmwareVersion(text, scheme: entry.policy.scheme)) ?? entry.policy.scheme.extract(from: text)
        return (entry, entry.policy.evaluate(version: version, on: day))
    }

    public static func load(file: String) throws(DataFileError) -> FirmwarePolicySet {
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw DataFileError(file: file, line: nil, column: nil, path: "", message: "cannot read the file")
        }
        return try parse(text, file: file)
    }

    public static func parse(_ text: String, file: String) throws(DataFileError) -> FirmwarePolicySet {
        guard let root = try DataFileNode.parse(text, file: file) else { return FirmwarePolicySet(entries: []) }
        var entries: [Entry] = []
        for (_, list) in try root.mapping(allowing: ["policies"]) where !list.isNull {
            for item in list.items() { entries.append(try parseEntry(item)) }
        }
        return FirmwarePolicySet(entries: entries)
    }

    private static func parseEntry(_ node: DataFileNode) throws(DataFileError) -> Entry {
        var fields: [String: DataFileNode] = [:]
        for (key, value) in try node.mapping(allowing: ["name", "match", "scheme", "minimum", "recommended", "end_of_life", "end_of_support", "source"]) {
            fields[key] = value
        }
        guard let name = try fields["name"]?.string(), !name.isEmpty else { throw node.error("a policy needs a name") }
        guard let schemeNode = fields["scheme"] else { throw node.error("policy '\(name)' needs a scheme") }
        let schemeName = try schemeNode.string()
        guard let scheme = VersionScheme(name: schemeName) else {
            throw schemeNode.error("unknown version scheme '\(schemeName)'; one of \(VersionScheme.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var vendor: String?, os: String?, model: TextPattern?
        if let match = fields["match"] {
            for (key, value) in try match.mapping(allowing: ["vendor", "os", "model"]) {
                switch key {
                case "vendor": vendor = try value.string()
                case "os": os = try value.string()
                default:
                    do { model = try TextPattern(try value.string()) } catch let error as DataFileError { throw error } catch {
                        throw value.error("not a valid regular expression: \(error)")
                    }
                }
            }
        }
        func text(_ key: String) throws(DataFileError) -> String? { try fields[key]?.string() }
        do {
            let policy = try FirmwarePolicy.parse(
                scheme: scheme, minimum: try text("minimum"), recommended: try text("recommended"),
                endOfLife: try text("end_of_life"), endOfSupport: try text("end_of_support"), source: try text("source"))
            return Entry(name: name, vendor: vendor, os: os, model: model, policy: policy)
        } catch let error as DataFileError {
            throw error
        } catch {
            throw node.error("policy '\(name)': \(error)")
        }
    }
}
