import Foundation
import Store
import Testing

/// ENTITY-MIB physical inventory in the store: replace returns what changed and keeps it as history.
struct PhysicalInventoryTests {
    static let chassis = PhysicalEntity(index: 1, physicalClass: "chassis", name: "Switch System", model: "WS-C4503-E",
                                        serial: "FOX1523G0JE", hardwareRevision: "1.1", isFRU: false)
    static let slot = PhysicalEntity(index: 2, physicalClass: "container", containedIn: 1, position: 2, name: "Linecard Slot 2")
    static let card = PhysicalEntity(index: 10, physicalClass: "module", containedIn: 2, position: 0, name: "Linecard(slot 2)",
                                     descr: "10/100/1000BaseT (RJ45)V, Cisco/IEEE PoE+ 48 ports", vendorType: "1.3.6.1.4.1.9.12.3.1.9.92.158",
                                     model: "WS-X4748-RJ45V+E", serial: "JAE171504MX", hardwareRevision: "2.3", firmwareRevision: "15.0(1r)SG10",
                                     softwareRevision: "03.06.06.E", manufacturer: "Cisco Systems, Inc.", isFRU: true)
    static let psu = PhysicalEntity(index: 12, physicalClass: "powerSupply", name: "Power Supply 2", model: "PWR-C45-1400AC",
                                    serial: "ART1710F0K9", isFRU: true)

    @Test func theFirstSightingChangesNothingAndIsKept() async throws {
        try await withStore { store, _ in
            let device = try await demoDevice(store)
            let changes = try await store.physicalInventory.replace(deviceID: device.id, [Self.card, Self.chassis, Self.slot], at: t0)
            #expect(changes.isEmpty)
            #expect(try await store.physicalInventory.history(deviceID: device.id, limit: 10).isEmpty)
            let kept = try await store.physicalInventory.entities(deviceID: device.id)
            #expect(kept.map(\.index) == [1, 2, 10], "index order")
            var expected = Self.card
            expected.firstSeen = t0
            expected.lastSeen = t0
            #expect(kept.last == expected, "every field round-trips")
            #expect(kept.first?.isFRU == false && kept[1].isFRU == nil)
            // Another device's inventory is its own.
            let other = try await demoDevice(store, address: "10.0.0.2")
            #expect(try await store.physicalInventory.entities(deviceID: other.id).isEmpty)
        }
    }

    @Test func addedRemovedAndChangedFieldsWithHistory() async throws {
        try await withStore { store, _ in
            let device = try await demoDevice(store)
            _ = try await store.physicalInventory.replace(deviceID: device.id, [Self.chassis, Self.slot, Self.card], at: t0)

            // Unchanged: nothing, last seen moves on, first seen stays.
            #expect(try await store.physicalInventory.replace(deviceID: device.id, [Self.chassis, Self.slot, Self.card], at: t0 + 60).isEmpty)
            let again = try await store.physicalInventory.entities(deviceID: device.id)
            #expect(again.allSatisfy { $0.firstSeen == t0 && $0.lastSeen == t0 + 60 })

            // The card swapped (serial), its software upgraded, its description reworded (not tracked),
            // a power supply inserted.
            var swapped = Self.card
            swapped.serial = "JAE18220QRS"
            swapped.softwareRevision = "03.08.01.E"
            swapped.descr = "48 port PoE+"
            let changes = try await store.physicalInventory.replace(deviceID: device.id, [Self.chassis, Self.slot, swapped, Self.psu], at: t0 + 120)
            #expect(changes.map(\.kind) == [.added, .changed, .changed])
            #expect(changes[0].index == 12 && changes[0].physicalClass == "powerSupply" && changes[0].serial == "ART1710F0K9")
            #expect(changes[0].isFRU == true && changes[0].field == nil)
            #expect(changes[1].field == "serial" && changes[1].old == "JAE171504MX" && changes[1].new == "JAE18220QRS")
            #expect(changes[2].field == "software_rev" && changes[2].old == "03.06.06.E" && changes[2].new == "03.08.01.E")
            #expect(changes.allSatisfy { $0.at == t0 + 120 })
            let card = try #require(try await store.physicalInventory.entities(deviceID: device.id).first { $0.index == 10 })
            #expect(card.serial == "JAE18220QRS" && card.descr == "48 port PoE+" && card.firstSeen == t0)

            // The power supply pulled.
            let removed = try await store.physicalInventory.replace(deviceID: device.id, [Self.chassis, Self.slot, swapped], at: t0 + 180)
            #expect(removed.map(\.kind) == [.removed])
            #expect(removed.first?.name == "Power Supply 2" && removed.first?.model == "PWR-C45-1400AC" && removed.first?.isFRU == true)
            #expect(try await store.physicalInventory.entities(deviceID: device.id).map(\.index) == [1, 2, 10])

            // History: newest first, with what each entity was.
            let history = try await store.physicalInventory.history(deviceID: device.id, limit: 10)
            #expect(history.map(\.kind) == [.removed, .changed, .changed, .added])
            #expect(history.first?.at == t0 + 180 && history.first?.serial == "ART1710F0K9")
            #expect(history.contains { $0.field == "serial" && $0.old == "JAE171504MX" && $0.new == "JAE18220QRS" && $0.name == "Linecard(slot 2)" })
            #expect(try await store.physicalInventory.history(deviceID: device.id, limit: 2).count == 2)

            // FRU counts for the inventory export.
            #expect(try await store.physicalInventory.fieldReplaceableCounts() == [device.id: 1])
        }
    }

    @Test func aRenumberedEntityIsTheSameEntity() async throws {
        try await withStore { store, _ in
            let device = try await demoDevice(store)
            _ = try await store.physicalInventory.replace(deviceID: device.id, [Self.chassis, Self.card, Self.psu], at: t0)
            // After a reboot the agent numbers the card 1010 and the supply 1012; the supply also has another serial.
            var card = Self.card, psu = Self.psu
            card.index = 1010
            psu.index = 1012
            psu.serial = "ART1801A0AA"
            let changes = try await store.physicalInventory.replace(deviceID: device.id, [Self.chassis, card, psu], at: t0 + 60)
            #expect(changes.map { "\($0.kind.rawValue) \($0.index)" } == ["removed 12", "added 1012"], "the card moved, the supply was swapped")
            let kept = try await store.physicalInventory.entities(deviceID: device.id)
            #expect(kept.map(\.index) == [1, 1010, 1012])
            #expect(kept[1].firstSeen == t0, "the moved card keeps its first sighting")
            #expect(kept[2].firstSeen == t0 + 60)
        }
    }

    @Test func theInventorySurvivesAReopen() async throws {
        let database = try TempDatabase()
        defer { database.cleanUp() }
        let store = try database.open()
        let device = try await demoDevice(store)
        _ = try await store.physicalInventory.replace(deviceID: device.id, [Self.chassis, Self.card], at: t0)
        _ = try await store.physicalInventory.replace(deviceID: device.id, [Self.chassis, Self.card, Self.psu], at: t0 + 60)
        try await store.close()
        let reopened = try database.open()
        #expect(try await reopened.physicalInventory.entities(deviceID: device.id).map(\.index) == [1, 10, 12])
        #expect(try await reopened.physicalInventory.history(deviceID: device.id, limit: 10).map(\.kind) == [.added])
        try await reopened.close()
    }
}
