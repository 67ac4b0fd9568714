public import Foundation

/// One of a device's physical entities (ENTITY-MIB entPhysicalTable): chassis, slot, module,
/// transceiver, power supply, fan, stack member … keyed by device and entPhysicalIndex.
public struct PhysicalEntity: Sendable, Hashable {
    public var index: Int64
    /// ENTITY-MIB's PhysicalClass label: chassis, module, port, powerSupply, fan, sensor,
    /// container, stack, backplane, cpu, other, unknown …
    public var physicalClass: String
    /// The entity holding this one (nil: the top).
    public var containedIn: Int64?
    /// Position among its siblings (entPhysicalParentRelPos).
    public var position: Int64?
    public var name: String?
    public var descr: String?
    /// entPhysicalVendorType, a dotted OID.
    public var vendorType: String?
    public var model: String?
    public var serial: String?
    public var hardwareRevision: String?
    public var firmwareRevision: String?
    public var softwareRevision: String?
    public var manufacturer: String?
    /// Field-replaceable unit (nil: the device does not say).
    public var isFRU: Bool?
    public var firstSeen: Date?
    public var lastSeen: Date?

    public init(
        index: Int64, physicalClass: String, containedIn: Int64? = nil, position: Int64? = nil, name: String? = nil,
        descr: String? = nil, vendorType: String? = nil, model: String? = nil, serial: String? = nil,
        hardwareRevision: String? = nil, firmwareRevision: String? = nil, softwareRevision: String? = nil,
        manufacturer: String? = nil, isFRU: Bool? = nil, firstSeen: Date? = nil, lastSeen: Date? = nil
    ) {
        self.index = index
        self.physicalClass = physicalClass
        self.containedIn = containedIn
        self.position = position
        self.name = name
        self.descr = descr
        self.vendorType = vendorType
        self.model = model
        self.serial = serial
        self.hardwareRevision = hardwareRevision
        self.firmwareRevision = firmwareRevision
        self.softwareRevision = softwareRevision
        self.manufacturer = manufacturer
        self.isFRU = isFRU
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }

    /// The fields whose changes are history (a module swapped, a firmware upgraded), by the
    /// names history rows use; other fields (name, description, position) are updated silently.
    public static let trackedFields = ["model", "serial", "hardware_rev", "firmware_rev", "software_rev"]

    func tracked(_ field: String) -> String? {
        switch field {
        case "model": model
        case "serial": serial
        case "hardware_rev": hardwareRevision
        case "firmware_rev": firmwareRevision
        case "software_rev": softwareRevision
        default: nil
        }
    }
}

/// A change of a device's physical inventory, as its history keeps it.
public struct PhysicalEntityChange: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Seen for the first time (not on the device's first inventory: nothing changed then).
        case added
        /// No longer reported.
        case removed
        /// One of `PhysicalEntity.trackedFields` changed.
        case changed
    }

    public var kind: Kind
    public var at: Date
    public var index: Int64
    /// For `changed`: the field (`PhysicalEntity.trackedFields`) and its values.
    public var field: String?
    public var old: String?
    public var new: String?
    /// What the entity was: its class, name, model, serial and FRU flag now (added, changed)
    /// or when last seen (removed).
    public var physicalClass: String
    public var name: String?
    public var model: String?
    public var serial: String?
    public var isFRU: Bool?

    public init(
        kind: Kind, at: Date, index: Int64, field: String? = nil, old: String? = nil, new: String? = nil,
        physicalClass: String, name: String? = nil, model: String? = nil, serial: String? = nil, isFRU: Bool? = nil
    ) {
        self.kind = kind
        self.at = at
        self.index = index
        self.field = field
        self.old = old
        self.new = new
        self.physicalClass = physicalClass
        self.name = name
        self.model = model
        self.serial = serial
        self.isFRU = isFRU
    }
}
