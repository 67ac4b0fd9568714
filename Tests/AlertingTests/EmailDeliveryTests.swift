import Alerting
import AsyncHTTPClient
import Config
import Foundation
import Mail
import Store
import Testing

/// The e-mail channel end to end from the outbox: a notice enqueued in a real SQLite store is
/// delivered by OutboxDeliverer to a real SMTP server (aiosmtpd), which parses what it got with
/// Python's own e-mail package. Failures stay in the outbox with their reason and are retried.
@Suite(.enabled(if: SMTPPeer.available, "needs aiosmtpd (scripts/install-deps.sh --peers; CI=true fails instead of skipping)"))
struct EmailDeliveryTests {
    /// Short retries for the tests: transient failures wait 1 s, permanent ones the cap, 60 s.
    static let retry = OutboxRetryPolicy(base: 1, cap: 60, maxAttempts: 10)

    /// The running config, replaceable like the daemon's on SIGHUP.
    final class ConfigBox: @unchecked Sendable {
        private let lock = NSLock()
        private var value: NetwardenConfig
        init(_ value: NetwardenConfig) { self.value = value }
        var config: NetwardenConfig {
            get { lock.withLock { value } }
            set { lock.withLock { value = newValue } }
        }
    }

    struct Context {
        let directory: String
        let store: SQLiteStore
        let box: ConfigBox
        let deliverer: OutboxDeliverer
    }

    static func config(_ channel: String) throws -> NetwardenConfig {
        try ConfigLoader(environment: [:]).load(yaml: """
            credentials:
              lab: { version: v2c, community: public }
            defaults: { credentials: [lab] }
            notifications:
              channels:
                mail:
                  type: email
                  from: netwarden@example.net
            \((channel.contains("timeout:") ? channel : channel + "\ntimeout: 5s").split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))
              routes:
                - { channels: [mail] }
            tenants:
              - name: acme
                sites:
                  - name: hq
                    devices: [{ address: 10.0.0.1, name: core }]
            """, file: "test.yaml").get()
    }

    /// A fresh folder (certificates, the server's log), store and deliverer.
    func withOutbox(_ body: (Context) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nw-mail-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SQLiteStore(path: directory + "/netwarden.sqlite")
        let box = ConfigBox(try Self.config("host: 127.0.0.1\nto: [noc@example.net]"))
        let deliverer = OutboxDeliverer(store: store, config: { box.config }, http: HTTPClient.shared, snmp: nil, retry: Self.retry)
        do {
            try await body(Context(directory: directory, store: store, box: box, deliverer: deliverer))
        } catch {
            try await store.close()
            throw error
        }
        try await store.close()
    }

    static func notice(device: String = "core", message: String = "ge-0/0/1 is down") -> AlertNotice {
        AlertNotice(action: .raised, alertID: 7, kind: "interface_down", severity: "critical", tenant: "acme", site: "hq",
                    device: device, address: "10.0.0.1:161", interface: 1, message: message,
                    dedupKey: "acme/hq/10.0.0.1:161|interface_down|1", at: Date())
    }

    static func enqueue(_ notice: AlertNotice, _ store: SQLiteStore) async throws {
        try await store.outbox.enqueue([NotificationDraft(channel: "mail", payloadJSON: notice.payload(for: .email))], at: Date())
    }

    // MARK: - Cases

    @Test func plainDeliveryToTwoRecipients() async throws {
        try await withOutbox { c in
            let server = try await SMTPPeer.start(directory: c.directory)
            c.box.config = try Self.config("""
                host: 127.0.0.1
                port: \(server.port)
                starttls: false
                to: [noc@example.net, oncall@example.org]
                """)
            try await Self.enqueue(Self.notice(), c.store)
            #expect(await c.deliverer.deliverDue() == 1)
            #expect(try await c.store.outbox.pendingCount() == 0)

            let received = try server.received()
            try #require(received.count == 1, "\(server.errors)")
            let mail = received[0]
            #expect(mail.mail_from == "netwarden@example.net")
            #expect(mail.rcpt_tos == ["noc@example.net", "oncall@example.org"])
            #expect(mail.auth_user == nil && !mail.tls)
            #expect(mail.defects.isEmpty, "\(mail.defects)")
            #expect(mail.headers["From"] == "netwarden@example.net")
            #expect(mail.headers["To"] == "noc@example.net, oncall@example.org")
            #expect(mail.subject == "[CRITICAL] acme/hq core: ge-0/0/1 is down")
            #expect(mail.headers["MIME-Version"] == "1.0")
            #expect(mail.headers["Content-Type"] == "text/plain; charset=\"utf-8\"" || mail.headers["Content-Type"] == "text/plain; charset=utf-8")
            #expect(mail.headers["Auto-Submitted"] == "auto-generated")
            #expect(mail.headers["Message-ID"]?.hasPrefix("<netwarden.1.") == true && mail.headers["Message-ID"]?.hasSuffix("@example.net>") == true)
            // The Date header is an RFC 5322 date Python parses, within a minute of now.
            let date = try #require(mail.headers["Date"])
            let parsed = try #require(Self.parseRFC5322(date), "\(date)")
            #expect(abs(parsed.timeIntervalSinceNow) < 60)
            #expect(mail.body == "ge-0/0/1 is down\n\nTenant: acme\nSite: hq\nDevice: core (10.0.0.1:161)\nAlert: interface_down (acme/hq/10.0.0.1:161|interface_down|1)\n")
        }
    }

