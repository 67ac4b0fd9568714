public import Foundation
import Yams

/// Reads netwarden.yaml into a `NetwardenConfig`, or every problem in it.
public struct ConfigLoader: Sendable {
    /// Where `{ env: NAME }` and `${NAME}` look.
    public var environment: [String: String]

    /// Values read before giving up on a file (aliases can make a small file enormous).
    var valueLimit = 1_000_000

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// The file used when none is named: config/netwarden.yaml in the working directory (a
    /// checkout), else /etc/netwarden/netwarden.yaml (an installed system).
    public static let searchPaths = ["config/netwarden.yaml", "/etc/netwarden/netwarden.yaml"]

    public static func defaultFile(fileManager: FileManager = .default) -> String {
        searchPaths.first { fileManager.fileExists(atPath: $0) } ?? searchPaths[1]
    }

    /// Loads `file`: the config, or all of its problems.
    public func load(file: String) -> Result<NetwardenConfig, ConfigErrors> {
        let text: String
        switch Self.read(file) {
        case .failure(let reason):
            return .failure(ConfigErrors([ConfigProblem(file: file, line: nil, column: nil, message: "cannot read: \(reason.message)")]))
        case .success(let data):
            guard let decoded = String(data: data, encoding: .utf8) else {
                return .failure(ConfigErrors([ConfigProblem(file: file, line: nil, column: nil, message: "not UTF-8 text")]))
            }
            text = decoded
        }
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent().path
        return load(yaml: text, file: file, baseDirectory: directory)
    }

    /// Loads YAML text; `file` names it in problems, `baseDirectory` anchors relative paths.
    public func load(yaml: String, file: String, baseDirectory: String = FileManager.default.currentDirectoryPath)
        -> Result<NetwardenConfig, ConfigErrors>
    {
        let (config, problems) = decode(yaml: yaml, file: file, baseDirectory: baseDirectory)
        if let config, problems.isEmpty { return .success(config) }
        return .failure(ConfigErrors(problems))
    }

    /// The keys a file writes, for checking that an example documents every key.
    public func writtenKeys(file: String) throws -> [ConfigSchema.Key: ConfigKeyPath] {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent().path
        let context = DecodingContext(file: file, environment: environment, baseDirectory: directory)
        guard let root = try Yams.compose(yaml: text) else { return [:] }
        _ = NetwardenConfig.decode(ConfigNode(node: root, path: .root, context: context))
        return context.writtenKeys
    }

    func decode(yaml: String, file: String, baseDirectory: String) -> (NetwardenConfig?, [ConfigProblem]) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            return (nil, [Self.problem(error, file: file)])
        } catch {
            return (nil, [ConfigProblem(file: file, line: 1, column: 1, message: "YAML error: \(error)")])
        }
        guard let root, !ConfigNode.isNull(root) else {
            return (nil, [ConfigProblem(file: file, line: 1, column: 1,
                                        message: "the file is empty: expected a mapping with tenants, credentials and the other keys of config/netwarden.yaml")])
        }
        let context = DecodingContext(file: file, environment: environment, baseDirectory: baseDirectory)
        context.visitLimit = valueLimit
        let config = NetwardenConfig.decode(ConfigNode(node: root, path: .root, context: context))
        var resolved = config
        if var checked = config, !context.stoppedReading {
            Validation(context: context).run(&checked)
            resolved = checked
        }
        // Document order; problems found after decoding fall into place by their marks.
        let problems = context.problems.enumerated().sorted { a, b in
            (a.element.line ?? 0, a.element.column ?? 0, a.offset) < (b.element.line ?? 0, b.element.column ?? 0, b.offset)
        }.map(\.element)
        var unique: [ConfigProblem] = []
        var seen = Set<ConfigProblem>()
        for problem in problems where seen.insert(problem).inserted { unique.append(problem) }
        if context.droppedProblems > 0 {
            unique.append(ConfigProblem(file: file, line: nil, column: nil,
                                        message: "\(context.droppedProblems) more problems not shown"))
        }
        return (resolved, unique)
    }

    /// The file's bytes through plain read(2): works for /dev/stdin and pipes too, and the
    /// error is the system's own words ("No such file or directory", "Permission denied").
    static func read(_ path: String) -> Result<Data, ScalarError> {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .failure(ScalarError(String(cString: strerror(errno)))) }
        defer { close(fd) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(ScalarError(String(cString: strerror(errno))))
            }
            if count == 0 { return .success(data) }
            // 16 MiB is far beyond any real config; a device file must not fill memory.
            if data.count > 16 << 20 { return .failure(ScalarError("larger than 16 MiB")) }
            data.append(contentsOf: buffer[0..<count])
        }
    }

    /// A YAML syntax error, positioned, without the source line (it could hold a secret).
    static func problem(_ error: YamlError, file: String) -> ConfigProblem {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let text = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return ConfigProblem(file: file, line: mark.line, column: mark.column, message: "YAML syntax error: \(text)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigProblem(file: file, line: context.mark.line, column: context.mark.column,
                                 message: "YAML error: key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) appears more than once in the same mapping")
        case .reader(let problem, let offset, _, _):
            return ConfigProblem(file: file, line: 1, column: 1, message: "YAML error: \(problem)\(offset.map { " at byte \($0)" } ?? "")")
        default:
            return ConfigProblem(file: file, line: 1, column: 1, message: "YAML error: \(error)")
        }
    }
}
