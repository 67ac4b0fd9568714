import CNetSNMP
import SNMPCodec

/// An immutable Swift copy of libsnmp's MIB tree, taken once at load under the registry's lock.
///
/// Every lookup, name and value rendering then runs on this copy without the lock and without
/// libsnmp: the tree is plain data, safe to share between threads.
final class MIBTree: Sendable {
    struct Node: Sendable {
        let arc: UInt32
        let label: String
        /// libsnmp names a node it had to invent `anonymous#N`; such nodes print as numbers.
        let anonymous: Bool
        let module: String
        /// nil only for the one-arc roots (ccitt, iso, joint-iso-ccitt), which are no OID.
        let object: MIBObject?
        let type: MIBType
        let children: [UInt32: Int]
    }

    let nodes: [Node]
    let roots: [UInt32: Int]
    /// What libsnmp's `find_tree_node(label, -1)` finds for each INDEX item and AUGMENTS
    /// target: the first definition of that descriptor in any module, as net-snmp uses it.
    let byLabel: [String: MIBObject]

    private init(nodes: [Node], roots: [UInt32: Int], byLabel: [String: MIBObject]) {
        self.nodes = nodes
        self.roots = roots
        self.byLabel = byLabel
    }

    /// The node at exactly `arcs`.
    func node(at arcs: some Collection<UInt32>) -> Node? {
        var level = roots
        var found: Int?
        for arc in arcs {
            guard let n = level[arc] else { return nil }
            found = n
            level = nodes[n].children
        }
        return found.map { nodes[$0] }
    }

    /// The deepest node on `arcs`' path, and how many arcs it covers.
    func deepest(_ arcs: some Collection<UInt32>) -> (node: Node, depth: Int)? {
        var level = roots
        var found: (Node, Int)?
        var depth = 0
        for arc in arcs {
            guard let n = level[arc] else { break }
            depth += 1
            found = (nodes[n], depth)
            level = nodes[n].children
        }
        return found
    }

    /// The INDEX in effect for a row: its own, or that of the row it AUGMENTS.
    func indexItems(of object: MIBObject) -> [MIBIndexItem]? {
        if !object.index.isEmpty { return object.index }
        if let augments = object.augments, let target = byLabel[augments] { return target.index }
        return nil
    }

    // MARK: - Snapshot

    /// Copies libsnmp's tree. The caller holds the registry's lock.
    static func snapshot() -> MIBTree {
        var nodes: [Node] = []
        var moduleNames: [Int32: String] = [:]
        var byLabel: [String: MIBObject] = [:]
        var wanted: Set<String> = []

        func moduleName(_ id: Int32) -> String {
            if let known = moduleNames[id] { return known }
            var buffer = [CChar](repeating: 0, count: 1024)
            let name = buffer.withUnsafeMutableBufferPointer { String(cString: module_name(id, $0.baseAddress!)) }
            moduleNames[id] = name
            return name
        }

        // Children of one parent, as libsnmp walks them: of peers that share an arc, the last wins.
        func visitPeers(_ first: UnsafeMutablePointer<tree>?, path: [UInt32]) -> [UInt32: Int] {
            var chosen: [UInt32: UnsafeMutablePointer<tree>] = [:]
            var order: [UInt32] = []
            var peer = first
            while let current = peer {
                let arc = UInt32(truncatingIfNeeded: current.pointee.subid)
                if chosen[arc] == nil { order.append(arc) }
                chosen[arc] = current
                peer = current.pointee.next_peer
            }
            var result: [UInt32: Int] = [:]
            for arc in order {
                let node = chosen[arc]!
                let arcs = path + [arc]
                let children = visitPeers(node.pointee.child_list, path: arcs)
                let object = makeObject(node, arcs: arcs, module: moduleName(Int32(node.pointee.modid)))
                if let object {
                    for item in object.index { wanted.insert(item.name) }
                    if let augments = object.augments { wanted.insert(augments) }
                }
                let label = String(cString: node.pointee.label)
                nodes.append(Node(arc: arc, label: label, anonymous: label.hasPrefix("anonymous#"),
                                  module: moduleName(Int32(node.pointee.modid)), object: object,
                                  type: MIBType(rawValue: Int32(node.pointee.type)) ?? .other, children: children))
                result[arc] = nodes.count - 1
            }
            return result
        }

        let roots = visitPeers(get_tree_head(), path: [])
        for label in wanted {
            guard let found = find_tree_node(label, -1) else { continue }
            var arcs: [UInt32] = []
            var up: UnsafeMutablePointer<tree>? = found
            while let node = up {
                arcs.insert(UInt32(truncatingIfNeeded: node.pointee.subid), at: 0)
                up = node.pointee.parent
            }
            if let object = makeObject(found, arcs: arcs, module: moduleName(Int32(found.pointee.modid))) {
                byLabel[label] = object
            }
        }
        return MIBTree(nodes: nodes, roots: roots, byLabel: byLabel)
    }

    private static func makeObject(_ node: UnsafeMutablePointer<tree>, arcs: [UInt32], module: String) -> MIBObject? {
        guard arcs.count >= 2, let oid = try? OID(arcs) else { return nil }
        let t = node.pointee
        var enumerations: [MIBEnumeration] = []
        var e = t.enums
        while let item = e {
            enumerations.append(MIBEnumeration(value: Int64(item.pointee.value), label: String(cString: item.pointee.label)))
            e = item.pointee.next
        }
        var ranges: [ClosedRange<Int64>] = []
        var r = t.ranges
        while let item = r {
            let low = Int64(item.pointee.low), high = Int64(item.pointee.high)
            ranges.append(min(low, high)...max(low, high))
            r = item.pointee.next
        }
        var index: [MIBIndexItem] = []
        var i = t.indexes
        while let item = i {
            index.append(MIBIndexItem(name: String(cString: item.pointee.ilabel), implied: item.pointee.isimplied != 0))
            i = item.pointee.next
        }
        var objects: [String] = []
        var v = t.varbinds
        while let item = v {
            objects.append(String(cString: item.pointee.vblabel))
            v = item.pointee.next
        }
        let tc: String? = t.tc_index >= 0 ? get_tc_descriptor(t.tc_index).map { String(cString: $0) } : nil
        return MIBObject(
            name: String(cString: t.label), module: module, oid: oid,
            type: MIBType(rawValue: Int32(t.type)) ?? .other,
            textualConvention: tc, enumerations: enumerations, ranges: ranges,
            displayHint: t.hint.map { String(cString: $0) }, units: t.units.map { String(cString: $0) },
            access: MIBAccess(rawValue: Int32(t.access)), status: MIBStatus(rawValue: Int32(t.status)),
            index: index, augments: t.augments.map { String(cString: $0) }, objects: objects)
    }
}
