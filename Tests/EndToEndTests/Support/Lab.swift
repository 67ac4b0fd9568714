import Foundation
import TestSockets
import Testing

/// Runs commands and real peers for the end-to-end tests.
///
/// Peers need root (network namespaces) and the Debian packages that scripts/install-deps.sh
/// installs. Without them the tests are disabled, except under `CI=true`, where a missing
/// peer is a failure rather than a silent skip.
enum Lab {
    static var packageRoot: URL { TestEnvironment.packageRoot }
    static var isCI: Bool { TestEnvironment.isCI }
    static var isRoot: Bool { getuid() == 0 }

    /// True when the peers can run here; under CI a test that needs them runs (and fails
    /// loudly if they are missing) instead of being skipped.
    static var peersAvailable: Bool {
        isCI || (isRoot && FileManager.default.isExecutableFile(atPath: "/usr/sbin/snmpd"))
    }

    /// The `netwarden` executable built next to this test bundle.
    static let netwarden: String = {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = executable.deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("netwarden").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/netwarden").path
    }()

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a command to completion with a deadline; environment additions on top of ours.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 120) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["MIBS"] = ""  // net-snmp tools: print without MIBs, as Netwarden does
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes while the process runs so that a large output cannot block it.
        let outData = Locked(Data()), errData = Locked(Data())
        let group = DispatchGroup()
        for (pipe, sink) in [(out, outData), (err, errData)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                sink.set(data)
                group.leave()
            }
        }
        // Reap the child ourselves: Foundation decides that a process ended only when every
        // descriptor it shared is closed, and a daemon that a lab script starts keeps them open.
        let pid = process.processIdentifier
        let deadline = Date().addingTimeInterval(timeout)
        var rawStatus: Int32 = 0
        var exitStatus: Int32?
        while Date() < deadline {
            let result = waitpid(pid, &rawStatus, WNOHANG)
            if result == pid {
                exitStatus = rawStatus & 0x7F == 0 ? (rawStatus >> 8) & 0xFF : -1
                break
            }
            if result == -1 && errno == ECHILD {
                // Foundation's own monitor reaped it first; then it knows the status.
                while process.isRunning && Date() < deadline { usleep(1_000) }
                exitStatus = process.isRunning ? nil : process.terminationStatus
                break
            }
            usleep(10_000)
        }
        if exitStatus == nil {
            kill(pid, SIGKILL)
            _ = waitpid(pid, &rawStatus, 0)
        }
        // A daemon that a lab script starts inherits the pipes, which then never reach
        // end-of-file: wait a moment for the readers, not for the daemon.
        _ = group.wait(timeout: .now() + 2)
        return Output(status: exitStatus ?? -1,
                      stdout: String(decoding: outData.get(), as: UTF8.self),
                      stderr: String(decoding: errData.get(), as: UTF8.self))
    }

    /// Runs `body` with a fresh namespace running snmpd (scripts/lab/snmpd-lab), then removes it.
    static func withSNMPD<T>(_ name: String, interfaces: Int = 8, extraConfig: String? = nil,
                             _ body: (SNMPDLab) throws -> T) throws -> T {
        let script = packageRoot.appendingPathComponent("scripts/lab/snmpd-lab").path
        var env: [String: String] = [:]
        if let extraConfig { env["SNMPD_EXTRA_CONF"] = extraConfig }
        let up = try run([script, "up", name, String(interfaces)], environment: env, timeout: 300)
        guard up.status == 0 else {
            throw LabError("snmpd-lab up \(name) failed (\(up.status)): \(up.stderr) \(up.stdout)")
        }
        defer { _ = try? run([script, "down", name]) }
        return try body(SNMPDLab(name: name, script: script))
    }
}

extension Lab {
    /// Stops a peer started with Process: SIGKILL (a child spawned from a thread that blocks
    /// SIGTERM inherits the block) and reap it ourselves.
    static func stop(_ process: Process) {
        let pid = process.processIdentifier
        guard pid > 0 else { return }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }
}

struct LabError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A running snmpd in its namespace: clients run inside it with `exec`.
struct SNMPDLab {
    let name: String
    let script: String

    @discardableResult
    func exec(_ arguments: [String], timeout: TimeInterval = 120) throws -> Lab.Output {
        try Lab.run(["ip", "netns", "exec", name] + arguments, timeout: timeout)
    }

    func restart() throws {
        let result = try Lab.run([script, "restart", name])
        guard result.status == 0 else { throw LabError("restart failed: \(result.stderr)") }
    }
}

/// A value shared between a reader thread and the test.
final class Locked<Value>: @unchecked Sendable {
    // @unchecked: every access goes through the lock.
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.withLock { value } }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
}
