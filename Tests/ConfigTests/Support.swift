import Config
import Foundation

enum Fixture {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    static var exampleConfig: String { packageRoot.appendingPathComponent("config/netwarden.yaml").path }

    /// The smallest valid file, to which cases add what they test.
    static let minimal = """
        credentials:
          c: { version: v2c, community: public }
        defaults:
          credentials: [c]
        tenants:
          - name: t
            sites:
              - name: s
                devices:
                  - address: 10.0.0.1

        """

    static func load(_ yaml: String, environment: [String: String] = [:], file: String = "test.yaml",
                     baseDirectory: String = "/tmp") -> Result<NetwardenConfig, ConfigErrors> {
        ConfigLoader(environment: environment).load(yaml: yaml, file: file, baseDirectory: baseDirectory)
    }

    static func problems(_ yaml: String, environment: [String: String] = [:]) -> [ConfigProblem] {
        switch load(yaml, environment: environment) {
        case .success: return []
        case .failure(let errors): return errors.problems
        }
    }

    static func config(_ yaml: String, environment: [String: String] = [:]) throws -> NetwardenConfig {
        try load(yaml, environment: environment).get()
    }

    /// A fresh folder under /tmp, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("netwarden-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
