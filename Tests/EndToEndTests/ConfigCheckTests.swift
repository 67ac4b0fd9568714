import Config
import Foundation
import Testing

/// `netwarden config check` as a user runs it, on the shipped example and on a broken file.
struct ConfigCheckTests {
    static var example: String { Lab.packageRoot.appendingPathComponent("config/netwarden.yaml").path }

    @Test func acceptsTheShippedExample() throws {
        let result = try Lab.run([Lab.netwarden, "config", "check", Self.example])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout == "\(Self.example): OK: 1 tenant, 2 sites, 6 devices, 5 channels\n")
    }

    @Test func defaultsToConfigNetwardenYAMLInTheWorkingDirectory() throws {
        let root = Lab.packageRoot.path
        let result = try Lab.run(["sh", "-c", "cd '\(root)' && exec '\(Lab.netwarden)' config check"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasPrefix("config/netwarden.yaml: OK: "))
    }

    @Test func reportsEveryProblemAndExitsNonZero() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nw-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bad.yaml").path
        try """
            credentials:
              lab: { version: v2c, community: { env: NW_E2E_UNSET } }
            tenants:
              - name: acme
                sites:
                  - name: hq
                    devices:
                      - address: 10.0.0.1
                        credentials: [labb]
                        polling: { intervall: 30s }
                      - address: 10.0.0.1:161
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try Lab.run([Lab.netwarden, "config", "check", file])
        #expect(result.status == 1)
        #expect(result.stdout.split(separator: "\n").map(String.init) == [
            "\(file):2:42: credentials.lab.community.env: environment variable NW_E2E_UNSET is not set",
            "\(file):9:27: tenants[0].sites[0].devices[0].credentials[0]: no credential set named 'labb' (did you mean 'lab'?)",
            "\(file):10:24: tenants[0].sites[0].devices[0].polling.intervall: unknown key 'intervall' (did you mean 'interval'?)",
            "\(file):11:13: tenants[0].sites[0].devices[1]: no credential set for this device: set 'credentials' on the device, its site, its tenant or in defaults",
            "\(file):11:22: tenants[0].sites[0].devices[1].address: duplicate device address '10.0.0.1:161' (first at [0])",
            "\(file): 5 problems",
        ])
        // With the variable set, that problem goes and the others stay.
        let withEnv = try Lab.run([Lab.netwarden, "config", "check", file], environment: ["NW_E2E_UNSET": "public"])
        #expect(withEnv.status == 1)
        #expect(withEnv.stdout.hasSuffix("\(file): 4 problems\n"))
    }

    @Test func missingAndEmptyFilesAreOneError() throws {
        let missing = try Lab.run([Lab.netwarden, "config", "check", "/nonexistent/netwarden.yaml"])
        #expect(missing.status == 1)
        #expect(missing.stdout.hasPrefix("/nonexistent/netwarden.yaml: cannot read: No such file or directory\n"))
        let empty = try Lab.run([Lab.netwarden, "config", "check", "/dev/null"])
        #expect(empty.status == 1)
        #expect(empty.stdout.hasPrefix("/dev/null:1:1: the file is empty"))
    }
}

/// The example's demo site is what `netwarden simulate` serves: every device answers with
/// the credential sets the example gives it (the simulator here on other ports than 16100+,
/// so that a running demo does not collide).
@Suite(.enabled(if: Lab.snmpsimAvailable, "needs snmpsim-data (`scripts/install-deps.sh --peers`)"))
struct ExampleConfigAgainstSimulatorTests {
    @Test func demoDevicesAnswerWithTheirCredentials() throws {
        let source = try #require(Self.recordings(), "snmpsim-data recordings not found")
        let config = try ConfigLoader(environment: [:]).load(file: ConfigCheckTests.example).get()
        let lab = config.deviceSettings.filter { $0.key.site == "lab" }
        #expect(lab.count == 5)
        // Only the recordings the example names (loading all of snmpsim-data takes a while):
        // copied under their own relative paths, so that their names stay the communities.
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("nw-demo-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        for device in lab {
            guard case .community(_, let community)? = device.credentials.first?.credentials else { continue }
            let name = community.reveal()
            let file = ["snmprec", "snmprec.bz2"].map { "\(source)/\(name).\($0)" }.first(where: FileManager.default.fileExists)
            let found = try #require(file, "snmpsim-data has no recording \(name)")
            let target = "\(data)/\(name).\(found.hasSuffix(".bz2") ? "snmprec.bz2" : "snmprec")"
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: found, toPath: target)
        }
        let simulate = Process()
        simulate.executableURL = URL(fileURLWithPath: Lab.netwarden)
        simulate.arguments = ["simulate", "--recordings", data] + lab.flatMap {
            ["--listen", "127.0.0.1:\($0.key.address.port + 5_200)"]
        }
        simulate.standardError = FileHandle.nullDevice
        simulate.standardOutput = FileHandle.nullDevice
        try simulate.run()
        defer { Lab.stop(simulate) }
        Thread.sleep(forTimeInterval: 3)
        for device in lab {
            let credentials = try #require(device.credentials.first)
            guard case .community(let version, let community) = credentials.credentials else {
                Issue.record("\(device.name): expected a community"); continue
            }
            let result = try Lab.run([Lab.netwarden, "get", "-v", version == .v1 ? "1" : "2c", "-c", community.reveal(),
                                      "127.0.0.1:\(device.key.address.port + 5_200)", "1.3.6.1.2.1.1.1.0"])
            #expect(result.status == 0 && result.stdout.contains("STRING"), "\(device.name): \(result.stdout)\(result.stderr)")
        }
    }

    static func recordings() -> String? {
        let lib = "/opt/netwarden-lab/simvenv/lib"
        let pythons = (try? FileManager.default.contentsOfDirectory(atPath: lib)) ?? []
        return pythons.map { "\(lib)/\($0)/site-packages/snmpsim_data/data" }
            .first { FileManager.default.fileExists(atPath: $0) }
    }
}
