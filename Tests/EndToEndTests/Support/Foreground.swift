import Foundation

/// A long-running `netwarden ... listen` started by a test: its output goes to files the test
/// reads while it runs; it is stopped (SIGKILL, reaped) when the test is done.
final class Foreground {
    let process = Process()
    let stdoutPath: String
    let stderrPath: String

    init(_ arguments: [String]) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nw-fg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        stdoutPath = dir.appendingPathComponent("stdout").path
        stderrPath = dir.appendingPathComponent("stderr").path
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: Lab.netwarden)
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        try process.run()
    }

    deinit { stop() }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Waits until standard error has a line containing `text`; returns that line.
    func waitForStderr(_ text: String, timeout: TimeInterval = 20) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let line = stderr.split(separator: "\n").first(where: { $0.contains(text) }) { return String(line) }
            guard process.isRunning else { break }
            usleep(20_000)
        }
        throw LabError("no '\(text)' on standard error of \(process.arguments ?? []): \(stderr)")
    }

    /// The port after `label ADDR:` in the "listening on" line (`udp 127.0.0.1:40000`).
    func port(_ label: String) throws -> Int {
        let line = try waitForStderr("listening")
        guard let range = line.range(of: "\(label) ") else { throw LabError("no \(label) in '\(line)'") }
        let rest = line[range.upperBound...]
        let address = rest.prefix { $0 != "," && $0 != " " && $0 != ";" }
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]) else {
            throw LabError("no port in '\(line)'")
        }
        return port
    }

    /// Standard output's lines once there are at least `count` (or the deadline passed).
    func lines(atLeast count: Int, timeout: TimeInterval = 20) -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let lines = stdout.split(separator: "\n").map(String.init)
            if lines.count >= count || Date() >= deadline { return lines }
            usleep(20_000)
        }
    }

    /// JSON objects of standard output's lines.
    func objects(atLeast count: Int, timeout: TimeInterval = 20) -> [[String: Any]] {
        lines(atLeast: count, timeout: timeout).compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
    }

    /// Waits for the process to end by itself.
    func waitForExit(timeout: TimeInterval = 20) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if !process.isRunning { return process.terminationStatus }
            usleep(20_000)
        }
        return nil
    }

    func stop() {
        if process.isRunning { Lab.stop(process) }
    }
}
