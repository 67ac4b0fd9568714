public import SNMPCodec

/// One identification rule: conditions on what the device said, and the fields it sets.
///
/// Several rules usually match one device (a vendor-wide rule and a product rule); each field
/// comes from the most specific matching rule that sets it (see ``specificity(for:)``).
public struct IdentificationRule: Sendable, Hashable {
    /// The identity fields a rule can set from a source.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case vendor, model, os, version, serial, hardware
    }

    /// Where a field's value comes from.
    public enum Source: Sendable, Hashable {
        /// A fixed value.
        case literal(String)
        /// The first capture group of a pattern in sysDescr.
        case sysDescr(TextPattern)
        /// A value fetched by OID (in identification's second round trip), optionally through a pattern.
        case oid(OID, TextPattern?)
        /// A column of the chassis row of ENTITY-MIB, optionally through a pattern.
        case entity(EntityColumn, TextPattern?)
    }

    public struct Match: Sendable, Hashable {
        /// Subtrees sysObjectID must lie in (any of them).
        public var sysObjectID: [OID] = []
        /// sysDescr must contain a match.
        public var sysDescr: TextPattern?
        /// The device's enterprise number (see ``IdentificationFacts/enterprise``), any of these.
        public var enterprise: [UInt32] = []
        /// The device's sysName must contain a match (for agents that say nothing else).
        public var sysName: TextPattern?
        /// Subtrees one of the first objects under `enterprises` must lie in (any of them).
        public var probed: [OID] = []

        public init() {}
    }

    public let name: String
    public var match: Match
    public var kind: DeviceKind?
    public var scheme: VersionScheme?
    /// Sources tried in order; the first that yields a non-empty value wins.
    public var fields: [Field: [Source]]
    /// Vendor health values the daemon reads from devices this rule matches.
    public var health: [HealthProbe]

    public init(name: String, match: Match, kind: DeviceKind? = nil, scheme: VersionScheme? = nil,
                fields: [Field: [Source]] = [:], health: [HealthProbe] = []) {
        self.name = name
        self.match = match
        self.kind = kind
        self.scheme = scheme
        self.fields = fields
        self.health = health
    }

    /// How specific the rule is for these facts, or nil when it does not match. A sysObjectID
    /// condition counts the arcs of the subtree that matched (a product OID beats a vendor's
    /// subtree); an enterprise condition counts as a vendor subtree (7 arcs); each text pattern
    /// adds 2.
    public func specificity(for facts: IdentificationFacts) -> Int? {
        var score = 0
        if !match.sysObjectID.isEmpty {
            guard let oid = facts.sysObjectID,
                  let longest = match.sysObjectID.filter({ oid.hasPrefix($0) }).map(\.count).max()
            else { return nil }
            score += longest
        }
        if !match.enterprise.isEmpty {
            guard let enterprise = facts.enterprise, match.enterprise.contains(enterprise) else { return nil }
            score += 7
        }
        if !match.probed.isEmpty {
            guard let longest = match.probed.filter({ subtree in facts.probedOIDs.contains { $0.hasPrefix(subtree) } })
                .map(\.count).max()
            else { return nil }
            score += longest
        }
        if let pattern = match.sysDescr {
            guard let descr = facts.sysDescr, pattern.matches(descr) else { return nil }
            score += 2
        }
        if let pattern = match.sysName {
            guard let name = facts.sysName, pattern.matches(name) else { return nil }
            score += 2
        }
        return score
    }

    /// The OIDs this rule's sources need fetched.
    public var requiredOIDs: [OID] {
        fields.values.flatMap { $0 }.compactMap { source in
            if case .oid(let oid, _) = source { return oid }
            return nil
        }
    }
}

extension IdentificationRule.Source {
    /// The source's value for these facts, or nil when it yields nothing.
    func value(in facts: IdentificationFacts) -> String? {
        switch self {
        case .literal(let text):
            return text
        case .sysDescr(let pattern):
            return facts.sysDescr.flatMap(pattern.capture(in:))
        case .oid(let oid, let pattern):
            guard let value = facts.fetched[oid], let text = value.displayText else { return nil }
            return pattern.map { $0.capture(in: text) } ?? text.trimmingWhitespace.nonEmpty
        case .entity(let column, let pattern):
            guard let text = facts.entity[column] else { return nil }
            return pattern.map { $0.capture(in: text) } ?? text.trimmingWhitespace.nonEmpty
        }
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

extension SNMPValue {
    /// The value as text for identification: strings as UTF-8 (lossy), numbers in decimal.
    var displayText: String? {
        switch self {
        case .octetString(let octets): String(decoding: octets.bytes, as: UTF8.self)
        case .integer(let value): String(value)
        case .gauge32(let value), .counter32(let value), .timeTicks(let value): String(value)
        case .counter64(let value): String(value)
        case .objectIdentifier(let oid): oid.description
        case .ipAddress(let address): address.description
        default: nil
        }
    }
}
