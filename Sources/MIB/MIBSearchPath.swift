import Glibc

/// Which MIB folders to load: one rule for every command and the daemon.
///
/// - Folders given (`-M DIR`, or the daemon's `mib_dirs`) replace the defaults; a folder
///   written `+DIR` (net-snmp's convention) is added to them instead.
/// - Else `$NETWARDEN_MIB_DIRS` (colon-separated, the same `+` rule).
/// - The defaults: the project's own mibs/ as installed (`/usr/share/netwarden/mibs`, or
///   `share/netwarden/mibs` beside the executable's folder, or `mibs` in the working folder
///   of a source checkout), then the drop-in folder `/etc/netwarden/mibs` when it exists.
public enum MIBSearchPath {
    public static let dropIn = "/etc/netwarden/mibs"

    public static func resolve(_ given: [String], environment: [String: String] = currentEnvironment()) -> [String] {
        var requested = given.flatMap { $0.split(separator: ":").map(String.init) }
        if requested.isEmpty, let fromEnvironment = environment["NETWARDEN_MIB_DIRS"], !fromEnvironment.isEmpty {
            requested = fromEnvironment.split(separator: ":").map(String.init)
        }
        let additions = requested.filter { $0.hasPrefix("+") }.map { String($0.dropFirst()) }.filter { !$0.isEmpty }
        let replacements = requested.filter { !$0.hasPrefix("+") }
        if !replacements.isEmpty { return replacements + additions }
        return defaults() + additions
    }

    public static func defaults() -> [String] {
        var folders: [String] = []
        var candidates = ["/usr/share/netwarden/mibs"]
        if let executable = executableFolder() {
            candidates.append(executable + "/../share/netwarden/mibs")
        }
        candidates.append("mibs")
        if let project = candidates.first(where: isFolder) { folders.append(project) }
        if isFolder(dropIn) { folders.append(dropIn) }
        return folders.isEmpty ? ["mibs"] : folders
    }

    public static func currentEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }

    static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    static func executableFolder() -> String? {
        guard let resolved = realpath("/proc/self/exe", nil) else { return nil }
        defer { free(resolved) }
        let path = String(cString: resolved)
        guard let slash = path.lastIndex(of: "/") else { return nil }
        return String(path[..<slash])
    }
}
