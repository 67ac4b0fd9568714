import Config
import Foundation
import Testing

/// SIGHUP: a file that loads replaces the running config; one that does not changes nothing.
struct ReloadTests {
    @Test func failedReloadKeepsTheRunningConfig() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("netwarden.yaml")
        try Fixture.minimal.write(to: file, atomically: true, encoding: .utf8)
        let running = try RunningConfig.load(file: file.path, loader: ConfigLoader(environment: [:]))
        #expect(running.current.summary.devices == 1)

        // Unchanged file.
        guard case .unchanged = running.reload() else { Issue.record("expected unchanged"); return }

        // A good edit: one more device.
        try (Fixture.minimal + "          - address: 10.0.0.2\n").write(to: file, atomically: true, encoding: .utf8)
        guard case .reloaded(let previous, let current) = running.reload() else { Issue.record("expected reloaded"); return }
        #expect(previous.summary.devices == 1)
        #expect(current.summary.devices == 2)
        #expect(running.current == current)

        // A bad edit: the problems come back, the two-device config stays.
        try (Fixture.minimal + "          - address: 10.0.0.999\nlog: { level: chatty }\n")
            .write(to: file, atomically: true, encoding: .utf8)
        guard case .rejected(let problems, let kept) = running.reload() else { Issue.record("expected rejected"); return }
        #expect(problems.map(\.path.description) == ["tenants[0].sites[0].devices[1].address", "log.level"])
        #expect(problems.allSatisfy { $0.file == file.path })
        #expect(kept == current)
        #expect(running.current == current)

        // The file disappears: still rejected, still running.
        try FileManager.default.removeItem(at: file)
        guard case .rejected(let gone, _) = running.reload() else { Issue.record("expected rejected"); return }
        #expect(gone.first?.message.contains("No such file") == true)
        #expect(running.current.summary.devices == 2)
    }

    @Test func loadingABadFileThrowsEveryProblem() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bad.yaml")
        try "tenants: 3\nlog: { format: xml }\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: ConfigErrors.self) { try RunningConfig.load(file: file.path) }
        do {
            _ = try RunningConfig.load(file: file.path)
        } catch {
            #expect(error.problems.count == 2)
        }
    }

    @Test func concurrentReadersSeeWholeConfigs() async throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("netwarden.yaml")
        try Fixture.minimal.write(to: file, atomically: true, encoding: .utf8)
        let running = try RunningConfig.load(file: file.path, loader: ConfigLoader(environment: [:]))
        try (Fixture.minimal + "          - address: 10.0.0.2\n").write(to: file, atomically: true, encoding: .utf8)
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { running.reload(); return true }
            for _ in 0..<50 {
                group.addTask { [1, 2].contains(running.current.summary.devices) }
            }
            for await ok in group { #expect(ok) }
        }
        #expect(running.current.summary.devices == 2)
    }
}
