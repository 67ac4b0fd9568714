import Foundation
import TestSockets
import Testing

/// A real SMTP server for the tests: aiosmtpd running Support/smtp_server.py on 127.0.0.1.
///
/// aiosmtpd comes from the lab virtualenv that `scripts/install-deps.sh --peers` makes
/// (NETWARDEN_LAB_VENV, default /opt/netwarden-lab/simvenv), or the system's Python. Without it
/// the tests are disabled, except under `CI=true`, where they run and fail.
///
/// Starting it and making certificates wait on processes: `start` and `makeCertificates` do
/// that on a Dispatch thread, never on the tests' cooperative pool (two threads on two cores),
/// where it would starve the SMTP sessions of other tests running meanwhile.
final class SMTPPeer: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible { var description: String }

    /// One message as the server received it (see smtp_server.py).
    struct Received: Decodable {
        var mail_from: String
        var rcpt_tos: [String]
        var auth_user: String?
        var tls: Bool
        var raw: String
        var headers: [String: String]
        var raw_headers: [String: String]
        var subject: String
        var body: String
        var defects: [String]
    }

    static var packageRoot: URL { TestEnvironment.packageRoot }
    static var isCI: Bool { TestEnvironment.isCI }

    /// A Python that imports aiosmtpd.
    static let python: String? = {
        let venv = ProcessInfo.processInfo.environment["NETWARDEN_LAB_VENV"] ?? "/opt/netwarden-lab/simvenv"
        for candidate in [venv + "/bin/python", "/usr/bin/python3"] where FileManager.default.isExecutableFile(atPath: candidate) {
            if let result = try? run([candidate, "-c", "import aiosmtpd"]), result.status == 0 { return candidate }
        }
        return nil
    }()

    static var available: Bool { isCI || python != nil }

    let directory: String
    let port: Int
    let log: String
    private let process: Process
    private let stderr: String

    /// Starts the server and waits until it listens. `port` 0 takes any free port.
    static func start(directory: String, mode: String = "plain", port: Int = 0, arguments: [String] = []) async throws -> SMTPPeer {
        try await offPool { try SMTPPeer(directory: directory, mode: mode, port: port, arguments: arguments) }
    }

    private init(directory: String, mode: String = "plain", port: Int = 0, arguments: [String] = []) throws {
        guard let python = Self.python else {
            throw Failure(description: "aiosmtpd is not installed: run scripts/install-deps.sh --peers")
        }
        self.directory = directory
        let tag = UUID().uuidString.prefix(8)
        let portFile = "\(directory)/port-\(tag)"
        log = "\(directory)/received.jsonl"
        stderr = "\(directory)/smtp-\(tag).err"
        _ = FileManager.default.createFile(atPath: stderr, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [Self.packageRoot.appendingPathComponent("Tests/AlertingTests/Support/smtp_server.py").path,
                             "--port", "\(port)", "--port-file", portFile, "--log", log, "--mode", mode] + arguments
        process.standardError = FileHandle(forWritingAtPath: stderr)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(15)
        var found: Int?
        while Date() < deadline {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let value = Int(text) { found = value; break }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        guard let found else {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            let error = (try? String(contentsOfFile: stderr, encoding: .utf8)) ?? ""
            throw Failure(description: "smtp_server.py did not start: \(error)")
        }
        self.port = found
    }

    deinit { stop() }

    /// SIGKILL: a child spawned from a thread that blocks SIGTERM inherits the block (see Lab.stop).
    func stop() {
        let pid = process.processIdentifier
        guard pid > 0, process.isRunning else { return }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }

    /// What the server received so far, oldest first.
    func received() throws -> [Received] {
        guard let text = try? String(contentsOfFile: log, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Received.self, from: Data($0.utf8)) }
    }

    /// What the server wrote on stderr (aiosmtpd logs there).
    var errors: String { (try? String(contentsOfFile: stderr, encoding: .utf8)) ?? "" }

    // MARK: - Certificates

    /// A test CA and a server certificate for 127.0.0.1 and localhost, made by openssl:
    /// ca.pem, server.pem, server.key in `directory`.
    static func makeCertificates(in directory: String) async throws {
        try await offPool { try makeCertificatesNow(in: directory) }
    }

    private static func makeCertificatesNow(in directory: String) throws {
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        let steps: [[String]] = [
            ["openssl", "req", "-x509"] + ec + ["-keyout", "\(directory)/ca.key", "-out", "\(directory)/ca.pem", "-days", "2",
                                               "-subj", "/CN=Netwarden Test CA", "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
            ["openssl", "req", "-new"] + ec + ["-keyout", "\(directory)/server.key", "-out", "\(directory)/server.csr", "-subj", "/CN=localhost"],
            ["openssl", "x509", "-req", "-in", "\(directory)/server.csr", "-CA", "\(directory)/ca.pem", "-CAkey", "\(directory)/ca.key",
             "-CAcreateserial", "-out", "\(directory)/server.pem", "-days", "2", "-extfile", "\(directory)/server.ext"],
        ]
        try """
            subjectAltName=IP:127.0.0.1,DNS:localhost
            basicConstraints=CA:FALSE
            keyUsage=critical,digitalSignature
            extendedKeyUsage=serverAuth

            """.write(toFile: "\(directory)/server.ext", atomically: true, encoding: .utf8)
        for step in steps {
            let result = try run(step)
            guard result.status == 0 else { throw Failure(description: "\(step.joined(separator: " ")): \(result.output)") }
        }
    }

    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0].hasPrefix("/") ? arguments[0] : "/usr/bin/env")
        process.arguments = arguments[0].hasPrefix("/") ? Array(arguments.dropFirst()) : arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
