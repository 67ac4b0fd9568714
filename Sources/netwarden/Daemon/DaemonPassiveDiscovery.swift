import Alerting
import Config
import Devices
import Foundation
import Logging
import Monitor
import PassiveDiscovery
import Store
import Web

/// Passive discovery in the daemon (`discovery.passive`): one libpcap capture per configured
/// interface feeding the ingest, which stores hosts per site and raises `new_device`.
/// Captures open at start; a reload does not move them (restart the daemon for that).
final class DaemonPassiveDiscovery: Sendable {
    let captures: [(capture: PassiveCapture, listener: PassiveIngest.Listener)]
    let ingest: PassiveIngest
    let logger: Logger

    private init(captures: [(capture: PassiveCapture, listener: PassiveIngest.Listener)], ingest: PassiveIngest, logger: Logger) {
        self.captures = captures
        self.ingest = ingest
        self.logger = logger
    }

    /// Opens a capture on each interface. One that cannot be opened is logged and left out; the
    /// daemon goes on without it (without root or CAP_NET_RAW: one line for all of them).
    static func start(_ settings: DiscoverySettings, store: any Store, pipeline: AlertPipeline,
                      config: @escaping @Sendable () -> NetwardenConfig, logger: Logger) -> DaemonPassiveDiscovery? {
        var captures: [(capture: PassiveCapture, listener: PassiveIngest.Listener)] = []
        var denied: [String] = []
        var deniedMessage = ""
        for interface in settings.passiveInterfaces {
            do {
                let capture = try PassiveCapture(interface: interface.name, filter: settings.passiveFilter)
                captures.append((capture, .init(interface: interface.name, tenant: interface.tenant, site: interface.site)))
            } catch .permission(let name, let message) {
                denied.append(name)
                deniedMessage = message
            } catch {
                logger.error("passive discovery: \(error); that interface is not watched")
            }
        }
        if !denied.isEmpty {
            logger.error("passive discovery is off on \(denied.joined(separator: ", ")): listening needs root or CAP_NET_RAW (\(deniedMessage))")
        }
        guard !captures.isEmpty else {
            if settings.passiveInterfaces.isEmpty { logger.warning("passive discovery is enabled but lists no interfaces") }
            return nil
        }
        let ouis = try? OUIRegistry.load()
        if ouis == nil { logger.warning("no IEEE OUI registry at \(OUIRegistry.defaultPath) (Debian ieee-data): new devices are named without their vendor") }
        let ingest = PassiveIngest(store: store, pipeline: pipeline, config: config, ouis: ouis, ownMACs: HostInterfaces.hardwareAddresses())
        logger.info("passive discovery on \(captures.map { "\($0.listener.interface) (\($0.listener.tenant)/\($0.listener.site))" }.joined(separator: ", "))")
        return DaemonPassiveDiscovery(captures: captures, ingest: ingest, logger: logger)
    }

    /// Listens until cancelled.
    func run() async {
        await withTaskGroup(of: Void.self) { group in
            for (capture, listener) in captures {
                group.addTask { [ingest, logger] in
                    do {
                        try await ingest.run(capture.start(), on: listener) { logger.info("\($0)") }
                    } catch {
                        logger.error("passive discovery on \(listener.interface) stopped: \(error)")
                    }
                }
            }
        }
    }

    func stop() {
        for (capture, _) in captures { capture.stop() }
    }

    func metrics(into text: inout PrometheusText) async {
        let counters = captures.map { ($0.listener.interface, $0.capture.counters) }
        text.metric("netwarden_passive_frames_total", .counter, help: "Frames passive discovery captured, by interface.",
                    samples: counters.map { ([("interface", $0.0)], Double($0.1.frames)) })
        text.metric("netwarden_passive_sightings_total", .counter, help: "Captured frames that told of a host, by interface.",
                    samples: counters.map { ([("interface", $0.0)], Double($0.1.sightings)) })
        text.metric("netwarden_passive_kernel_drops", .gauge, help: "Frames the kernel dropped because the capture fell behind, by interface.",
                    samples: counters.map { ([("interface", $0.0)], Double($0.1.kernelDrops)) })
        text.metric("netwarden_passive_new_devices_total", .counter, help: "Hosts raised as new_device.", value: Double(await ingest.newDevices))
    }
}
