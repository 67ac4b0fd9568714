public import SNMPCodec

/// An OID read against the MIB: the deepest object it names and the instance arcs after it,
/// decoded into the INDEX parts of the row the object sits in.
public struct MIBInstance: Sendable, Hashable {
    /// The deepest known node (`ifDescr` for `ifDescr.3`); nil when even the first arc is unknown.
    public let object: MIBObject?
    /// The arcs after `object` (`[3]` for `ifDescr.3`).
    public let suffix: [UInt32]
    /// The INDEX parts decoded from `suffix`, as far as they decode.
    public let index: [MIBIndexPart]
    /// Arcs left after the decoded parts (none for a well-formed instance).
    public let undecoded: [UInt32]
    /// The name as snmpwalk prints it: `IF-MIB::ifDescr.3`, `IP-MIB::ipAddressIfIndex.ipv4."127.0.0.1"`.
    public let name: String
}

/// One decoded INDEX value of an instance OID.
public struct MIBIndexPart: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case integer(UInt32)
        case octets([UInt8])
        case objectIdentifier([UInt32])
        case ipAddress(IPv4Address)
    }

    /// The INDEX object (`ifIndex`, `ipAddressAddr`).
    public let object: String
    public let value: Value
    /// The arcs it took.
    public let arcs: [UInt32]
    /// How net-snmp prints it: `3`, `ipv4`, `"127.0.0.1"`, `'abc'`.
    public let text: String
}

extension MIBTree {
    /// libsnmp's `_get_realloc_symbol` and its module-qualified output (`-OS`), in Swift.
    func instance(_ arcs: [UInt32]) -> MIBInstance {
        var out: [UInt8] = [UInt8(ascii: ".")]
        var level = roots
        var last: Node?
        var items: [MIBIndexItem]?
        var position = 0
        var midpoint = 0
        while position < arcs.count, let n = level[arcs[position]] {
            let node = nodes[n]
            if let object = node.object, !object.index.isEmpty {
                items = object.index
            } else if let augments = node.object?.augments, let target = byLabel[augments] {
                items = target.index
            }
            out.append(contentsOf: node.anonymous ? Array(String(node.arc).utf8) : Array(node.label.utf8))
            last = node
            position += 1
            guard position < arcs.count else { break }
            out.append(UInt8(ascii: "."))
            level = node.children
        }
        var index: [MIBIndexPart] = []
        var rest = arcs[position...]
        if position < arcs.count {
            midpoint = out.count
            // An arc that is no child of a node with children (an unknown column under an
            // entry) prints as a number; the INDEX decodes after it.
            if !level.isEmpty, let first = rest.first {
                appendDecimal(UInt64(first), to: &out)
                out.append(UInt8(ascii: "."))
                rest = rest.dropFirst()
            }
            index = decodeIndex(&rest, items: items ?? [], into: &out)
        }
        // What is left prints as numbers.
        if out.last != UInt8(ascii: ".") { out.append(UInt8(ascii: ".")) }
        for arc in rest {
            appendDecimal(UInt64(arc), to: &out)
            out.append(UInt8(ascii: "."))
        }
        out.removeLast()

        // Module format: `MODULE::` + the last known label + what follows it.
        var cp: Int
        if midpoint != 0 {
            cp = midpoint - 2
        } else {
            cp = out.count
            while cp >= 0 {
                if cp < out.count, isAlpha(out[cp]) { break }
                cp -= 1
            }
        }
        while cp >= 0 && out[cp] != UInt8(ascii: ".") { cp -= 1 }
        cp += 1
        var name = ""
        if cp > 0, let last, !last.module.hasPrefix("#") { name = last.module + "::" }
        name += String(decoding: out[cp...], as: UTF8.self)
        let suffix = Array(arcs[min(position, arcs.count)...])
        return MIBInstance(object: last?.object, suffix: suffix, index: index, undecoded: Array(rest), name: name)
    }

