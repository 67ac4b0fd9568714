public import SNMPCodec

/// The variables an agent exposes, as a responder reads them.
public protocol SNMPAgentView: Sendable {
    /// The value of `oid`: noSuchObject when no such object exists, noSuchInstance when the
    /// object exists but not this instance.
    func get(_ oid: OID) -> SNMPValue
    /// The first variable after `oid` in lexicographic order, or nil at the end of the view.
    func next(after oid: OID) -> VarBind?
}

/// A fixed, sorted set of variables: the simplest view, for tests and small agents.
public struct StaticAgentView: SNMPAgentView {
    private let varBinds: [VarBind]

    public init(_ varBinds: [VarBind]) {
        self.varBinds = varBinds.sorted { $0.oid < $1.oid }
    }

    public func get(_ oid: OID) -> SNMPValue {
        let i = firstIndex(notBelow: oid)
        if i < varBinds.count && varBinds[i].oid == oid { return varBinds[i].value }
        // The object exists when something lives directly under the OID's parent.
        let arcs = oid.arcs
        if arcs.count > 2, let parent = try? OID(arcs.dropLast()),
           i < varBinds.count, varBinds[i].oid.hasPrefix(parent) || (i > 0 && varBinds[i - 1].oid.hasPrefix(parent)) {
            return .noSuchInstance
        }
        return .noSuchObject
    }

    public func next(after oid: OID) -> VarBind? {
        var i = firstIndex(notBelow: oid)
        if i < varBinds.count && varBinds[i].oid == oid { i += 1 }
        return i < varBinds.count ? varBinds[i] : nil
    }

    private func firstIndex(notBelow oid: OID) -> Int {
        var low = 0, high = varBinds.count
        while low < high {
            let mid = (low + high) / 2
            if varBinds[mid].oid < oid { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
