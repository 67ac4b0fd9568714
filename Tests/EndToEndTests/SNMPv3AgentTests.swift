import Foundation
import Testing

/// SNMPv3 against a real net-snmp snmpd: every authentication × privacy protocol it supports,
/// compared with net-snmp's own tools, and each configuration error with its own message.
@Suite(.enabled(if: Lab.peersAvailable, "needs root and snmpd (run `make test`, or set CI=true to fail instead of skip)"))
struct SNMPv3AgentTests {
    struct User {
        let name, level: String
        let auth, authPassword, priv, privPassword: String?

        /// The same flags for netwarden and net-snmp's tools.
        var flags: [String] {
            var flags = ["-v3", "-u", name, "-l", level]
            if let auth, let authPassword { flags += ["-a", auth, "-A", authPassword] }
            if let priv, let privPassword { flags += ["-x", priv, "-X", privPassword] }
            return flags
        }
    }

    /// scripts/lab/snmpd-users.txt: `user level auth authpass priv privpass`, "-" for none.
    static let users: [User] = {
        let path = Lab.packageRoot.appendingPathComponent("scripts/lab/snmpd-users.txt").path
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let f = line.split(separator: " ").map(String.init)
            guard f.count == 6, !line.hasPrefix("#"), !f[0].hasPrefix("u_rw") else { return nil }
            func field(_ i: Int) -> String? { f[i] == "-" ? nil : f[i] }
            return User(name: f[0], level: f[1], auth: field(2), authPassword: field(3), priv: field(4), privPassword: field(5))
        }
    }()

    @Test func everyUserWalksLikeNetSNMP() throws {
        #expect(Self.users.count >= 40, "users file not found or incomplete")
        try Lab.withSNMPD("nwe2e-v3", interfaces: 6) { lab in
            for user in Self.users {
                for root in ["1.3.6.1.2.1.1", "1.3.6.1.2.1.2.2"] {
                    let ours = try lab.exec([Lab.netwarden, "walk"] + user.flags + ["-Cr10", "127.0.0.1", root])
                    #expect(ours.status == 0, "\(user.name): \(ours.stderr)")
                    // net-snmp's tools know no AES-192-C/AES-256-C option; compare those with a v2c walk.
                    let theirFlags = user.priv?.hasSuffix("-C") == true ? ["-v2c", "-c", "public"] : user.flags
                    let theirs = try lab.exec(["snmpbulkwalk"] + theirFlags + ["-Cr10", "-On", "-Oe", "127.0.0.1", root])
                    #expect(theirs.status == 0, "\(user.name): net-snmp: \(theirs.stderr)")
                    NetSNMPAgentTests.expectSameWalk(ours: ours.stdout, theirs: theirs.stdout, "\(user.name) \(root)")
                }
                let table = try lab.exec([Lab.netwarden, "table"] + user.flags + ["127.0.0.1", "1.3.6.1.2.1.2.2.1", "--columns", "1,2"])
                #expect(table.status == 0 && table.stdout.split(separator: "\n").count == 8, "\(user.name) table: \(table.stdout) \(table.stderr)")
            }
        }
    }

    @Test func configurationErrorsEachHaveTheirOwnMessage() throws {
        try Lab.withSNMPD("nwe2e-v3err") { lab in
            func get(_ flags: [String]) throws -> Lab.Output {
                try lab.exec([Lab.netwarden, "get", "-t", "0.5", "-r", "1"] + flags + ["127.0.0.1", "1.3.6.1.2.1.1.5.0"], timeout: 30)
            }
            let good = ["-a", "SHA", "-A", "authpass-u_sha_aes", "-x", "AES", "-X", "privpass-u_sha_aes"]
            let ok = try get(["-v3", "-u", "u_sha_aes", "-l", "authPriv"] + good)
            #expect(ok.stdout.contains("STRING: \"nwe2e-v3err\""), "\(ok.stderr)")

            let unknownUser = try get(["-v3", "-u", "u_nobody", "-l", "authPriv"] + good)
            #expect(unknownUser.status == 1)
            #expect(unknownUser.stderr.contains("unknown user 'u_nobody'"), "\(unknownUser.stderr)")

            let wrongAuth = try get(["-v3", "-u", "u_sha_aes", "-l", "authPriv", "-a", "SHA", "-A", "not-the-password", "-x", "AES", "-X", "privpass-u_sha_aes"])
            #expect(wrongAuth.status == 1)
            #expect(wrongAuth.stderr.contains("wrong authentication password"), "\(wrongAuth.stderr)")

            let wrongPriv = try get(["-v3", "-u", "u_sha_aes", "-l", "authPriv", "-a", "SHA", "-A", "authpass-u_sha_aes", "-x", "AES", "-X", "not-the-password"])
            #expect(wrongPriv.status == 1)
            #expect(wrongPriv.stderr.contains("wrong privacy password"), "\(wrongPriv.stderr)")

            for output in [unknownUser, wrongAuth, wrongPriv] {
                #expect(output.stderr.split(separator: "\n").count == 1, "one line: \(output.stderr)")
            }
        }
    }

    @Test func anAgentRestartIsFollowedWithoutManualAction() throws {
        try Lab.withSNMPD("nwe2e-v3boot") { lab in
            let user = Self.users.first { $0.name == "u_sha256_aes" }!
            // One process asks three times; snmpd restarts (snmpEngineBoots + 1) between the first two.
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["ip", "netns", "exec", lab.name, Lab.netwarden, "get"] + user.flags
                + ["-t", "1", "-r", "3", "--repeat", "3", "--interval", "2.5", "127.0.0.1", "1.3.6.1.2.1.1.5.0"]
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            Thread.sleep(forTimeInterval: 1)
            try lab.restart()
            process.waitUntilExit()
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 0, "\(stderr)")
            #expect(stdout.split(separator: "\n").count == 3, "\(stdout) \(stderr)")
        }
    }
}
