import Foundation
public import SNMP
import SNMPCodec

/// ENTITY-MIB's PhysicalClass (RFC 6933; 13–15 added by it to RFC 4133's list).
public enum PhysicalClass: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case other = 1, unknown, chassis, backplane, container, powerSupply, fan, sensor, module, port, stack, cpu
    case energyObject, battery, storageDrive

    /// The MIB's enumeration label (`powerSupply`), as the store and the API name it.
    public var name: String {
        switch self {
        case .other: "other"
        case .unknown: "unknown"
        case .chassis: "chassis"
        case .backplane: "backplane"
        case .container: "container"
        case .powerSupply: "powerSupply"
        case .fan: "fan"
        case .sensor: "sensor"
        case .module: "module"
        case .port: "port"
        case .stack: "stack"
        case .cpu: "cpu"
        case .energyObject: "energyObject"
        case .battery: "battery"
        case .storageDrive: "storageDrive"
        }
    }

    public var description: String { name }
}

/// One row of entPhysicalTable: a chassis, slot, module, port, power supply, fan, sensor …
/// Text is trimmed; empty text, a zero vendor type, containedIn 0 and parentRelPos -1 are nil.
public struct PhysicalEntityReading: Sendable, Hashable {
    public var index: UInt32
    public var physicalClass: PhysicalClass
    public var descr: String?
    /// entPhysicalVendorType as a dotted OID.
    public var vendorType: String?
    /// entPhysicalContainedIn: the index of the entity holding this one (nil: the top).
    public var containedIn: UInt32?
    /// entPhysicalParentRelPos: the position among its siblings (slot number, port number).
    public var position: Int?
    public var name: String?
    public var hardwareRevision: String?
    public var firmwareRevision: String?
    public var softwareRevision: String?
    public var serial: String?
    public var manufacturer: String?
    public var model: String?
    /// entPhysicalIsFRU: whether the entity can be replaced in the field (nil: not said).
    public var isFRU: Bool?

    public init(index: UInt32, physicalClass: PhysicalClass) {
        self.index = index
        self.physicalClass = physicalClass
    }
}

/// Reads a device's physical inventory from ENTITY-MIB's entPhysicalTable: chassis, modules,
/// transceivers, power supplies, fans and stack members with their serial numbers and
/// revisions.
///
/// Bounded against agents that lie: at most `limit` entities (the lowest indexes), text cut
/// at 255 characters (SnmpAdminString's size), and a column whose OIDs do not increase ends
/// the collection with an error. A device without ENTITY-MIB costs one request.
public struct PhysicalInventoryCollector: Sendable {
    static let entPhysicalEntry = OID("1.3.6.1.2.1.47.1.1.1.1")
    /// entPhysicalClass, read first: every entity has one (the row's existence).
    static let classColumn: UInt32 = 5
    /// The other columns read: descr, vendorType, containedIn, parentRelPos, name, hardwareRev,
    /// firmwareRev, softwareRev, serialNum, mfgName, modelName, isFRU.
    static let columns: [UInt32] = [2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 16]
    /// Longest text kept (SnmpAdminString is SIZE (0..255)).
    static let textLimit = 255

    public static let defaultLimit = 10_000

    /// The most entities read from one device.
    public let limit: Int

    public init(limit: Int = Self.defaultLimit) {
        self.limit = max(1, limit)
    }

    /// The device's entities in index order; empty when it has no entPhysicalTable.
    /// - Throws: the SNMP error (timeout, a looping agent); the caller keeps what it had.
    public func collect(_ agent: SNMPAgent) async throws -> [PhysicalEntityReading] {
        let classes = try await column(agent, Self.classColumn, through: nil)
        guard let last = classes.last?.index else { return [] }
        var entities: [UInt32: PhysicalEntityReading] = [:]
        for (index, value) in classes {
            guard case .integer(let number) = value else { continue }
            entities[index] = PhysicalEntityReading(index: index, physicalClass: PhysicalClass(rawValue: Int(number)) ?? .unknown)
        }
        // The other columns at once (the client paces requests per agent), each no further
        // than the last entity of the class column.
        let values = try await withThrowingTaskGroup(of: (UInt32, [(index: UInt32, value: SNMPValue)]).self) { group in
            for column in Self.columns {
                group.addTask { (column, try await self.column(agent, column, through: last)) }
            }
            var all: [UInt32: [(index: UInt32, value: SNMPValue)]] = [:]
            for try await (column, rows) in group { all[column] = rows }
            return all
        }
        for (column, rows) in values {
            for (index, value) in rows where entities[index] != nil {
                Self.apply(column, value, to: &entities[index]!)
            }
        }
        return entities.values.sorted { $0.index < $1.index }
    }

    static func apply(_ column: UInt32, _ value: SNMPValue, to entity: inout PhysicalEntityReading) {
        switch column {
        case 2: entity.descr = text(value)
        case 3:
            if case .objectIdentifier(let oid) = value, oid.arcs.contains(where: { $0 != 0 }) { entity.vendorType = oid.description }
        case 4:
            if case .integer(let parent) = value, parent > 0 { entity.containedIn = UInt32(parent) }
        case 6:
            if case .integer(let position) = value, position >= 0 { entity.position = Int(position) }
        case 7: entity.name = text(value)
        case 8: entity.hardwareRevision = text(value)
        case 9: entity.firmwareRevision = text(value)
        case 10: entity.softwareRevision = text(value)
        case 11: entity.serial = text(value)
        case 12: entity.manufacturer = text(value)
        case 13: entity.model = text(value)
        case 16:
            if case .integer(let truth) = value, truth == 1 || truth == 2 { entity.isFRU = truth == 1 }
        default: break
        }
    }

    /// Printable text, trimmed and cut; nil when empty or not text.
    static func text(_ value: SNMPValue) -> String? {
        guard case .octetString(let octets) = value else { return nil }
        // Control characters (NUL padding, CR LF) go; what is left is trimmed and cut.
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: String(decoding: octets.bytes.prefix(textLimit * 4), as: UTF8.self).unicodeScalars
            .lazy.filter { $0.value >= 0x20 && $0.value != 0x7F })
        let text = String(String(scalars).trimmingCharacters(in: .whitespaces).prefix(textLimit))
        return text.isEmpty ? nil : text
    }

    /// One column (the client's column walk: GetBulk or GetNext, tooBig, a looping agent),
    /// single-arc indexes only, at most `limit` of them, none past `through`; `limit` variables
    /// looked at in all, whatever their index.
    func column(_ agent: SNMPAgent, _ column: UInt32, through last: UInt32?) async throws -> [(index: UInt32, value: SNMPValue)] {
        let root = Self.entPhysicalEntry.appending([column])
        var walk = agent.walk(column: root).makeAsyncIterator()
        var rows: [(index: UInt32, value: SNMPValue)] = []
        var seen = 0
        while let page = try await walk.nextPage() {
            for varBind in page {
                guard !varBind.value.isException, let index = varBind.oid.suffix(after: root), !index.isEmpty else { return rows }
                seen += 1
                if seen > limit { return rows }
                // entPhysicalIndex is one arc; anything longer is not a row of this table.
                guard index.count == 1 else { continue }
                if let last, index[0] > last { return rows }
                rows.append((index[0], varBind.value))
                if rows.count >= limit { return rows }
            }
        }
        return rows
    }
}
