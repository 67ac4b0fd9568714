import Config
import Foundation
import Testing

/// How an e-mail channel's port and `starttls` choose the connection's protection, and the
/// CA file read beside the config.
struct EmailChannelTests {
    static func email(_ keys: String, baseDirectory: String = "/tmp") throws -> NotificationChannel.Email {
        let config = try Fixture.load(Fixture.minimal + """
            notifications:
              channels:
                mail:
                  type: email
                  host: 127.0.0.1
                  from: nw@example.net
                  to: [noc@example.net]
            \(keys.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))
            """, baseDirectory: baseDirectory).get()
        guard case .email(let email)? = config.channel(named: "mail")?.settings else { throw Failure() }
        return email
    }

    struct Failure: Error {}

    @Test func portAndStartTLSChooseTheProtection() throws {
        #expect(try Self.email("").security == .startTLS)
        #expect(try Self.email("port: 25").security == .startTLS)
        #expect(try Self.email("port: 465").security == .implicitTLS)
        #expect(try Self.email("port: 465\nstarttls: false").security == .implicitTLS)
        #expect(try Self.email("port: 2525\nstarttls: false").security == .none)
        // A loopback relay may take a password without TLS.
        #expect(try Self.email("port: 25\nstarttls: false\nuser: nw\npassword: pw").user == "nw")
    }

    @Test func caFileIsResolvedBesideTheConfigAndChecked() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
            .write(to: directory.appendingPathComponent("ca.pem"), atomically: true, encoding: .utf8)
        let email = try Self.email("ca_file: ca.pem", baseDirectory: directory.path)
        #expect(email.caFile == directory.appendingPathComponent("ca.pem").path)
        #expect(try Self.email("").caFile == nil)
    }

    @Test func aUserNeedsAPassword() {
        let problems = Fixture.problems(Fixture.minimal + """
            notifications:
              channels:
                mail: { type: email, host: smtp.example.net, user: nw, from: nw@example.net, to: [noc@example.net] }
            """)
        #expect(problems.map(\.message) == ["'user' needs a 'password'"])
    }
}