    private func isAlpha(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// Decodes INDEX items from the front of `rest` (RFC 2578 section 7.7), appending each as
    /// net-snmp prints it followed by a dot; stops at the first item that does not fit.
    private func decodeIndex(_ rest: inout ArraySlice<UInt32>, items: [MIBIndexItem], into out: inout [UInt8]) -> [MIBIndexPart] {
        var parts: [MIBIndexPart] = []
        var previous: (object: MIBObject, value: UInt32)?
        decoding: for item in items {
            guard let first = rest.first, let object = byLabel[item.name] else { break }
            var text: [UInt8] = []
            var taken = 0
            let value: MIBIndexPart.Value
            switch object.type {
            case .octetString:
                var start = 0  // arcs before the string's octets (its length arc)
                if item.implied {
                    taken = rest.count
                } else if let fixed = object.fixedLength {
                    guard fixed <= rest.count else { break decoding }
                    taken = fixed
                } else {
                    guard UInt64(first) + 1 <= UInt64(rest.count) else { break decoding }
                    start = 1
                    taken = Int(first) + 1
                }
                let octetArcs = Array(rest.dropFirst(start).prefix(taken - start))
                value = .octets(octetArcs.map { UInt8(truncatingIfNeeded: $0) })
                if start == 0 {
                    text = Self.quoted(octetArcs, quote: UInt8(ascii: "'"))
                } else if octetArcs.isEmpty {
                    text = Array("\"\"".utf8)
                } else if let address = Self.inetAddress(octetArcs, after: previous) {
                    text = Array("\"\(address)\"".utf8)
                } else {
                    text = Self.quoted(octetArcs, quote: UInt8(ascii: "\""))
                }
            case .integer, .integer32, .uinteger32, .unsigned32, .gauge32, .timeTicks:
                taken = 1
                value = .integer(first)
                if let label = object.label(of: Int64(Int32(truncatingIfNeeded: first))) {
                    text = Array(label.utf8)
                } else {
                    appendDecimal(UInt64(first), to: &text)
                }
            case .objectIdentifier:
                taken = item.implied ? rest.count : Int(first) + 1
                guard taken <= rest.count else { break decoding }
                let oidArcs = Array(rest.prefix(taken))
                value = .objectIdentifier(item.implied ? oidArcs : Array(oidArcs.dropFirst()))
                // net-snmp prints the OID numerically, its length arc included.
                for (i, arc) in oidArcs.enumerated() {
                    if i > 0 { text.append(UInt8(ascii: ".")) }
                    appendDecimal(UInt64(arc), to: &text)
                }
            case .ipAddress:
                guard rest.count >= 4 else { break decoding }
                taken = 4
                let a = Array(rest.prefix(4))
                value = .ipAddress(IPv4Address(a[0] << 24 | (a[1] & 0xFF) << 16 | (a[2] & 0xFF) << 8 | (a[3] & 0xFF)))
                text = Array(a.map { String($0) }.joined(separator: ".").utf8)
            default:
                break decoding
            }
            out.append(contentsOf: text)
            out.append(UInt8(ascii: "."))
            let consumed = Array(rest.prefix(taken))
            rest = rest.dropFirst(taken)
            parts.append(MIBIndexPart(object: object.name, value: value, arcs: consumed, text: String(decoding: text, as: UTF8.self)))
            if case .integer(let v) = value { previous = (object, v) } else { previous = nil }
        }
        return parts
    }

    /// net-snmp's `dump_realloc_oid_to_string`: printable arcs as characters, others as dots.
    private static func quoted(_ arcs: [UInt32], quote: UInt8) -> [UInt8] {
        guard !arcs.isEmpty else { return [] }
        return [quote] + arcs.map { $0 >= 0x20 && $0 < 0x7F ? UInt8($0) : UInt8(ascii: ".") } + [quote]
    }

    /// An InetAddress index after its InetAddressType (RFC 4001), as net-snmp 5.9 prints it:
    /// ipv4 `a.b.c.d`, ipv6 sixteen `%02x` octets joined by colons, and the zoned forms with `%zone`.
    static func inetAddress(_ arcs: [UInt32], after previous: (object: MIBObject, value: UInt32)?) -> String? {
        guard let previous, previous.object.textualConvention == "InetAddressType", arcs.allSatisfy({ $0 <= 255 }) else { return nil }
        let bytes = arcs.map { UInt8($0) }
        func zone(_ octets: ArraySlice<UInt8>) -> String {
            String(octets.reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        }
        func v6(_ octets: ArraySlice<UInt8>) -> String {
            octets.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined(separator: ":")
        }
        switch (previous.value, bytes.count) {
        case (1, 4): return bytes.map(String.init).joined(separator: ".")
        case (2, 16): return v6(bytes[...])
        case (3, 8): return bytes.prefix(4).map(String.init).joined(separator: ".") + "%" + zone(bytes.suffix(4))
        case (4, 20): return v6(bytes.prefix(16)) + "%" + zone(bytes.suffix(4))
        default: return nil
        }
    }
}
