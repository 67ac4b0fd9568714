public import Foundation

/// What applies to one device once defaults, tenant, site and device are combined.
public struct EffectiveDeviceSettings: Sendable, Hashable {
    public var key: DeviceKey
    public var name: String
    /// Credential sets, in the order to try them.
    public var credentials: [CredentialSet]
    public var polling: PollingSettings
    public var alerts: AlertRules
    /// Windows of the defaults, tenant, site and device together.
    public var maintenance: [MaintenanceWindow]
    public var parent: DeviceKey?
    /// No parent configured and not `parent: none`: the daemon may infer one from LLDP/CDP.
    public var infersParent = false

    public func inMaintenance(at date: Date) -> Bool {
        maintenance.contains { $0.isActive(at: date) }
    }
}

extension NetwardenConfig {
    /// Every device with its key, in file order.
    public var allDevices: [(key: DeviceKey, device: Device)] {
        tenants.flatMap { tenant in
            tenant.sites.flatMap { site in
                site.devices.map { (DeviceKey(tenant: tenant.name, site: site.name, address: $0.address), $0) }
            }
        }
    }

    /// The settings that apply to a device: built-in defaults, then `defaults`, the tenant,
    /// the site and the device, each level overriding the keys it sets.
    public func settings(for key: DeviceKey) -> EffectiveDeviceSettings? {
        guard let tenant = tenant(named: key.tenant),
              let site = tenant.sites.first(where: { $0.name == key.site }),
              let device = site.devices.first(where: { $0.address == key.address })
        else { return nil }
        let levels = [defaults, tenant.overrides, site.overrides, device.overrides]
        var polling = PollingSettings()
        var alerts = AlertRules()
        var credentialNames: [String] = []
        var maintenance: [MaintenanceWindow] = []
        for level in levels {
            polling = level.polling.applied(to: polling)
            alerts = level.alerts.applied(to: alerts)
            if let names = level.credentials { credentialNames = names }
            maintenance += level.maintenance
        }
        return EffectiveDeviceSettings(
            key: key, name: device.displayName, credentials: credentialNames.compactMap(credentialSet(named:)),
            polling: polling, alerts: alerts, maintenance: maintenance, parent: device.parent, infersParent: device.infersParent)
    }

    /// The site's `gateway`: the root of the parents inferred from LLDP/CDP.
    public func siteGateway(tenant tenantName: String, site siteName: String) -> DeviceKey? {
        tenant(named: tenantName)?.sites.first { $0.name == siteName }?.gateway
    }

    /// Maintenance windows of the defaults, the tenant and the site (for what concerns the site
    /// rather than one device, like a newly discovered host).
    public func siteMaintenance(tenant tenantName: String, site siteName: String) -> [MaintenanceWindow] {
        guard let tenant = tenant(named: tenantName) else { return defaults.maintenance }
        let site = tenant.sites.first { $0.name == siteName }
        return defaults.maintenance + tenant.overrides.maintenance + (site?.overrides.maintenance ?? [])
    }

    /// Every device's effective settings, in file order.
    public var deviceSettings: [EffectiveDeviceSettings] {
        allDevices.compactMap { settings(for: $0.key) }
    }

    /// Enabled channels that an alert goes to, each once, in route order.
    public func channels(tenant: String, site: String, kind: AlertKind, severity: AlertSeverity) -> [NotificationChannel] {
        var names: [String] = []
        for route in notifications.routes where route.matches(tenant: tenant, site: site, kind: kind, severity: severity) {
            for name in route.channels where !names.contains(name) { names.append(name) }
        }
        return names.compactMap(channel(named:)).filter(\.enabled)
    }

    /// Counts for a one-line summary.
    public var summary: ConfigSummary {
        ConfigSummary(tenants: tenants.count, sites: tenants.reduce(0) { $0 + $1.sites.count },
                      devices: allDevices.count, channels: notifications.channels.count)
    }
}

public struct ConfigSummary: Sendable, Hashable, CustomStringConvertible {
    public var tenants: Int
    public var sites: Int
    public var devices: Int
    public var channels: Int

    public var description: String {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return [count(tenants, "tenant"), count(sites, "site"), count(devices, "device"), count(channels, "channel")]
            .joined(separator: ", ")
    }
}
