/// Everything in netwarden.yaml, validated: what the daemon runs on.
public struct NetwardenConfig: Sendable, Hashable, Encodable {
    /// The file it was loaded from.
    public var file: String
    /// Settings for every device unless a tenant, site or device says otherwise.
    public var defaults = Overrides()
    /// Named credential sets, in the order written.
    public var credentialSets: [CredentialSet] = []
    public var tenants: [Tenant] = []
    public var notifications = Notifications()
    public var retention = Retention()
    public var store: StoreSettings
    public var http = HTTPSettings()
    public var listeners = Listeners()
    /// MIB folders; empty: `NETWARDEN_MIB_DIRS`, then the installed and the project's mibs/.
    public var mibDirectories: [String] = []
    /// Identification rules (vendor, model, OS and firmware from SNMP values).
    public var identificationRules: String
    /// Minimum firmware versions per vendor and model line.
    public var firmwarePolicy: String
    public var discovery = DiscoverySettings()
    public var log = LogSettings()

    public func credentialSet(named name: String) -> CredentialSet? {
        credentialSets.first { $0.name == name }
    }

    public func channel(named name: String) -> NotificationChannel? {
        notifications.channels.first { $0.name == name }
    }

    public func tenant(named name: String) -> Tenant? { tenants.first { $0.name == name } }
}

extension NetwardenConfig {
    static let topLevelKind = "top level"

    static func decode(_ node: ConfigNode) -> NetwardenConfig? {
        let context = node.context
        return node.object(kind: topLevelKind) { r in
            var c = NetwardenConfig(file: context.file, store: StoreSettings(sqlitePath: ""),
                                    identificationRules: context.resolve(path: "identification.yaml"),
                                    firmwarePolicy: context.resolve(path: "firmware-policy.yaml"))
            if let defaults = r.value("defaults") {
                c.defaults = defaults.object(kind: "defaults") { Overrides.read($0) } ?? Overrides()
            }
            c.credentialSets = r.value("credentials")?.namedEntries(kind: "credential set") { name, item in
                context.definedNames[.credentialSet, default: []].insert(name)
                return CredentialSet.decode(name: name, item)
            }?.map(\.value) ?? []
            let unique = UniqueValues("tenant name")
            c.tenants = r.value("tenants")?.list { item -> Tenant? in
                guard let tenant = Tenant.decode(item) else { return nil }
                unique.check(tenant.name, at: item.child(nil, .key("name")).withMark, index: item.index)
                return tenant
            } ?? []
            c.notifications = r.optional("notifications") ?? Notifications()
            c.retention = r.optional("retention") ?? Retention()
            c.store = StoreSettings.decode(r.value("store"), context: context)
            c.http = HTTPSettings.decode(r.value("http"))
            c.listeners = Listeners.decode(r.value("listeners"))
            c.mibDirectories = r.list("mib_dirs", ConfigFilePath.self)?.map(\.path) ?? []
            if let path = r.optional("identification_rules", ConfigFilePath.self) { c.identificationRules = path.path }
            if let path = r.optional("firmware_policy", ConfigFilePath.self) { c.firmwarePolicy = path.path }
            c.discovery = DiscoverySettings.decode(r.value("discovery"))
            c.log = LogSettings.decode(r.value("log"))
            return c
        }
    }
}
