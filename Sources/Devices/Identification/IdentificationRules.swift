public import SNMPCodec

/// The identification data: enterprise numbers to vendors, and rules. Loaded from
/// `config/identification.yaml` and any files a user adds after it; a later file's rules win
/// ties with earlier ones, so a user's rule overrides the shipped one of the same specificity.
public struct IdentificationRules: Sendable {
    /// A vendor known by its IANA Private Enterprise Number.
    public struct Vendor: Sendable, Hashable {
        public var name: String
        /// The kind most of the vendor's SNMP-managed products are, when that is nearly always so
        /// (APC: ups); product rules override it.
        public var kind: DeviceKind?
    }

    public var vendors: [UInt32: Vendor]
    public var rules: [IdentificationRule]
    /// Names for enterprise numbers that `vendors` does not list.
    public var registry: EnterpriseRegistry?
    /// Names for the bridge address's maker, the last resort for a vendor.
    public var ouis: OUIRegistry?

    public init(vendors: [UInt32: Vendor] = [:], rules: [IdentificationRule] = [], registry: EnterpriseRegistry? = nil,
                ouis: OUIRegistry? = nil) {
        self.vendors = vendors
        self.rules = rules
        self.registry = registry
        self.ouis = ouis
    }

    /// This set with `other`'s vendors and rules added after its own.
    public func merging(_ other: IdentificationRules) -> IdentificationRules {
        IdentificationRules(vendors: vendors.merging(other.vendors) { $1 }, rules: rules + other.rules,
                            registry: other.registry ?? registry, ouis: other.ouis ?? ouis)
    }

    /// Matching rules, most specific first; among equals, the one loaded last first.
    public func matches(for facts: IdentificationFacts) -> [IdentificationRule] {
        rules.enumerated()
            .compactMap { index, rule in rule.specificity(for: facts).map { (rule, $0, index) } }
            .sorted { ($0.1, $0.2) > ($1.1, $1.2) }
            .map(\.0)
    }

    /// OIDs the matching rules want fetched in the second round trip.
    public func requiredOIDs(for facts: IdentificationFacts) -> [OID] {
        var seen = Set<OID>()
        return matches(for: facts).flatMap(\.requiredOIDs).filter { seen.insert($0).inserted }
    }

    /// The identity these facts give: each field from the most specific matching rule that yields
    /// it, then from ENTITY-MIB and the vendor table, then from what the agent's behaviour shows.
    public func identify(_ facts: IdentificationFacts) -> DeviceIdentity {
        let matched = matches(for: facts)
        var identity = DeviceIdentity()
        func resolve(_ field: IdentificationRule.Field) -> String? {
            for rule in matched {
                for source in rule.fields[field] ?? [] {
                    if let value = source.value(in: facts) { return value }
                }
            }
            return nil
        }
        let vendor = facts.enterprise.flatMap { vendors[$0] }
        identity.vendor = resolve(.vendor) ?? vendor?.name ?? facts.enterprise.flatMap { registry?[$0] }
            ?? facts.entity[.mfgName]?.trimmingWhitespace.nonEmpty ?? facts.bridgeAddress.flatMap { ouis?.organization(for: $0) }
        identity.model = resolve(.model)
            ?? facts.entity[.modelName]?.trimmingWhitespace.nonEmpty ?? facts.entity[.name]?.trimmingWhitespace.nonEmpty
        identity.os = resolve(.os)
        identity.version = resolve(.version) ?? facts.entity[.softwareRev]?.trimmingWhitespace.nonEmpty
        identity.serial = resolve(.serial) ?? facts.entity[.serial]?.trimmingWhitespace.nonEmpty
        identity.hardwareRevision = resolve(.hardware) ?? facts.entity[.hardwareRev]?.trimmingWhitespace.nonEmpty
        identity.kind = matched.lazy.compactMap(\.kind).first ?? vendor?.kind ?? Self.kindFromBehaviour(facts)
        identity.scheme = matched.lazy.compactMap(\.scheme).first
        identity.sysName = facts.sysName
        identity.sysLocation = facts.sysLocation
        identity.sysContact = facts.sysContact
        identity.sysDescr = facts.sysDescr
        identity.sysObjectID = facts.sysObjectID?.description
        identity.uptimeTicks = facts.sysUpTime
        identity.enterprise = facts.enterprise
        identity.matchedRules = matched.map(\.name)
        var probed = Set<String>()
        identity.healthProbes = matched.flatMap(\.health).filter { probed.insert("\($0.metric)|\($0.label ?? "")|\($0.read)").inserted }
        return identity
    }

    /// The last resort when no rule names a kind: a bridge is a switch, a host with
    /// HOST-RESOURCES-MIB a server; by sysServices (RFC 3418: bit 2 datalink, bit 3 internet,
    /// bit 7 applications), a device offering layer 2 alone a switch, layer 3 alone a router.
    static func kindFromBehaviour(_ facts: IdentificationFacts) -> DeviceKind? {
        if facts.bridgeAddress != nil { return .switch }
        if facts.hasHostResources { return .server }
        guard let services = facts.sysServices else { return nil }
        let datalink = services & 0x02 != 0, internet = services & 0x04 != 0, upper = services & 0x78 != 0
        if datalink, !internet, !upper { return .switch }
        if internet, !datalink, !upper { return .router }
        return nil
    }
}
