import Foundation
import Testing

/// The daemon's HTTP server with a certificate from `openssl req`: HTTPS, and the token rules.
@Suite(.enabled(if: Lab.peersAvailable, "needs root and the test peers (`scripts/install-deps.sh --peers`)"))
struct DaemonHTTPTests {
    @Test func httpsAndTokens() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nw-https-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let req = try Lab.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.path + "/key.pem",
                               "-out", dir.path + "/cert.pem", "-days", "2", "-subj", "/CN=localhost"])
        #expect(req.status == 0, "\(req.stderr)")
        try """
            store: { sqlite: { path: \(dir.path)/netwarden.sqlite } }
            http:
              listen: 127.0.0.1:18443
              tls: { certificate: \(dir.path)/cert.pem, key: \(dir.path)/key.pem }
              tokens:
                - { name: admin, token: admin-token-0123456789ab }
                - { name: viewer, token: viewer-token-0123456789a, read_only: true, tenant: acme }
            tenants:
              - { name: acme, sites: [] }
            """.write(to: dir.appendingPathComponent("netwarden.yaml"), atomically: true, encoding: .utf8)
        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: Lab.netwarden)
        daemon.arguments = ["daemon", "--config", dir.path + "/netwarden.yaml"]
        daemon.standardError = FileHandle.nullDevice
        try daemon.run()
        defer { Lab.stop(daemon) }

        func status(_ path: String, token: String? = nil, method: String = "GET", scheme: String = "https") throws -> String {
            var arguments = ["curl", "-sk", "-o", "/dev/null", "-w", "%{http_code}", "-X", method, "\(scheme)://127.0.0.1:18443\(path)"]
            if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
            return try Lab.run(arguments).stdout
        }
        var up = false
        for _ in 0..<60 where !up {
            up = (try? status("/healthz")) == "200"
            if !up { Thread.sleep(forTimeInterval: 0.5) }
        }
        #expect(up, "HTTPS /healthz answers")
        #expect(try status("/healthz", scheme: "http") == "000", "plain HTTP is not served on the HTTPS port")
        #expect(try status("/api/v1/devices") == "401")
        #expect(try status("/metrics") == "401")
        #expect(try status("/api/v1/devices", token: "wrong-token-0123456789") == "401")
        #expect(try status("/api/v1/devices", token: "admin-token-0123456789ab") == "200")
        #expect(try status("/metrics", token: "admin-token-0123456789ab") == "200")
        #expect(try status("/api/v1/alerts/1/acknowledge", token: "viewer-token-0123456789a", method: "POST") == "403")
        #expect(try status("/api/v1/alerts/1/acknowledge", token: "admin-token-0123456789ab", method: "POST") == "404")

        // SIGHUP: a good file applies (a new token answers); a broken one is refused and the
        // running config, tokens included, stays.
        let file = dir.appendingPathComponent("netwarden.yaml")
        let good = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "    - { name: admin,", with: "    - { name: second, token: second-token-0123456789 }\n    - { name: admin,")
        try good.write(to: file, atomically: true, encoding: .utf8)
        kill(daemon.processIdentifier, SIGHUP)
        var reloaded = false
        for _ in 0..<40 where !reloaded {
            reloaded = (try? status("/api/v1/devices", token: "second-token-0123456789")) == "200"
            if !reloaded { Thread.sleep(forTimeInterval: 0.25) }
        }
        #expect(reloaded, "the reloaded token answers")
        try (good + "\nno_such_key: 1\n").write(to: file, atomically: true, encoding: .utf8)
        kill(daemon.processIdentifier, SIGHUP)
        Thread.sleep(forTimeInterval: 1)
        #expect(try status("/api/v1/devices", token: "second-token-0123456789") == "200", "a broken file keeps the running config")
        #expect(daemon.isRunning)
    }
}
