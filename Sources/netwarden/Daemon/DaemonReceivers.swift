import Alerting
import Config
import Foundation
import Logging
import Monitor
import NIOCore
import SNMP
import SyslogServer

/// The daemon's syslog and trap listeners, from `listeners:` in the config.
struct DaemonReceivers {
    var syslog: SyslogServer?
    var traps: SNMPResponder?
    var notifications: AsyncStream<SNMPAgentEngine.Notification>?

    static func start(_ settings: Listeners, config: NetwardenConfig, logger: Logger) async throws -> DaemonReceivers {
        var receivers = DaemonReceivers()
        let syslog = settings.syslog
        if !(syslog.udp.isEmpty && syslog.tcp.isEmpty && syslog.tls.isEmpty) {
            var configuration = SyslogServer.Configuration()
            configuration.udp = syslog.udp.map { .init(host: $0.host, port: $0.port) }
            configuration.tcp = syslog.tcp.map { .init(host: $0.host, port: $0.port) }
            configuration.tls = syslog.tls.map { .init(host: $0.host, port: $0.port) }
            if let certificate = syslog.certificate, let key = syslog.key {
                configuration.tlsFiles = .init(certificatePath: certificate, privateKeyPath: key)
            }
            configuration.udpReceiveBufferSize = syslog.udpReceiveBuffer
            configuration.maximumMessageSize = syslog.maxMessageSize
            if syslog.rateLimitPerSource > 0 {
                configuration.rateLimit = .init(messagesPerSecond: Double(syslog.rateLimitPerSource), burst: syslog.rateLimitPerSource * 2)
            }
            let server = try await SyslogServer.start(configuration)
            receivers.syslog = server
            logger.info("syslog on \(SyslogTransport.allCases.flatMap { server.localAddresses($0).map(\.description) }.joined(separator: ", "))")
        }
        let traps = settings.traps
        if !traps.listen.isEmpty {
            let users = try traps.users.compactMap { try config.credentialSet(named: $0)?.usmUser() }
            let usm = users.isEmpty ? nil : try USMAuthority(engine: SNMPLocalEngine(engineID: SNMPLocalEngine.textEngineID("netwarden")), users: users)
            let (stream, continuation) = AsyncStream.makeStream(of: SNMPAgentEngine.Notification.self, bufferingPolicy: .bufferingNewest(100_000))
            // No community listed: v1/v2c notifications are refused (an empty set accepts none).
            let communities = Set(traps.communities.map { OctetString(Array($0.reveal().utf8)) })
            let engine = SNMPAgentEngine(usm: usm, notifications: { continuation.yield($0) }, notificationCommunities: communities,
                                         resolve: { _ in nil })
            receivers.traps = try await SNMPResponder.start(endpoints: traps.listen.map { ($0.host, $0.port) }, engine: engine)
            receivers.notifications = stream
            logger.info("traps on \(traps.listen.map(\.description).joined(separator: ", "))")
        }
        return receivers
    }

    /// Hands everything received to the ingest until cancelled.
    func run(into ingest: ReceiverIngest) async {
        await withTaskGroup(of: Void.self) { group in
            if let syslog { group.addTask { await ingest.run(syslog.messages) } }
            if let notifications {
                // Mapped as the ingest reads them: the receiver's bounded buffer stays the only one.
                let traps = notifications.compactMap { @Sendable notification -> ReceivedTrap? in
                    guard let content = NotificationContent(notification.pdu) else { return nil }
                    let version = switch notification.version {
                    case .v1: "v1"
                    case .v2c: "v2c"
                    default: "v3"
                    }
                    return ReceivedTrap(content: content, version: version, source: notification.source?.ipAddress ?? "?")
                }
                group.addTask { await ingest.run(traps: traps) }
            }
        }
    }

    func close() async {
        await syslog?.close()
        await traps?.close()
    }
}
