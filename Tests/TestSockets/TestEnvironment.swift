public import Foundation

/// Where the tests run: the package's folder (fixtures, scripts) and whether this is CI, where a
/// missing peer is a failure instead of a skip. Shared by the test targets that start peers.
public enum TestEnvironment {
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
}
