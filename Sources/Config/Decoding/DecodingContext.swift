import Yams

/// State shared by one decoding pass: the problems found so far, the environment that
/// secrets read, where relative paths start, and the keys seen (for the schema).
final class DecodingContext {
    let file: String
    let environment: [String: String]
    let baseDirectory: String
    /// True when running the decoder without a document, to list the keys it asks for.
    let probing: Bool

    private(set) var problems: [ConfigProblem] = []
    /// Marks of every value read, by path, for checks made after decoding.
    private(set) var marks: [ConfigKeyPath: Mark] = [:]
    private(set) var askedKeys: [ConfigSchema.Key: ConfigKeyPath] = [:]
    private(set) var presentKeys: [ConfigSchema.Key: ConfigKeyPath] = [:]
    /// Inside a disabled channel, a secret that cannot be resolved is not an error.
    var lenientSecrets = 0
    /// Values visited; aliases can make a small file stand for billions of them.
    private(set) var visited = 0
    var visitLimit = 1_000_000
    var references: [Reference] = []
    /// Names written for credential sets and channels, even those that failed to decode, so
    /// that a broken definition is not reported again at every reference to it.
    var definedNames: [Reference.Kind: Set<String>] = [:]

    init(file: String, environment: [String: String], baseDirectory: String, probing: Bool = false) {
        self.file = file
        self.environment = environment
        self.baseDirectory = baseDirectory
        self.probing = probing
    }

    /// More problems than anyone reads: the rest are counted, not kept.
    static let problemLimit = 1_000
    private(set) var droppedProblems = 0

    func problem(at mark: Mark?, _ path: ConfigKeyPath, _ message: String) {
        guard !probing else { return }
        guard problems.count < Self.problemLimit else {
            droppedProblems += 1
            return
        }
        problems.append(ConfigProblem(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1,
                                      path: path, message: message))
    }

    /// A problem found after decoding, placed at the nearest value that was read.
    func problem(near path: ConfigKeyPath, _ message: String) {
        var probe = path
        while marks[probe] == nil && !probe.components.isEmpty { probe.components.removeLast() }
        problem(at: marks[probe], path, message)
    }

    /// Counts one more value; false (after one problem) once the file expands past the limit.
    func visit(_ mark: Mark?) -> Bool {
        visited += 1
        if visited == visitLimit {
            // Kept even past the problem limit: it explains why reading stopped.
            problems.append(ConfigProblem(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, path: .root,
                                          message: "the file expands to more than \(visitLimit) values (through aliases?); stopped reading"))
        }
        return visited < visitLimit
    }

    var stoppedReading: Bool { visited >= visitLimit }

    func record(mark: Mark?, at path: ConfigKeyPath) {
        if let mark { marks[path] = mark }
    }

    func mark(at path: ConfigKeyPath) -> Mark? { marks[path] }

    func asked(kind: String, key: String, path: ConfigKeyPath, present: Bool) {
        let schemaKey = ConfigSchema.Key(kind: kind, key: key)
        if askedKeys[schemaKey] == nil { askedKeys[schemaKey] = path }
        if present && presentKeys[schemaKey] == nil { presentKeys[schemaKey] = path }
    }

    var writtenKeys: [ConfigSchema.Key: ConfigKeyPath] { presentKeys }

    /// A relative path in the file is relative to the file's folder, so the daemon reads the
    /// same files whatever its working directory.
    func resolve(path: String) -> String {
        if path.hasPrefix("/") || baseDirectory.isEmpty { return path }
        return baseDirectory.hasSuffix("/") ? baseDirectory + path : baseDirectory + "/" + path
    }
}

/// A name that must match something defined elsewhere in the file; checked once all is read.
struct Reference {
    enum Kind: String {
        case credentialSet = "credential set"
        case v3CredentialSet = "SNMPv3 credential set"
        case channel = "notification channel"
        case tenant = "tenant"
        /// `tenant/site`
        case site = "site"
    }

    var kind: Kind
    var name: String
    var path: ConfigKeyPath
    var mark: Mark?
}

extension DecodingContext {
    func expectReference(_ kind: Reference.Kind, _ name: String, at node: ConfigNode) {
        references.append(Reference(kind: kind, name: name, path: node.path, mark: node.mark))
    }
}
