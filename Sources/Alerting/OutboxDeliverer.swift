public import AsyncHTTPClient
public import Config
public import Store
public import Foundation
public import Logging
import Mail
import NIOCore
import NIOHTTP1
public import SNMP
import SNMPCodec

/// Delivers the outbox: claims due messages for a lease, sends each on its channel, and marks it
/// delivered or failed (the store schedules the retry with back-off). A message whose deliverer
/// died mid-way is claimable again when its lease ends, so a crash or a restart loses nothing.
public actor OutboxDeliverer {
    public struct Counters: Sendable, Hashable {
        public var delivered = 0
        public var failed = 0
    }

    private let store: any Store
    private let config: @Sendable () -> NetwardenConfig
    private let http: HTTPClient
    private let snmp: SNMPClient?
    private let retry: OutboxRetryPolicy
    private let logger: Logger
    public private(set) var counters = Counters()

    public init(store: any Store, config: @escaping @Sendable () -> NetwardenConfig, http: HTTPClient, snmp: SNMPClient?,
                retry: OutboxRetryPolicy = OutboxRetryPolicy(base: 5, cap: 1800, maxAttempts: 200),
                logger: Logger = Logger(label: "netwarden.outbox")) {
        self.store = store
        self.config = config
        self.http = http
        self.snmp = snmp
        self.retry = retry
        self.logger = logger
    }

    /// Delivers until cancelled, looking for due messages every `interval` seconds.
    public func run(interval: Double = 1) async {
        while !Task.isCancelled {
            _ = await deliverDue()
            try? await Task.sleep(for: .milliseconds(Int64(interval * 1000)))
        }
    }

    /// One pass: claims and delivers what is due. Returns how many were delivered.
    @discardableResult
    public func deliverDue(now: Date = Date()) async -> Int {
        guard let messages = try? await store.outbox.claim(limit: 50, now: now, lease: 120) else { return 0 }
        var delivered = 0
        for message in messages {
            do {
                try await deliver(message)
                try await store.outbox.markDelivered(id: message.id, at: Date())
                counters.delivered += 1
                delivered += 1
            } catch {
                counters.failed += 1
                logger.warning("notification not delivered", metadata: ["channel": "\(message.channel)", "error": "\(error)"])
                // A refusal that will not change by itself (a wrong password, recipients refused)
                // is retried at the longest interval only: a corrected config gets it out, but
                // the server is not hammered meanwhile. Nothing is dropped before maxAttempts.
                let permanent = (error as? SMTPError)?.isPermanent ?? false
                let policy = permanent ? OutboxRetryPolicy(base: retry.cap, cap: retry.cap, maxAttempts: retry.maxAttempts) : retry
                try? await store.outbox.markFailed(id: message.id, error: "\(error)", at: Date(), policy: policy)
            }
        }
        return delivered
    }

    struct DeliveryError: Error, CustomStringConvertible {
        let description: String
    }

    private func deliver(_ message: OutboxMessage) async throws {
        guard let channel = config().channel(named: message.channel) else {
            throw DeliveryError(description: "channel '\(message.channel)' is no longer configured")
        }
        guard channel.enabled else { throw DeliveryError(description: "channel '\(channel.name)' is disabled") }
        let timeout = TimeAmount.seconds(max(1, channel.timeout.components.seconds))
        switch channel.settings {
        case .webhook(let url, let headers):
            try await post(url.reveal(), body: message.payloadJSON, headers: headers.mapValues { $0.reveal() }, timeout: timeout)
        case .slack(let url), .teams(let url):
            try await post(url.reveal(), body: message.payloadJSON, headers: [:], timeout: timeout)
        case .snmp(let target):
            try await sendTrap(message.payloadJSON, to: target)
        case .email(let email):
            try await sendMail(message, via: email, timeout: channel.timeout)
        }
    }

    /// The notice's subject and body as a plain-text mail to the channel's recipients. The Date
    /// is when the notice entered the outbox and the Message-ID is the outbox row's, the same on
    /// every attempt.
    private func sendMail(_ message: OutboxMessage, via email: NotificationChannel.Email, timeout: Duration) async throws {
        let fields = try JSONDecoder().decode([String: String].self, from: Data(message.payloadJSON.utf8))
        let domain = email.from.split(separator: "@").last.map(String.init) ?? "netwarden.invalid"
        let mail = MailMessage(from: email.from, to: email.to, subject: fields["subject"] ?? "Netwarden notification",
                               body: fields["body"] ?? "", date: message.createdAt,
                               messageID: "netwarden.\(message.id).\(Int64(message.createdAt.timeIntervalSince1970 * 1000))@\(domain)")
        let security: SMTPServer.Security = switch email.security {
        case .startTLS: .startTLS
        case .implicitTLS: .implicitTLS
        case .none: .none
        }
        let credentials = email.user.map { SMTPServer.Credentials(user: $0, password: email.password?.reveal() ?? "") }
        let server = SMTPServer(host: email.host, port: email.port, security: security, credentials: credentials, caFile: email.caFile)
        let delivery = try await SMTPClient.send(mail, via: server, timeout: timeout)
        if !delivery.refused.isEmpty {
            logger.warning("e-mail delivered, but some recipients were refused", metadata: [
                "channel": "\(message.channel)",
                "refused": "\(delivery.refused.map { "<\($0.recipient)> \($0.reply)" }.joined(separator: "; "))",
            ])
        }
    }

    private func post(_ url: String, body: String, headers: [String: String], timeout: TimeAmount) async throws {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "netwarden")
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await http.execute(request, timeout: timeout)
        guard (200..<300).contains(response.status.code) else {
            throw DeliveryError(description: "\(url.split(separator: "?").first ?? "") answered HTTP \(response.status.code)")
        }
    }

    /// NETWARDEN-MIB notification to an upstream manager, with the notice's fields as varbinds.
    private func sendTrap(_ payload: String, to target: NotificationChannel.SNMPTarget) async throws {
        guard let snmp else { throw DeliveryError(description: "no SNMP client") }
        guard let set = config().credentialSet(named: target.credentials) else {
            throw DeliveryError(description: "credential set '\(target.credentials)' is not configured")
        }
        let notice = try JSONDecoder.snakeCase.decode(NoticeFields.self, from: Data(payload.utf8))
        let agent = try await snmp.agent(target.target.host, port: target.target.port, security: try set.securityModel())
        let varBinds = NetwardenNotification.varBinds(action: notice.action, kind: notice.kind, severity: notice.severity,
                                                      tenant: notice.tenant, site: notice.site, device: notice.device,
                                                      address: notice.address, message: notice.message, dedupKey: notice.dedupKey)
        let trapOID = NetwardenNotification.trapOID(for: notice.action)
        switch target.mode {
        case .trap: try agent.sendTrap(trapOID: trapOID, uptime: 0, varBinds: varBinds)
        case .inform: _ = try await agent.inform(trapOID: trapOID, uptime: 0, varBinds: varBinds)
        }
    }

    struct NoticeFields: Decodable {
        let action: String, kind: String, severity: String, tenant: String, site: String, device: String
        let address: String, message: String, dedupKey: String
    }
}

extension JSONDecoder {
    static var snakeCase: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }
}
