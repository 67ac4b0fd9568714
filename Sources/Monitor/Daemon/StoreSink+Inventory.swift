import Foundation
public import Store

extension StoreSink {
    /// Events written for one inventory read at most; the rest are counted in one more.
    static let inventoryEventLimit = 20

    /// Replaces the device's inventory and records an `inventory_changed` event (info, no
    /// alert) for every field-replaceable unit inserted, removed or swapped (serial or model
    /// changed). An empty read does not replace a known inventory: a device does not lose its
    /// chassis, its agent does (ENTITY-MIB still loading after a boot).
    func recordInventory(_ readings: [PhysicalEntityReading], deviceID: Int64, at now: Date) async throws {
        if readings.isEmpty, try await !store.physicalInventory.entities(deviceID: deviceID).isEmpty { return }
        let changes = try await store.physicalInventory.replace(deviceID: deviceID, readings.map(Self.storedEntity), at: now)
        let messages = changes.compactMap(Self.inventoryMessage)
        guard !messages.isEmpty else { return }
        var events = messages.prefix(Self.inventoryEventLimit).map {
            EventDraft(kind: "inventory_changed", deviceID: deviceID, severity: 6, at: now, message: $0, source: .poll)
        }
        if messages.count > Self.inventoryEventLimit {
            events.append(EventDraft(kind: "inventory_changed", deviceID: deviceID, severity: 6, at: now,
                                     message: "and \(messages.count - Self.inventoryEventLimit) more field-replaceable units changed",
                                     source: .poll))
        }
        try await store.events.record(events)
    }

    /// The event text of a change worth one: a FRU inserted, removed, or with another serial or
    /// model (swapped). Revisions changing are history only (an upgrade is its own event).
    static func inventoryMessage(_ change: PhysicalEntityChange) -> String? {
        guard change.isFRU == true else { return nil }
        let what = "\(classWord(change.physicalClass)) '\(change.name ?? "#\(change.index)")'" + (change.model.map { " (\($0))" } ?? "")
        switch change.kind {
        case .added: return "\(what) inserted" + (change.serial.map { ", serial \($0)" } ?? "")
        case .removed: return "\(what) removed" + (change.serial.map { ", serial \($0)" } ?? "")
        case .changed:
            guard let field = change.field, field == "serial" || field == "model" else { return nil }
            return "\(what) \(field) \(change.old ?? "none") → \(change.new ?? "none")"
        }
    }

    static func classWord(_ physicalClass: String) -> String {
        switch physicalClass {
        case "powerSupply": "power supply"
        case "energyObject": "energy object"
        case "storageDrive": "storage drive"
        default: physicalClass
        }
    }

    public static func storedEntity(_ reading: PhysicalEntityReading) -> PhysicalEntity {
        PhysicalEntity(
            index: Int64(reading.index), physicalClass: reading.physicalClass.name, containedIn: reading.containedIn.map(Int64.init),
            position: reading.position.map(Int64.init), name: reading.name, descr: reading.descr, vendorType: reading.vendorType,
            model: reading.model, serial: reading.serial, hardwareRevision: reading.hardwareRevision,
            firmwareRevision: reading.firmwareRevision, softwareRevision: reading.softwareRevision,
            manufacturer: reading.manufacturer, isFRU: reading.isFRU)
    }
}
