/// Settings any level (defaults, tenant, site, device) may set for the devices under it.
/// Inner levels win key by key; `credentials` is replaced as a whole; maintenance windows add up.
public struct Overrides: Sendable, Hashable, Encodable {
    /// Credential set names, tried in order.
    public var credentials: [String]?
    public var polling = PollingOverrides()
    public var alerts = AlertOverrides()
    public var maintenance: [MaintenanceWindow] = []

    public init() {}

    /// Reads the four override keys from an object that has them among its own keys.
    static func read(_ r: ObjectReader) -> Overrides {
        var o = Overrides()
        if let node = r.value("credentials") {
            o.credentials = node.list { item -> String? in
                guard let name = String.decode(item) else { return nil }
                item.context.expectReference(.credentialSet, name, at: item)
                return name
            }
        }
        o.polling = r.optional("polling") ?? PollingOverrides()
        o.alerts = r.optional("alerts") ?? AlertOverrides()
        o.maintenance = r.list("maintenance") ?? []
        return o
    }
}

/// A client of the MSP. Its sites and devices are its own: two tenants may use the same
/// private addresses.
public struct Tenant: Sendable, Hashable, Encodable {
    public var name: String
    public var overrides: Overrides
    public var sites: [Site]
    var source = SourceLocation()
    enum CodingKeys: String, CodingKey { case name, overrides, sites }
}

public struct Site: Sendable, Hashable, Encodable {
    public var name: String
    /// Source prefixes of this site: syslog and traps from addresses not listed as devices,
    /// and passive discovery, are attributed to the site by them.
    public var networks: [IPNetwork]
    public var overrides: Overrides
    public var devices: [Device]
    /// The device through which Netwarden reaches the site (its router or firewall): the root
    /// from which parents are inferred over LLDP/CDP links. Nil: the best-connected device.
    public var gateway: DeviceKey?
    /// As written: a device name or address in this site.
    var gatewayReference: String?
    var source = SourceLocation()
    enum CodingKeys: String, CodingKey { case name, networks, overrides, devices, gateway }
}

public struct Device: Sendable, Hashable, Encodable {
    public var address: HostPort
    /// Display name; the address when absent. Unique within the site.
    public var name: String?
    /// The device this one is reached through: when it is down, this device is
    /// "unreachable" under the parent's alert rather than down in its own right.
    public var parent: DeviceKey?
    /// `parent: none`: reached directly, so no parent is inferred from LLDP/CDP for it.
    public var reachedDirectly = false
    public var overrides: Overrides
    /// As written: `name-or-address` in the same site, or `site/name-or-address`, or `none`.
    var parentReference: String?
    var source = SourceLocation()
    enum CodingKeys: String, CodingKey { case address, name, parent, overrides }

    /// No parent written: one may be inferred from LLDP/CDP neighbours.
    public var infersParent: Bool { parent == nil && !reachedDirectly }

    public var displayName: String { name ?? address.description }
}

/// A device's identity: tenant, site and address together.
public struct DeviceKey: Sendable, Hashable, Encodable, Comparable, CustomStringConvertible {
    public var tenant: String
    public var site: String
    public var address: HostPort

    public init(tenant: String, site: String, address: HostPort) {
        self.tenant = tenant
        self.site = site
        self.address = address
    }

    public var description: String { "\(tenant)/\(site)/\(address)" }

    public static func < (a: DeviceKey, b: DeviceKey) -> Bool {
        (a.tenant, a.site, a.address.host, a.address.port) < (b.tenant, b.site, b.address.host, b.address.port)
    }
}

/// Where a tenant, site or device was written, for checks made after decoding. Not part of
/// the value: two configs that differ only in layout are equal.
struct SourceLocation: Sendable, Hashable {
    var path = ConfigKeyPath.root
    static func == (a: SourceLocation, b: SourceLocation) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}

/// Finds the second and later occurrence of a value among the items of a list.
final class UniqueValues {
    private var seen: [String: Int] = [:]
    let what: String
    init(_ what: String) { self.what = what }

    /// Reports a duplicate at `node` (the item's key that holds the value).
    func check(_ value: String, at node: ConfigNode?, index: Int) {
        if let first = seen[value] {
            node?.problem("duplicate \(what) '\(value)' (first at [\(first)])")
        } else {
            seen[value] = index
        }
    }
}

extension ConfigNode {
    var index: Int {
        if case .index(let index)? = path.components.last { return index }
        return 0
    }
}

extension Tenant: ConfigDecodable {
    static func decode(_ node: ConfigNode) -> Tenant? {
        node.object(kind: "tenant") { r in
            let nameNode = r.value("name")
            let name = nameNode.flatMap(ConfigName.decode)
            if nameNode == nil && !r.isProbe { r.base.problem("missing required key 'name'") }
            let overrides = Overrides.read(r)
            let unique = UniqueValues("site name")
            let sites = r.value("sites")?.list { item -> Site? in
                let site = Site.decode(item)
                if let site { unique.check(site.name, at: item.child(nil, .key("name")).withMark, index: item.index) }
                return site
            }
            guard let name else { return nil }
            return Tenant(name: name.name, overrides: overrides, sites: sites ?? [], source: SourceLocation(path: r.path))
        }
    }
}

extension Site: ConfigDecodable {
    static func decode(_ node: ConfigNode) -> Site? {
        node.object(kind: "site") { r in
            let nameNode = r.value("name")
            let name = nameNode.flatMap(ConfigName.decode)
            if nameNode == nil && !r.isProbe { r.base.problem("missing required key 'name'") }
            let networks = r.list("networks", IPNetwork.self) ?? []
            let gateway = r.optional("gateway", String.self)
            let overrides = Overrides.read(r)
            let addresses = UniqueValues("device address")
            let names = UniqueValues("device name")
            let devices = r.value("devices")?.list { item -> Device? in
                guard let device = Device.decode(item) else { return nil }
                addresses.check(device.address.description, at: item.child(nil, .key("address")).withMark, index: item.index)
                if let name = device.name {
                    names.check(name, at: item.child(nil, .key("name")).withMark, index: item.index)
                }
                return device
            }
            guard let name else { return nil }
            return Site(name: name.name, networks: networks, overrides: overrides, devices: devices ?? [],
                        gatewayReference: gateway, source: SourceLocation(path: r.path))
        }
    }
}

extension Device: ConfigDecodable {
    static func decode(_ node: ConfigNode) -> Device? {
        node.object(kind: "device") { r in
            let address = r.required("address", DeviceAddressValue.self)?.value
            let name = r.optional("name", ConfigName.self)?.name
            let parent = r.optional("parent", String.self)
            let overrides = Overrides.read(r)
            guard let address else { return nil }
            return Device(address: address, name: name, parent: nil, overrides: overrides,
                          parentReference: parent, source: SourceLocation(path: r.path))
        }
    }
}