    @Test(arguments: ["PLAIN", "LOGIN"])
    func startTLSAndAuthentication(mechanism: String) async throws {
        try await withOutbox { c in
            try await SMTPPeer.makeCertificates(in: c.directory)
            let server = try await SMTPPeer.start(directory: c.directory, mode: "starttls", arguments: [
                "--cert", c.directory + "/server.pem", "--key", c.directory + "/server.key", "--user", "nw-alerts", "--password", "s3cret pass",
            ] + (mechanism == "LOGIN" ? ["--login-only"] : []))
            c.box.config = try Self.config("""
                host: 127.0.0.1
                port: \(server.port)
                starttls: true
                ca_file: \(c.directory)/ca.pem
                user: nw-alerts
                password: "s3cret pass"
                to: [noc@example.net]
                """)
            try await Self.enqueue(Self.notice(), c.store)
            #expect(await c.deliverer.deliverDue() == 1)
            let received = try server.received()
            try #require(received.count == 1, "\(server.errors)")
            #expect(received[0].tls)
            #expect(received[0].auth_user == "nw-alerts")
            #expect(received[0].rcpt_tos == ["noc@example.net"])
        }
    }

    @Test func wrongPasswordIsRecordedAndTheMessageWaits() async throws {
        try await withOutbox { c in
            try await SMTPPeer.makeCertificates(in: c.directory)
            let server = try await SMTPPeer.start(directory: c.directory, mode: "starttls", arguments: [
                "--cert", c.directory + "/server.pem", "--key", c.directory + "/server.key", "--user", "nw-alerts", "--password", "right-one",
            ])
            let channel = { (password: String) in """
                host: 127.0.0.1
                port: \(server.port)
                ca_file: \(c.directory)/ca.pem
                user: nw-alerts
                password: \(password)
                to: [noc@example.net]
                """ }
            c.box.config = try Self.config(channel("wrong-guess-42"))
            try await Self.enqueue(Self.notice(), c.store)
            let before = Date()
            #expect(await c.deliverer.deliverDue() == 0)
            #expect(try await c.store.outbox.pendingCount() == 1)
            let row = try #require(try await c.store.outbox.message(id: 1))
            let error = try #require(row.lastError)
            #expect(error.contains("permanent failure at AUTH"), "\(error)")
            #expect(error.contains("535"), "\(error)")
            #expect(!error.contains("wrong-guess-42"))
            // A permanent refusal waits the longest interval before the next try.
            let next = try #require(row.nextAttemptAt)
            #expect(next.timeIntervalSince(before) >= Self.retry.cap - 1)
            #expect(try server.received().isEmpty)

            // Not due yet: nothing is tried before the interval.
            #expect(await c.deliverer.deliverDue(now: Date().addingTimeInterval(5)) == 0)
            #expect(try await c.store.outbox.message(id: 1)?.attempts == 1)
            // The corrected password (a reload) gets it out at the next attempt.
            c.box.config = try Self.config(channel("right-one"))
            #expect(await c.deliverer.deliverDue(now: next.addingTimeInterval(1)) == 1)
            #expect(try server.received().count == 1)
            #expect(try await c.store.outbox.message(id: 1)?.lastError == nil)
        }
    }

