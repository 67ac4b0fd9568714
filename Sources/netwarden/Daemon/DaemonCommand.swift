import Alerting
import ArgumentParser
import AsyncHTTPClient
import Config
import Devices
import Dispatch
import Foundation
import Hummingbird
import HummingbirdTLS
import NIOSSL
import Logging
import Monitor
import PassiveDiscovery
import SNMP
import Store
import SyslogServer
import Web

struct DaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon",
        abstract: "Poll every configured device, keep its history, raise alerts and serve the API.",
        discussion: """
            SIGHUP reloads the config (a config with problems is refused and the running one kept);
            SIGTERM and SIGINT drain the store's writer and stop.
            """)

    @Option(help: "Config file. Default: config/netwarden.yaml if present, else /etc/netwarden/netwarden.yaml.")
    var config: String?
    @Option(help: "ADDR:PORT for the HTTP API and /metrics, overriding http.listen.")
    var http: String?

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "netwarden")
        logger.logLevel = .info
        let file = config ?? ConfigLoader.defaultFile()
        let running: RunningConfig
        do { running = try RunningConfig.load(file: file) } catch {
            printError(error.description)
            throw ExitCode(1)
        }
        let daemon = try await Daemon(running: running, httpOverride: http, logger: logger)
        try await daemon.run()
    }
}

/// The daemon's parts and their lifetime.
final class Daemon: Sendable {
    let running: RunningConfig
    let store: SQLiteStore
    let snmp: SNMPClient
    let httpClient: HTTPClient
    let pipeline: AlertPipeline
    let sink: StoreSink
    let scheduler: PollScheduler
    let deliverer: OutboxDeliverer
    let listen: HostPort
    let logger: Logger
    let receivers: DaemonReceivers
    let ingest: ReceiverIngest
    let passive: DaemonPassiveDiscovery?

