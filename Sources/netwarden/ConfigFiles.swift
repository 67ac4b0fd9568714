import Foundation

/// Where the shipped data files (identification rules, firmware policy) are found when no
/// option names them: `$NETWARDEN_CONFIG_DIR`, the working directory's config/ (a checkout),
/// /etc/netwarden (`make install`), then the checkout the binary was built in.
enum ConfigFiles {
    static func locate(_ name: String) -> String? {
        candidates(name).first { FileManager.default.fileExists(atPath: $0) }
    }

    static func candidates(_ name: String) -> [String] {
        var folders: [String] = []
        if let env = ProcessInfo.processInfo.environment["NETWARDEN_CONFIG_DIR"], !env.isEmpty { folders.append(env) }
        folders += ["config", "/etc/netwarden"]
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        // .build/<triple>/debug/netwarden and .build/debug/netwarden inside a checkout
        folders += [executable.path + "/../../config", executable.path + "/../../../config"]
        return folders.map { "\($0)/\(name)" }
    }

    /// The files given, else the shipped one; a clear error when there is none.
    static func resolve(_ given: [String], default name: String, option: String) throws -> [String] {
        if !given.isEmpty { return given }
        guard let found = locate(name) else {
            throw CommandFailure("no \(name) found (looked in \(candidates(name).joined(separator: ", "))); name one with \(option)")
        }
        return [found]
    }
}

/// A failure reported as one line on standard error with exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