    @Test func serverDownThenUp() async throws {
        try await withOutbox { c in
            // Learn a free port, then leave nobody listening on it.
            let first = try await SMTPPeer.start(directory: c.directory)
            let port = first.port
            first.stop()
            c.box.config = try Self.config("host: 127.0.0.1\nport: \(port)\nstarttls: false\nto: [noc@example.net]")
            try await Self.enqueue(Self.notice(), c.store)
            #expect(await c.deliverer.deliverDue() == 0)
            let row = try #require(try await c.store.outbox.message(id: 1))
            #expect(row.lastError?.contains("transient failure at connect") == true, "\(row.lastError ?? "")")
            #expect(row.lastError?.contains("Connection refused") == true, "\(row.lastError ?? "")")
            let next = try #require(row.nextAttemptAt)
            #expect(next.timeIntervalSinceNow < 5)

            let server = try await SMTPPeer.start(directory: c.directory, port: port)
            #expect(await c.deliverer.deliverDue(now: next.addingTimeInterval(0.5)) == 1)
            #expect(try server.received().map(\.rcpt_tos) == [["noc@example.net"]])
            #expect(try await c.store.outbox.pendingCount() == 0)
        }
    }

    @Test func bodyLinesStartingWithADotArriveIntact() async throws {
        try await withOutbox { c in
            let server = try await SMTPPeer.start(directory: c.directory)
            c.box.config = try Self.config("host: 127.0.0.1\nport: \(server.port)\nstarttls: false\nto: [noc@example.net]")
            // A line that is a lone dot would end DATA early without stuffing.
            let message = "first\n.\n.hidden line\n..two dots"
            try await Self.enqueue(Self.notice(message: message), c.store)
            #expect(await c.deliverer.deliverDue() == 1)
            let received = try server.received()
            try #require(received.count == 1, "\(server.errors)")
            #expect(received[0].body.hasPrefix(message + "\n\nTenant: acme\n"), "\(received[0].body)")
            #expect(received[0].raw.contains("\r\n.\r\n.hidden line\r\n..two dots\r\n"))
        }
    }

    @Test func nonASCIISubjectAndBody() async throws {
        try await withOutbox { c in
            let server = try await SMTPPeer.start(directory: c.directory)
            c.box.config = try Self.config("host: 127.0.0.1\nport: \(server.port)\nstarttls: false\nto: [noc@example.net]")
            let notice = Self.notice(device: "kern-sw-zürich-östlich", message: "Schnittstelle „ge-0/0/1“ ist ausgefallen — Störung 🔥")
            try await Self.enqueue(notice, c.store)
            #expect(await c.deliverer.deliverDue() == 1)
            let received = try server.received()
            try #require(received.count == 1, "\(server.errors)")
            let mail = received[0]
            #expect(mail.defects.isEmpty, "\(mail.defects)")
            #expect(mail.subject == notice.headline)
            #expect(mail.raw_headers["Subject"]?.contains("=?UTF-8?B?") == true)
            #expect(mail.headers["Content-Transfer-Encoding"] == "quoted-printable")
            #expect(mail.body.hasPrefix("Schnittstelle „ge-0/0/1“ ist ausgefallen — Störung 🔥\n"))
            #expect(mail.body.contains("Device: kern-sw-zürich-östlich (10.0.0.1:161)"))
            // Nothing but ASCII crossed the wire.
            #expect(mail.raw.unicodeScalars.allSatisfy { $0.isASCII })
        }
    }

    @Test func everyRecipientRefusedIsAClearPermanentError() async throws {
        try await withOutbox { c in
            let server = try await SMTPPeer.start(directory: c.directory, arguments: ["--refuse", "noc@example.net", "--refuse", "ops@example.net"])
            c.box.config = try Self.config("host: 127.0.0.1\nport: \(server.port)\nstarttls: false\nto: [noc@example.net, ops@example.net]")
            try await Self.enqueue(Self.notice(), c.store)
            #expect(await c.deliverer.deliverDue() == 0)
            let row = try #require(try await c.store.outbox.message(id: 1))
            #expect(row.nextAttemptAt != nil && row.gaveUpAt == nil)
            let error = try #require(row.lastError)
            #expect(error.hasPrefix("permanent failure at RCPT TO with 127.0.0.1:\(server.port): every recipient refused"), "\(error)")
            #expect(error.contains("<noc@example.net> 550 5.1.1 <noc@example.net>: no such user here"), "\(error)")
            #expect(error.contains("<ops@example.net> 550"), "\(error)")
            #expect(try server.received().isEmpty)
        }
    }

    @Test func someRecipientsRefusedTheRestGetIt() async throws {
        try await withOutbox { c in
            let server = try await SMTPPeer.start(directory: c.directory, arguments: ["--refuse", "gone@example.net"])
            c.box.config = try Self.config("host: 127.0.0.1\nport: \(server.port)\nstarttls: false\nto: [gone@example.net, noc@example.net]")
            try await Self.enqueue(Self.notice(), c.store)
            #expect(await c.deliverer.deliverDue() == 1)
            #expect(try server.received().map(\.rcpt_tos) == [["noc@example.net"]])
        }
    }