    init(running: RunningConfig, httpOverride: String?, logger: Logger) async throws {
        self.running = running
        self.logger = logger
        let config = running.current
        if let httpOverride {
            do { listen = try HostPort(parsing: httpOverride, defaultPort: 8080) } catch {
                throw CommandFailure("--http \(httpOverride): \(error)")
            }
        } else {
            listen = config.http.listen
        }
        guard config.store.backend == .sqlite else {
            throw CommandFailure("store.backend postgres is not built yet; use sqlite")
        }
        try FileManager.default.createDirectory(atPath: (config.store.sqlitePath as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        store = try SQLiteStore(path: config.store.sqlitePath)
        snmp = try await SNMPClient()
        httpClient = HTTPClient(eventLoopGroupProvider: .singleton)
        let runningConfig = running
        pipeline = AlertPipeline(store: store, config: { runningConfig.current })
        sink = StoreSink(store: store, pipeline: pipeline)

        var identifier: DeviceIdentifier?
        var policies: FirmwarePolicySet?
        // Identification and firmware judgement are optional: without their files the daemon polls.
        if FileManager.default.fileExists(atPath: config.identificationRules) {
            identifier = DeviceIdentifier(rules: try IdentificationRules.loadWithRegistries(files: [config.identificationRules]))
        } else {
            logger.warning("no identification rules at \(config.identificationRules): devices are not identified")
        }
        if FileManager.default.fileExists(atPath: config.firmwarePolicy) {
            policies = try FirmwarePolicySet.load(file: config.firmwarePolicy)
        }
        scheduler = PollScheduler(poller: DevicePoller(client: snmp, identifier: identifier, firmwarePolicies: policies), sink: sink)
        deliverer = OutboxDeliverer(store: store, config: { runningConfig.current }, http: httpClient, snmp: snmp)
        ingest = ReceiverIngest(store: store, pipeline: pipeline, sink: sink, repoll: { [scheduler] key in await scheduler.pollSoon(key) })
        // Listeners bind at start; a reload does not move them (restart the daemon for that).
        receivers = try await DaemonReceivers.start(config.listeners, config: config, logger: logger)
        passive = config.discovery.passiveEnabled
            ? DaemonPassiveDiscovery.start(config.discovery, store: store, pipeline: pipeline, config: { runningConfig.current }, logger: logger)
            : nil
        try await apply(config)
    }

    private func apply(_ config: NetwardenConfig) async throws {
        let devices = config.allDevices.compactMap { config.settings(for: $0.key) }
        try await sink.register(devices, gateways: config.tenants.flatMap { $0.sites.compactMap(\.gateway) })
        await scheduler.update(devices: devices)
        logger.info("watching \(devices.count) devices", metadata: ["tenants": "\(config.tenants.count)"])
    }

    func run() async throws {
        let router = NetwardenHTTPServer.router(.init(
            store: store, settings: { [running] in running.current.http },
            metrics: { [self] in await metricsText() },
            acknowledge: { [pipeline] id, who in try await pipeline.acknowledge(alertID: id, by: who) }))
        // HTTPS when the config names a certificate and its key (PEM).
        let http = running.current.http
        var tls: TLSConfiguration?
        if let certificate = http.certificate, let key = http.key {
            let chain = try NIOSSLCertificate.fromPEMFile(certificate).map { NIOSSLCertificateSource.certificate($0) }
            tls = TLSConfiguration.makeServerConfiguration(
                certificateChain: chain, privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
        }
        let app = Application(router: router, server: try tls.map { try .tls(tlsConfiguration: $0) } ?? .http1(),
                              configuration: .init(address: .hostname(listen.host, port: listen.port)),
                              logger: Logger(label: "netwarden.http"))
        let signals = SignalStream([SIGHUP, SIGTERM, SIGINT])
        logger.info("\(http.certificate == nil ? "HTTP" : "HTTPS") on \(listen)")
        var failure: (any Error)?
        await withTaskGroup(of: (any Error)?.self) { group in
            group.addTask { await self.scheduler.run(); return nil }
            group.addTask { await self.deliverer.run(); return nil }
            group.addTask { [logger] in
                do { try await app.run() } catch {
                    logger.critical("HTTP server failed: \(error)")
                    signals.inject(SIGTERM)
                    return error
                }
                return nil
            }
            group.addTask { await self.housekeeping(); return nil }
            group.addTask { await self.receivers.run(into: self.ingest); return nil }
            if let passive = self.passive { group.addTask { await passive.run(); return nil } }
            for await signal in signals.stream {
                if signal == SIGHUP {
                    await reload()
                    continue
                }
                logger.info("stopping")
                break
            }
            group.cancelAll()
            for await result in group where result != nil { failure = result }
        }
        await receivers.close()
        passive?.stop()
        try await store.close()
        try await httpClient.shutdown()
        await snmp.shutdown()
        logger.info("stopped")
        if let failure { throw failure }
    }

    private func reload() async {
        switch running.reload() {
        case .reloaded(_, let current):
            do {
                try await apply(current)
                logger.info("config reloaded")
            } catch {
                logger.error("config reloaded but not applied: \(error)")
            }
        case .unchanged:
            logger.info("config unchanged")
        case .rejected(let problems, _):
            logger.error("config has \(problems.count) problems; keeping the running config")
            for problem in problems.prefix(20) { logger.error("\(problem)") }
        }
    }

    /// Rollups and retention, every five minutes.
    private func housekeeping() async {
        while !Task.isCancelled {
            let retention = running.current.retention
            let policy = RetentionPolicy(raw: Self.seconds(retention.raw), fiveMinutes: Self.seconds(retention.fiveMinute),
                                         hourly: Self.seconds(retention.hourly), events: Self.seconds(retention.events),
                                         syslog: Self.seconds(retention.syslog), traps: Self.seconds(retention.traps))
            let now = Date()
            do {
                try await store.samples.rollUp(now: now, grace: 60)
                _ = try await store.samples.prune(now: now, policy: policy)
                _ = try await store.events.prune(now: now, policy: policy)
                _ = try await store.alerts.prune(now: now, policy: policy)
                _ = try await store.outbox.prune(now: now, policy: policy)
                _ = try await store.syslog.prune(now: now, policy: policy)
                _ = try await store.traps.prune(now: now, policy: policy)
            } catch {
                logger.warning("housekeeping: \(error)")
            }
            try? await Task.sleep(for: .seconds(300))
        }
    }

    static func seconds(_ duration: Duration) -> TimeInterval { Double(duration.components.seconds) }

    func metricsText() async -> String {
        let counters = await scheduler.snapshot
        let outbox = await deliverer.counters
        let pending = (try? await store.outbox.pendingCount()) ?? -1
        let writeErrors = await sink.writeErrors
        var text = PrometheusText()
        text.metric("netwarden_devices", .gauge, help: "Devices being polled.", value: Double(counters.devices))
        text.metric("netwarden_polls_total", .counter, help: "Polls finished.", value: Double(counters.polls))
        text.metric("netwarden_poll_failures_total", .counter, help: "Polls the device did not answer.", value: Double(counters.failures))
        text.metric("netwarden_polls_skipped_total", .counter, help: "Polls skipped, by reason.", samples: [
            ([("reason", "overrun")], Double(counters.skippedOverrun)), ([("reason", "backoff")], Double(counters.skippedBackoff)),
        ])
        text.metric("netwarden_polls_urgent_total", .counter, help: "Polls run outside the schedule because a trap asked for them.", value: Double(counters.urgentPolls))
        text.metric("netwarden_poll_seconds_total", .counter, help: "Time spent polling.", value: counters.pollSeconds)
        text.metric("netwarden_polls_in_flight", .gauge, help: "Polls running now.", value: Double(counters.inFlight))
        text.metric("netwarden_outbox_pending", .gauge, help: "Notifications not yet delivered.", value: Double(pending))
        text.metric("netwarden_notifications_total", .counter, help: "Notification delivery attempts, by result.", samples: [
            ([("result", "delivered")], Double(outbox.delivered)), ([("result", "failed")], Double(outbox.failed)),
        ])
        text.metric("netwarden_store_write_errors_total", .counter, help: "Poll results the store refused.", value: Double(writeErrors))
        text.metric("netwarden_syslog_stored_total", .counter, help: "Syslog messages stored.", value: Double(await ingest.stored))
        text.metric("netwarden_syslog_index_lag", .gauge, help: "Syslog messages stored but not yet in the full-text index.",
                    value: Double(store.syslogIndexLag))
        if let syslog = receivers.syslog {
            let s = syslog.statistics
            text.metric("netwarden_syslog_received_total", .counter, help: "Syslog messages received, by transport.", samples: [
                ([("transport", "udp")], Double(s.receivedUDP)), ([("transport", "tcp")], Double(s.receivedTCP)),
                ([("transport", "tls")], Double(s.receivedTLS)),
            ])
            text.metric("netwarden_syslog_udp_kernel_drops", .gauge, help: "Datagrams the kernel dropped on the syslog UDP sockets (receive queue full).", value: Double(s.udpKernelDrops))
            text.metric("netwarden_syslog_rate_limited_total", .counter, help: "Syslog datagrams dropped by the per-source rate limit.", value: Double(s.rateLimitedDatagrams))
            text.metric("netwarden_syslog_udp_receive_buffer_bytes", .gauge, help: "Receive buffer the kernel granted the syslog UDP sockets.", value: Double(s.udpReceiveBufferSizes.min() ?? 0))
        }
        if let passive { await passive.metrics(into: &text) }
        return text.text
    }
}

/// POSIX signals as an async sequence (the default actions are turned off for them).
/// The dispatch sources are only kept alive here, never touched again after `init`.
final class SignalStream: @unchecked Sendable {
    let stream: AsyncStream<Int32>
    private let sources: [any DispatchSourceSignal]
    private let continuation: AsyncStream<Int32>.Continuation

    /// Acts as if `signal` had arrived (an internal failure that must stop the daemon).
    func inject(_ signal: Int32) { continuation.yield(signal) }

    init(_ signals: [Int32]) {
        var continuation: AsyncStream<Int32>.Continuation!
        stream = AsyncStream { continuation = $0 }
        let target = continuation!
        self.continuation = target
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { target.yield(number) }
            source.resume()
            return source
        }
    }
}
