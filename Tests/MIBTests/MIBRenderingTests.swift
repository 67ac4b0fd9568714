import Foundation
import Testing
@testable import MIB
import SNMPCodec

/// Names, index decoding and value rendering in Swift, checked against libsnmp's own printing
/// functions (`snprint_objid`, `snprint_variable`) over every object of the 175 real modules in
/// ../shared/mibs, with instances and values made up for each object's INDEX and SYNTAX.
@Suite(.enabled(if: SharedMIBs.path != nil || ProcessInfo.processInfo.environment["CI"] == "true"))
struct MIBRenderingTests {
    /// A seeded generator: the same instances and values every run.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func objects(_ registry: MIBRegistry) -> [MIBObject] {
        registry.tree.nodes.compactMap(\.object)
    }

    /// Instance arcs for a column of `entry`: each INDEX item made up from its type, in a few
    /// shapes (typical, odd lengths, arcs over 255, cut short).
    static func instances(of entry: MIBObject, registry: MIBRegistry, random: inout SplitMix) -> [[UInt32]] {
        let items = registry.indexItems(of: entry)
        guard !items.isEmpty else { return [[0], [7], [1, 2, 3]] }
        var results: [[UInt32]] = []
        for shape in 0..<6 {
            var arcs: [UInt32] = []
            for (position, item) in items.enumerated() {
                guard let object = registry.indexObject(named: item.name) else { arcs.append(1); continue }
                switch object.type {
                case .octetString:
                    let length = object.fixedLength ?? [4, 16, 0, 3, 8, 20][shape]
                    let octets: [UInt32] = (0..<length).map { i in
                        switch shape {
                        case 0: return UInt32(UInt8(ascii: "a")) + UInt32(i % 26)
                        case 1: return UInt32(i + 1)
                        case 4: return i == 2 ? 300 : UInt32.random(in: 0...255, using: &random)
                        default: return UInt32.random(in: 0...255, using: &random)
                        }
                    }
                    if !item.implied && object.fixedLength == nil { arcs.append(UInt32(octets.count)) }
                    arcs += octets
                case .objectIdentifier:
                    let oid: [UInt32] = [1, 3, 6, 1, 2, 1, 2, 2, 1, UInt32(shape)]
                    if !item.implied { arcs.append(UInt32(oid.count)) }
                    arcs += oid
                case .ipAddress:
                    arcs += [192, 0, 2, UInt32(shape)]
                default:
                    // Enumerated values, the InetAddressType ones among them, and plain numbers.
                    if !object.enumerations.isEmpty && shape < 5 {
                        let values = object.enumerations.map(\.value)
                        let pick = values[(shape + position) % values.count]
                        arcs.append(UInt32(truncatingIfNeeded: pick))
                    } else {
                        arcs.append(shape == 5 ? 4_000_000_000 : UInt32(shape + 1))
                    }
                }
            }
            if shape == 3 { arcs.removeLast(min(arcs.count - 1, 2)) }  // cut short
            results.append(arcs)
        }
        return results
    }

    @Test func instanceNamesMatchLibsnmpForEveryColumnOfEveryTable() throws {
        let (registry, _) = try SharedMIBs.load()
        var random = SplitMix(state: 42)
        var checked = 0, mismatches: [String] = []
        for object in Self.objects(registry) {
            let arcs = object.oid.arcs
            var suffixes: [[UInt32]] = [[], [0], [5, 300, 7]]
            if object.type.isSyntax, let parent = registry.object(at: try OID(arcs.dropLast())), parent.type == .other || !parent.type.isSyntax {
                if !registry.indexItems(of: parent).isEmpty {
                    suffixes += Self.instances(of: parent, registry: registry, random: &random)
                }
            }
            for suffix in suffixes {
                let oid = try OID(arcs + suffix)
                let ours = registry.name(for: oid), theirs = registry.libsnmpName(for: oid)
                checked += 1
                if ours != theirs { mismatches.append("\(oid): ours \(ours) libsnmp \(theirs)") }
            }
        }
        #expect(checked > 40_000)
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(checked): \(mismatches.prefix(15).joined(separator: "\n"))")
        // Unknown arcs at the top and beyond the tree print numerically.
        #expect(registry.name(for: try OID([1, 3, 6, 1, 4, 1, 99_999_999, 1])) == registry.libsnmpName(for: try OID([1, 3, 6, 1, 4, 1, 99_999_999, 1])))
    }

    static func values(for object: MIBObject, random: inout SplitMix) -> [SNMPValue] {
        var values: [SNMPValue] = []
        func bytes(_ count: Int) -> OctetString { OctetString((0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }) }
        switch object.type {
        case .integer, .integer32, .uinteger32:
            values += object.enumerations.prefix(4).map { .integer(Int32(truncatingIfNeeded: $0.value)) }
            values += [.integer(0), .integer(7), .integer(-5), .integer(123_456), .integer(Int32.max)]
        case .octetString, .bits:
            values += [.octetString(""), .octetString("router-1 \"core\""), .octetString(bytes(6)), .octetString(bytes(8)),
                       .octetString(bytes(11)), .octetString(OctetString([7, 234, 11, 22, 4, 13, 5, 0, 43, 1, 0])),
                       .octetString(bytes(16)), .octetString(bytes(17)), .octetString(bytes(40)),
                       .octetString(OctetString(Array("abc\u{1}def".utf8)))]
        case .objectIdentifier:
            values += [.objectIdentifier("1.3.6.1.2.1.2.2.1.2.3"), .objectIdentifier("1.3.6.1.4.1.8072.3.2.10"), .objectIdentifier("0.0")]
        case .counter32: values += [.counter32(0), .counter32(UInt32.max)]
        case .gauge32, .unsigned32: values += [.gauge32(0), .gauge32(1234), .gauge32(UInt32.max)]
        case .timeTicks: values += [.timeTicks(0), .timeTicks(8_640_123), .timeTicks(UInt32.max)]
        case .counter64: values += [.counter64(0), .counter64(UInt64.max)]
        case .ipAddress, .networkAddress: values += [.ipAddress(IPv4Address(192, 0, 2, 1))]
        default: break
        }
        // A value of another type than the MIB says, and the exceptions.
        values += [.counter32(5), .octetString("x"), .null, .noSuchInstance]
        return values
    }

    @Test func valuesRenderLikeLibsnmpForEveryObject() throws {
        let (registry, _) = try SharedMIBs.load()
        var random = SplitMix(state: 7)
        var checked = 0, mismatches: [String] = []
        for object in Self.objects(registry) where object.type.isSyntax || object.type == .other {
            let oid = try OID(object.oid.arcs + [1])
            for value in Self.values(for: object, random: &random) {
                let varBind = VarBind(oid, value)
                // Hex-STRING lines: snprint_variable does not wrap them; snmpwalk's output (what
                // NetSNMPFormat is tested against) does, every 16 octets.
                var ours = registry.line(varBind)
                if ours.contains("Hex-STRING: ") || ours.contains("BITS: ") { ours = ours.replacingOccurrences(of: " \n", with: " ") }
                let theirs = registry.libsnmpLine(varBind)
                checked += 1
                if ours != theirs { mismatches.append("\(object.qualifiedName) [\(object.displayHint ?? "")]: ours «\(ours)» libsnmp «\(theirs)»") }
            }
        }
        #expect(checked > 50_000)
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(checked): \(mismatches.prefix(15).joined(separator: "\n"))")
    }

    @Test func metadataComesFromTheModules() throws {
        let (registry, _) = try SharedMIBs.load()
        // (-m ALL: RFC1213-MIB redefines the ifTable columns, and like net-snmp the registry
        // keeps the last definition, so these come from ifXTable and BRIDGE-MIB.)
        let trapEnable = try #require(registry.object(named: "IF-MIB::ifLinkUpDownTrapEnable"))
        #expect(trapEnable.type == .integer)
        #expect(trapEnable.access == .readWrite)
        #expect(trapEnable.status == .current)
        #expect(trapEnable.label(of: 2) == "disabled")
        #expect(trapEnable.module == "IF-MIB")
        let fdbAddress = try #require(registry.object(named: "BRIDGE-MIB::dot1dTpFdbAddress"))
        #expect(fdbAddress.textualConvention == "MacAddress")
        #expect(fdbAddress.displayHint == "1x:")
        #expect(fdbAddress.fixedLength == 6)
        let allocation = try #require(registry.object(named: "HOST-RESOURCES-MIB::hrStorageAllocationUnits"))
        #expect(allocation.units == "Bytes")
        let ifXEntry = try #require(registry.object(named: "IF-MIB::ifXEntry"))
        #expect(ifXEntry.augments == "ifEntry")
        #expect(registry.indexItems(of: ifXEntry) == [MIBIndexItem(name: "ifIndex", implied: false)])
        let targetAddr = try #require(registry.object(named: "SNMP-TARGET-MIB::snmpTargetAddrEntry"))
        #expect(targetAddr.index == [MIBIndexItem(name: "snmpTargetAddrName", implied: true)])
        let linkDown = try #require(registry.object(named: "IF-MIB::linkDown"))
        #expect(linkDown.type == .notificationType)
        #expect(linkDown.objects == ["ifIndex", "ifAdminStatus", "ifOperStatus"])

        // Index parts of an InetAddressType + InetAddress row.
        let instance = registry.instance(of: OID("1.3.6.1.2.1.4.34.1.3.1.4.127.0.0.1"))
        #expect(instance.name == "IP-MIB::ipAddressIfIndex.ipv4.\"127.0.0.1\"")
        #expect(instance.object?.name == "ipAddressIfIndex")
        #expect(instance.index.map(\.object) == ["ipAddressAddrType", "ipAddressAddr"])
        #expect(instance.index.map(\.value) == [.integer(1), .octets([127, 0, 0, 1])])
        #expect(instance.undecoded.isEmpty)
        // A fixed-length MAC index (BRIDGE-MIB MacAddress) takes six arcs and no length arc.
        let fdb = registry.instance(of: OID("1.3.6.1.2.1.17.4.3.1.2.0.17.34.51.68.85"))
        #expect(fdb.index.first?.value == .octets([0, 17, 34, 51, 68, 85]))
        #expect(fdb.name == registry.libsnmpName(for: OID("1.3.6.1.2.1.17.4.3.1.2.0.17.34.51.68.85")))
    }

    @Test func displayHintsFollowRFC2579() {
        #expect(DisplayHint.octets([2, 0x4E, 0x57, 0, 0, 1], hint: "1x:").map { String(decoding: $0, as: UTF8.self) } == "2:4e:57:0:0:1")
        #expect(DisplayHint.octets([7, 234, 11, 22, 4, 13, 5, 0, 43, 1, 0], hint: "2d-1d-1d,1d:1d:1d.1d,1a1d:1d")
            .map { String(decoding: $0, as: UTF8.self) } == "2026-11-22,4:13:5.0,+1:0")
        #expect(DisplayHint.octets([192, 0, 2, 1], hint: "1d.1d.1d.1d").map { String(decoding: $0, as: UTF8.self) } == "192.0.2.1")
        #expect(DisplayHint.octets([1, 2], hint: "1q") == nil)
        #expect(DisplayHint.integer(1234, hint: "d-2", unsigned: false) == "12.34")
        #expect(DisplayHint.integer(5, hint: "d-3", unsigned: false) == ".005")
        #expect(DisplayHint.integer(255, hint: "x", unsigned: false) == "ff")
    }
}

/// One rule for MIB folders: given folders replace the defaults, `+DIR` adds to them.
struct MIBSearchPathTests {
    @Test func givenFoldersReplaceAndPlusFoldersAdd() {
        let defaults = MIBSearchPath.defaults()
        #expect(MIBSearchPath.resolve(["/a", "/b:/c"], environment: [:]) == ["/a", "/b", "/c"])
        #expect(MIBSearchPath.resolve(["+/vendor"], environment: [:]) == defaults + ["/vendor"])
        #expect(MIBSearchPath.resolve(["/a", "+/b"], environment: [:]) == ["/a", "/b"])
        #expect(MIBSearchPath.resolve([], environment: ["NETWARDEN_MIB_DIRS": "/x:+/y"]) == ["/x", "/y"])
        #expect(MIBSearchPath.resolve(["/a"], environment: ["NETWARDEN_MIB_DIRS": "/x"]) == ["/a"])
        #expect(MIBSearchPath.resolve([], environment: [:]) == defaults)
        #expect(!defaults.isEmpty)
    }
}