    @Test func startTLSIsNotSkippedWhenTheServerLacksIt() async throws {
        try await withOutbox { c in
            let server = try await SMTPPeer.start(directory: c.directory)  // plain: no STARTTLS offered
            c.box.config = try Self.config("host: 127.0.0.1\nport: \(server.port)\nto: [noc@example.net]")  // starttls defaults to true
            try await Self.enqueue(Self.notice(), c.store)
            #expect(await c.deliverer.deliverDue() == 0)
            let error = try await c.store.outbox.message(id: 1)?.lastError ?? ""
            #expect(error.contains("permanent failure at STARTTLS") && error.contains("does not offer STARTTLS"), "\(error)")
            #expect(try server.received().isEmpty)
        }
    }

    @Test func clearTextInjectedAfterTheSTARTTLSReplyIsRefused() async throws {
        try await withOutbox { c in
            let server = try await SMTPPeer.start(directory: c.directory, mode: "inject")
            c.box.config = try Self.config("host: 127.0.0.1\nport: \(server.port)\nto: [noc@example.net]")
            try await Self.enqueue(Self.notice(), c.store)
            #expect(await c.deliverer.deliverDue() == 0)
            let error = try await c.store.outbox.message(id: 1)?.lastError ?? ""
            #expect(error == "transient failure at STARTTLS with 127.0.0.1:\(server.port): the server sent clear text after its STARTTLS reply",
                    "\(error)")
        }
    }

    @Test func anUntrustedCertificateIsRefused() async throws {
        try await withOutbox { c in
            try await SMTPPeer.makeCertificates(in: c.directory)
            let server = try await SMTPPeer.start(directory: c.directory, mode: "starttls",
                                      arguments: ["--cert", c.directory + "/server.pem", "--key", c.directory + "/server.key"])
            // No ca_file: the system's store, which does not know the test CA.
            c.box.config = try Self.config("host: 127.0.0.1\nport: \(server.port)\nto: [noc@example.net]")
            try await Self.enqueue(Self.notice(), c.store)
            #expect(await c.deliverer.deliverDue() == 0)
            let error = try await c.store.outbox.message(id: 1)?.lastError ?? ""
            #expect(error.hasPrefix("transient failure at TLS with 127.0.0.1:\(server.port): TLS handshake failed: CERTIFICATE_VERIFY_FAILED"), "\(error)")
            #expect(!error.contains("/work/") && !error.contains(".build"), "\(error)")
            #expect(try server.received().isEmpty)
        }
    }

    @Test func aSilentServerTimesOut() async throws {
        try await withOutbox { c in
            let server = try await SMTPPeer.start(directory: c.directory, mode: "silent")
            c.box.config = try Self.config("host: 127.0.0.1\nport: \(server.port)\nstarttls: false\ntimeout: 1s\nto: [noc@example.net]")
            try await Self.enqueue(Self.notice(), c.store)
            let start = Date()
            #expect(await c.deliverer.deliverDue() == 0)
            #expect(Date().timeIntervalSince(start) < 4)
            let error = try await c.store.outbox.message(id: 1)?.lastError ?? ""
            #expect(error == "transient failure at greeting with 127.0.0.1:\(server.port): no answer within 1s", "\(error)")
        }
    }

    /// Port 465 needs root to bind, so implicit TLS is driven through the client directly on a
    /// free port; the config's rule (465 means implicit TLS) is ConfigTests' concern.
    @Test func implicitTLS() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nw-mail-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await SMTPPeer.makeCertificates(in: directory)
        let server = try await SMTPPeer.start(directory: directory, mode: "implicit", arguments: [
            "--cert", directory + "/server.pem", "--key", directory + "/server.key", "--user", "nw", "--password", "pw",
        ])
        let message = MailMessage(from: "netwarden@example.net", to: ["noc@example.net"], subject: "implicit", body: "over TLS\n",
                                  date: Date(), messageID: "implicit.1@example.net")
        let delivery = try await SMTPClient.send(message, via: SMTPServer(
            host: "127.0.0.1", port: server.port, security: .implicitTLS, credentials: .init(user: "nw", password: "pw"),
            caFile: directory + "/ca.pem"), timeout: .seconds(5))
        #expect(delivery.accepted == ["noc@example.net"] && delivery.refused.isEmpty)
        let received = try server.received()
        try #require(received.count == 1, "\(server.errors)")
        #expect(received[0].tls && received[0].auth_user == "nw" && received[0].body == "over TLS\n")
    }

    static func parseRFC5322(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.date(from: text)
    }
}
