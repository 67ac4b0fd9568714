public import Config
import Foundation

/// Parents inferred from LLDP/CDP neighbour tables, for devices whose config names none.
///
/// Neighbour tables say who is cabled to whom, not which way is "upstream". The direction comes
/// from a root per site: the site's `gateway` (the router or firewall Netwarden reaches the site
/// through) or, when none is configured, the device with the most managed neighbours (usually
/// the core switch). A device's inferred parent is its neighbour one step closer to the root
/// (breadth-first), so a device two hops behind the gateway hangs under the switch between them.
/// Redundant uplinks: the better-connected neighbour is chosen; one parent per device.
public struct InferredParents: Sendable {
    /// A managed device of the site, as the topology sees it.
    public struct Member: Sendable, Hashable {
        public var key: DeviceKey
        /// sysName as last identified, to match neighbours that advertise a name.
        public var sysName: String?
        /// False when the config names a parent or says `parent: none`.
        public var infersParent: Bool

        public init(key: DeviceKey, sysName: String?, infersParent: Bool) {
            self.key = key
            self.sysName = sysName
            self.infersParent = infersParent
        }
    }

    /// One row of a device's neighbour table.
    public struct Advertised: Sendable, Hashable {
        public var protocolName: String
        public var sysName: String?
        public var address: String?

        public init(protocolName: String, sysName: String?, address: String?) {
            self.protocolName = protocolName
            self.sysName = sysName
            self.address = address
        }
    }

    /// An inferred parent and the protocol of the link it was learned over.
    public struct Parent: Sendable, Hashable {
        public var key: DeviceKey
        public var via: String

        public init(key: DeviceKey, via: String) {
            self.key = key
            self.via = via
        }
    }

    public private(set) var parents: [DeviceKey: Parent] = [:]

    /// Infers parents for one site: `members` are its managed devices, `tables` their neighbour
    /// rows, `configuredParents` the parents written in the config (never contradicted: an
    /// inference that would close a loop with them is dropped).
    public init(members: [Member], tables: [DeviceKey: [Advertised]], gateway: DeviceKey?,
                configuredParents: [DeviceKey: DeviceKey] = [:]) {
        let links = Self.links(members: members, tables: tables)
        var adjacency: [DeviceKey: [DeviceKey: String]] = [:]
        for link in links {
            adjacency[link.a, default: [:]][link.b] = adjacency[link.a]?[link.b] ?? link.via
            adjacency[link.b, default: [:]][link.a] = adjacency[link.b]?[link.a] ?? link.via
        }
        let degree = { (key: DeviceKey) in adjacency[key]?.count ?? 0 }
        // Best connected first, then by key, so the result does not depend on table order.
        let preferred = { (a: DeviceKey, b: DeviceKey) in degree(a) != degree(b) ? degree(a) > degree(b) : a < b }
        let infers = Set(members.filter(\.infersParent).map(\.key))
        var visited = Set<DeviceKey>()
        var result: [DeviceKey: Parent] = [:]
        // One tree per connected group of devices; the gateway's group is rooted at the gateway.
        var roots = adjacency.keys.sorted(by: preferred)
        if let gateway, adjacency[gateway] != nil { roots.insert(gateway, at: 0) }
        for root in roots where !visited.contains(root) {
            visited.insert(root)
            var frontier = [root]
            while !frontier.isEmpty {
                var next: [DeviceKey] = []
                for node in frontier {
                    for neighbour in (adjacency[node] ?? [:]).keys.sorted(by: preferred) where !visited.contains(neighbour) {
                        visited.insert(neighbour)
                        next.append(neighbour)
                        if infers.contains(neighbour) {
                            result[neighbour] = Parent(key: node, via: adjacency[node]![neighbour]!)
                        }
                    }
                }
                frontier = next
            }
        }
        // Configured parents win; drop an inferred link that would make a loop with them.
        for key in result.keys.sorted() {
            var seen: Set<DeviceKey> = [key]
            var current = result[key]?.key
            while let node = current {
                if seen.contains(node) {
                    result[key] = nil
                    break
                }
                seen.insert(node)
                current = configuredParents[node] ?? result[node]?.key
            }
        }
        parents = result
    }

    struct Link: Hashable {
        var a: DeviceKey
        var b: DeviceKey
        var via: String
    }

    /// Links between managed devices: a row names another member by its management address or,
    /// failing that, by its sysName. Either side advertising the other is enough.
    static func links(members: [Member], tables: [DeviceKey: [Advertised]]) -> [Link] {
        var byHost: [String: DeviceKey] = [:]
        var byName: [String: DeviceKey] = [:]
        for member in members.sorted(by: { $0.key < $1.key }) {
            // Several agents on one host (labs, simulators): the one on port 161 answers for it.
            if byHost[member.key.address.host] == nil || member.key.address.port == 161 {
                byHost[member.key.address.host] = member.key
            }
            if let name = member.sysName.flatMap(Self.normalisedName) { byName[name] = byName[name] ?? member.key }
        }
        var links: [Link] = []
        for member in members {
            for row in tables[member.key] ?? [] {
                let target = row.address.flatMap { byHost[$0] } ?? row.sysName.flatMap(Self.normalisedName).flatMap { byName[$0] }
                guard let target, target != member.key else { continue }
                links.append(Link(a: member.key, b: target, via: row.protocolName))
            }
        }
        return links
    }

    /// Names compared without case, domain or the serial number CDP appends (`sw1(FOC123)`).
    static func normalisedName(_ name: String) -> String? {
        var text = name.trimmingCharacters(in: .whitespaces).lowercased()
        if let paren = text.firstIndex(of: "("), text.hasSuffix(")") { text = String(text[..<paren]) }
        // An address is not a host name with a domain.
        if !text.allSatisfy({ $0.isNumber || $0 == "." || $0 == ":" }), let dot = text.firstIndex(of: ".") {
            text = String(text[..<dot])
        }
        return text.isEmpty ? nil : text
    }
}
