public import Alerting
public import Config
public import Devices
public import Foundation
public import PassiveDiscovery
public import Store

/// Takes what passive discovery hears on an interface into the store, as hosts of the
/// interface's site. A host the site has never seen raises one `new_device` (info) through the
/// alert pipeline, naming its MAC address, the maker of its network card, its address and how it
/// was heard. Frames from this host's own interfaces are ignored, and so are the configured
/// devices of the site (by address): they are recorded, but they are not news.
public actor PassiveIngest {
    /// An interface passive discovery listens on and the site what it hears belongs to.
    public struct Listener: Sendable, Hashable {
        public var interface: String
        public var tenant: String
        public var site: String
        public init(interface: String, tenant: String, site: String) {
            self.interface = interface
            self.tenant = tenant
            self.site = site
        }
    }

    public enum Outcome: Sendable, Hashable {
        /// From one of this host's interfaces.
        case ownHost
        /// The same as a moment ago: not written again.
        case repeated
        /// Recorded; the site knew the host.
        case known
        /// Recorded; new, but it is a configured device of the site.
        case inventoried
        /// Recorded and raised as `new_device`.
        case newDevice
        /// The store refused it.
        case failed
    }

    private let store: any Store
    private let pipeline: AlertPipeline
    private let config: @Sendable () -> NetwardenConfig
    private let ouis: OUIRegistry?
    private let ownMACs: Set<MACAddress>
    private let repeatWindow: Duration
    private var sites: [String: (tenantID: Int64, siteID: Int64)] = [:]
    private var written: [String: ContinuousClock.Instant] = [:]
    public private(set) var recorded = 0
    public private(set) var newDevices = 0
    public private(set) var storeErrors = 0

    /// - Parameters:
    ///   - ownMACs: this host's hardware addresses.
    ///   - repeatWindow: a sighting identical to one written this long ago is not written again
    ///     (ARP is chatty; the first sighting decides whether a host is new).
    public init(store: any Store, pipeline: AlertPipeline, config: @escaping @Sendable () -> NetwardenConfig, ouis: OUIRegistry?,
                ownMACs: Set<MACAddress>, repeatWindow: Duration = .seconds(60)) {
        self.store = store
        self.pipeline = pipeline
        self.config = config
        self.ouis = ouis
        self.ownMACs = ownMACs
        self.repeatWindow = repeatWindow
    }

    /// Records everything a capture hands over until it ends; `newDevice` hears of each new host
    /// (for the log). Throws what ended the capture, if it failed.
    public nonisolated func run(_ sightings: AsyncThrowingStream<Sighting, any Error>, on listener: Listener,
                                newDevice: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        for try await sighting in sightings {
            if case (.newDevice, let message?) = await record(sighting, on: listener) { newDevice(message) }
        }
    }

    /// Records one sighting; returns what came of it and, for a new device, its message.
    @discardableResult
    public func record(_ sighting: Sighting, on listener: Listener, at date: Date = Date()) async -> (Outcome, String?) {
        if ownMACs.contains(sighting.mac) { return (.ownHost, nil) }
        let ip = sighting.ipv4?.description
        let key = "\(listener.tenant)/\(listener.site)|\(sighting.mac)|\(ip ?? "")|\(sighting.seenBy.rawValue)|\(sighting.name ?? "")"
        let now = ContinuousClock.now
        if let last = written[key], now - last < repeatWindow { return (.repeated, nil) }
        let vendor = vendorName(sighting.mac)
        let isNew: Bool
        let ids: (tenantID: Int64, siteID: Int64)
        do {
            ids = try await siteIDs(listener)
            isNew = try await store.discovery.recordSighting(HostSighting(
                siteID: ids.siteID, mac: sighting.mac.description, ip: ip, name: sighting.name,
                vendor: sighting.mac.isLocallyAdministered ? nil : vendor, seenBy: sighting.seenBy.rawValue, at: date))
        } catch {
            storeErrors += 1
            return (.failed, nil)
        }
        if written.count > 100_000 { written.removeAll(keepingCapacity: true) }
        written[key] = now
        recorded += 1
        guard isNew else { return (.known, nil) }
        if let ip, inventoryHas(ip, listener) { return (.inventoried, nil) }

        var message = "new device \(sighting.mac) (\(vendor)"
        if let name = sighting.name { message += ", \"\(name)\"" }
        message += ")"
        if let ip { message += " at \(ip)" }
        message += " seen by \(sighting.seenBy.rawValue) on \(listener.interface)"
        if let vlan = sighting.vlan { message += " VLAN \(vlan)" }
        let signal = SiteSignal(tenant: listener.tenant, site: listener.site, kind: .newDevice, severity: .info,
                                subject: sighting.mac.description, address: ip, message: message,
                                detailsJSON: Self.details(sighting, vendor: vendor, interface: listener.interface))
        do {
            try await pipeline.handle(signal, tenantID: ids.tenantID, source: .discovery, at: date)
        } catch {
            storeErrors += 1
        }
        newDevices += 1
        return (.newDevice, message)
    }

    private func siteIDs(_ listener: Listener) async throws -> (tenantID: Int64, siteID: Int64) {
        let name = "\(listener.tenant)/\(listener.site)"
        if let known = sites[name] { return known }
        let tenant = try await store.devices.ensureTenant(listener.tenant)
        let site = try await store.devices.ensureSite(tenantID: tenant.id, name: listener.site)
        sites[name] = (tenant.id, site.id)
        return (tenant.id, site.id)
    }

    private func inventoryHas(_ ip: String, _ listener: Listener) -> Bool {
        config().allDevices.contains { $0.key.tenant == listener.tenant && $0.key.site == listener.site && $0.key.address.host == ip }
    }

    private func vendorName(_ mac: MACAddress) -> String {
        if mac.isLocallyAdministered { return "locally administered" }
        return ouis?.organization(for: mac.bytes) ?? "unknown vendor"
    }

    /// The event's details: what the frame said, as JSON.
    static func details(_ sighting: Sighting, vendor: String, interface: String) -> String? {
        struct Details: Encodable {
            var mac: String, ip: String?, vendor: String, name: String?, seenBy: String, interface: String, vlan: UInt16?
            var dhcpVendorClass: String?, lldpChassisId: String?, lldpPortId: String?, lldpSystemDescription: String?
            var cdpPlatform: String?, cdpPortId: String?
        }
        var details = Details(mac: sighting.mac.description, ip: sighting.ipv4?.description, vendor: vendor, name: sighting.name,
                              seenBy: sighting.seenBy.rawValue, interface: interface, vlan: sighting.vlan)
        switch sighting.detail {
        case .arp: break
        case .dhcp(let request): details.dhcpVendorClass = request.vendorClass
        case .lldp(let lldp):
            details.lldpChassisId = lldp.chassisID
            details.lldpPortId = lldp.portID
            details.lldpSystemDescription = lldp.systemDescription
        case .cdp(let cdp):
            details.cdpPlatform = cdp.platform
            details.cdpPortId = cdp.portID
        }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(details)).map { String(decoding: $0, as: UTF8.self) }
    }
}
