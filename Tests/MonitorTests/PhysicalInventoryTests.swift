import Alerting
import Config
import Devices
import Foundation
import Monitor
import NIOCore
import SNMP
import SNMPCodec
import SNMPSimulator
import Store
import Testing

/// ENTITY-MIB physical inventory: read from a simulated Catalyst 4503-E (the recording in
/// Fixtures), from agents that lie, by the poller with identification, and written by the
/// store sink with an `inventory_changed` event when a field-replaceable unit changes.
@Suite struct PhysicalInventoryTests {
    static var fixture: String {
        get throws {
            let url = try #require(Bundle.module.url(forResource: "catalyst-4503e-entity", withExtension: "snmprec", subdirectory: "Fixtures"))
            return try String(contentsOf: url, encoding: .utf8)
        }
    }

    /// A simulated agent serving `recordings` (name = community), as `netwarden simulate` does.
    final class Simulated: Sendable {
        let directory: URL
        let responder: SNMPResponder
        let client: SNMPClient
        var port: Int { responder.localAddresses.first?.port ?? 0 }

        init(_ recordings: [String: String]) async throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("nw-entity-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for (name, text) in recordings {
                try text.write(to: directory.appendingPathComponent("\(name).snmprec"), atomically: true, encoding: .utf8)
            }
            let set = try await SNMPRecordingSet.load(directory: directory.path)
            let engine = SNMPAgentEngine(resolve: set.viewResolver(clock: .fixed(SimulationTime(elapsed: .seconds(0)))))
            responder = try await SNMPResponder.start(endpoints: [("127.0.0.1", 0)], engine: engine)
            client = try await SNMPClient()
        }

        init(view: any SNMPAgentView) async throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("nw-entity-\(UUID().uuidString)")
            responder = try await SNMPResponder.start(endpoints: [("127.0.0.1", 0)], engine: SNMPAgentEngine { _ in view })
            client = try await SNMPClient()
        }

        func agent(_ community: String, version: SNMPVersion = .v2c) async throws -> SNMPAgent {
            try await client.agent("127.0.0.1", port: port, security: CommunitySecurity(community, version: version))
        }

        func close() async {
            await client.shutdown()
            await responder.close()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    static func byName(_ entities: [PhysicalEntityReading]) -> [String: PhysicalEntityReading] {
        Dictionary(entities.compactMap { e in e.name.map { ($0, e) } }, uniquingKeysWith: { a, _ in a })
    }

    @Test func theWholeTableOfASwitch() async throws {
        let sim = try await Simulated(["sw": try Self.fixture])
        defer { Task { await sim.close() } }
        for version in [SNMPVersion.v2c, .v1] {
            let entities = try await PhysicalInventoryCollector().collect(try await sim.agent("sw", version: version))
            #expect(entities.map(\.index) == Array(1...18), "\(version)")
            let named = Self.byName(entities)

            let chassis = try #require(named["Switch System"])
            #expect(chassis.physicalClass == .chassis)
            #expect(chassis.descr == "Cisco Systems, Inc. WS-C4503-E 3 slot switch", "trailing space trimmed")
            #expect(chassis.containedIn == nil && chassis.position == nil, "containedIn 0 and parentRelPos -1 are nil")
            #expect(chassis.model == "WS-C4503-E" && chassis.serial == "FOX1523G0JE" && chassis.hardwareRevision == "1.1")
            #expect(chassis.manufacturer == "Cisco Systems, Inc.")
            #expect(chassis.vendorType == "1.3.6.1.4.1.9.12.3.1.3.866")
            #expect(chassis.isFRU == false)
            #expect(chassis.firmwareRevision == nil && chassis.softwareRevision == nil, "empty text is nil")

            let sup = try #require(named["Linecard(slot 1)"])
            #expect(sup.physicalClass == .module && sup.containedIn == 2 && sup.position == 0)
            #expect(sup.model == "WS-X45-SUP7L-E" && sup.serial == "CAT1706L2AB" && sup.isFRU == true)
            #expect(sup.firmwareRevision == "15.0(1r)SG10")
            #expect(sup.softwareRevision == "03.06.06.E", "NUL padding dropped")
            #expect(named["Linecard(slot 2)"]?.serial == "JAE171504MX", "padded serial trimmed")

            let sfp = try #require(named["TenGigabitEthernet1/1"])
            #expect(sfp.physicalClass == .port && sfp.containedIn == 15 && sfp.isFRU == true)
            #expect(sfp.model == "SFP-10G-SR" && sfp.serial == "AVD1719A2BC" && sfp.hardwareRevision == "V03")
            #expect(sfp.manufacturer == "CISCO-AVAGO")
            #expect(named["TenGigabitEthernet1/1 Container"]?.containedIn == 9)

            #expect(entities.filter { $0.physicalClass == .powerSupply }.compactMap(\.serial) == ["ART1710F0K3", "ART1710F0K9"])
            #expect(named["Fan"]?.physicalClass == .fan && named["Fan"]?.model == "WS-X4593-E")
            #expect(named["Backplane"]?.physicalClass == .backplane)
            #expect(entities.filter { $0.physicalClass == .container }.count == 7)
            let sensor = try #require(named["Chassis Temperature Sensor"])
            #expect(sensor.physicalClass == .sensor && sensor.vendorType == nil, "zeroDotZero vendor type is nil")
            #expect(entities.filter { $0.isFRU == true }.map(\.index) == [9, 10, 11, 12, 13, 16])
        }
    }

    @Test func aDeviceWithoutEntityMIBCostsOneRequest() async throws {
        let sim = try await Simulated(["srv": "1.3.6.1.2.1.1.3.0|67|100\n1.3.6.1.2.1.1.5.0|4|srv\n1.3.6.1.2.1.2.2.1.2.1|4|eth0\n"])
        defer { Task { await sim.close() } }
        let before = sim.responder.statistics.answered
        let entities = try await PhysicalInventoryCollector().collect(try await sim.agent("srv"))
        #expect(entities.isEmpty)
        #expect(sim.responder.statistics.answered - before == 1)
    }

    /// An agent whose entPhysicalTable never ends: every column goes on with the next index.
    struct EndlessView: SNMPAgentView {
        static let entry: [UInt32] = [1, 3, 6, 1, 2, 1, 47, 1, 1, 1, 1]
        func get(_ oid: OID) -> SNMPValue { .noSuchObject }
        func next(after oid: OID) -> VarBind? {
            let arcs = oid.arcs
            var column: UInt32 = 2, index: UInt32 = 1
            if arcs.count > Self.entry.count, Array(arcs.prefix(Self.entry.count)) == Self.entry {
                column = max(2, arcs[Self.entry.count])
                if arcs.count > Self.entry.count + 1 { index = arcs[Self.entry.count + 1] &+ 1 }
            } else if !oid.arcs.lexicographicallyPrecedes(Self.entry) {
                return nil
            }
            guard column <= 16, index > 0 else { return nil }
            let value: SNMPValue = [4, 5, 6, 16].contains(column) ? .integer(column == 5 ? 9 : 1) : .octetString(OctetString("x\(index)"))
            return VarBind(try! OID(Self.entry + [column, index]), value)
        }
    }

    /// An agent that answers every request with the same variable.
    struct LoopingView: SNMPAgentView {
        func get(_ oid: OID) -> SNMPValue { .noSuchObject }
        func next(after oid: OID) -> VarBind? { VarBind("1.3.6.1.2.1.47.1.1.1.1.5.1", .integer(3)) }
    }

    @Test(.timeLimit(.minutes(2))) func aTableThatNeverEndsStopsAtTheBound() async throws {
        let sim = try await Simulated(view: EndlessView())
        defer { Task { await sim.close() } }
        let agent = try await sim.agent("any")
        let entities = try await PhysicalInventoryCollector().collect(agent)
        #expect(entities.count == PhysicalInventoryCollector.defaultLimit)
        #expect(entities.last?.index == 10_000)
        #expect(entities.last?.name == "x10000", "the other columns read as far as the class column")
        #expect(entities.allSatisfy { $0.physicalClass == .module })
        let small = try await PhysicalInventoryCollector(limit: 40).collect(agent)
        #expect(small.map(\.index) == Array(1...40))
    }

    @Test(.timeLimit(.minutes(1))) func anAgentThatLoopsIsAnError() async throws {
        let sim = try await Simulated(view: LoopingView())
        defer { Task { await sim.close() } }
        for version in [SNMPVersion.v2c, .v1] {
            let error = await #expect(throws: SNMPClientError.self) {
                try await PhysicalInventoryCollector().collect(try await sim.agent("any", version: version))
            }
            #expect(error?.code == .nonIncreasingOID)
        }
    }

    // MARK: - The poller

    static func settings(port: Int, community: String) throws -> EffectiveDeviceSettings {
        let config = try ConfigLoader(environment: [:]).load(yaml: """
            credentials:
              sim: { version: v2c, community: \(community) }
            defaults:
              credentials: [sim]
              polling: { interval: 60s, timeout: 1s, retries: 1 }
            tenants:
              - name: acme
                sites:
                  - name: hq
                    devices:
                      - { address: "127.0.0.1:\(port)", name: dist-sw1 }
            """, file: "test.yaml").get()
        return try #require(config.allDevices.compactMap { config.settings(for: $0.key) }.first)
    }

    @Test func thePollerReadsTheInventoryWithIdentification() async throws {
        let sim = try await Simulated(["sw": try Self.fixture])
        defer { Task { await sim.close() } }
        let settings = try Self.settings(port: sim.port, community: "sw")
        let poller = DevicePoller(client: sim.client, identifier: nil, firmwarePolicies: nil)
        var memory = DevicePoller.Memory(monitor: DeviceMonitor(device: settings.key, rules: AlertRules()))
        let first = await poller.poll(settings, memory: &memory, time: 1_000, today: CalendarDay(Date()))
        #expect(first.failure == nil)
        #expect(first.inventory?.count == 18)
        #expect(first.inventory?.first?.model == "WS-C4503-E")
        // Not read again until identification is due (an hour, or a reboot).
        let second = await poller.poll(settings, memory: &memory, time: 1_060, today: CalendarDay(Date()))
        #expect(second.failure == nil && second.inventory == nil)
    }

    // MARK: - The store sink

    @Test func aSwappedModuleIsAnEventAndTheFirstSightingIsNot() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nw-entity-sink-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("netwarden.sqlite").path, options: .init(batchDelay: 0.01))
        let settings = try Self.settings(port: 16_161, community: "sw")
        let config = try ConfigLoader(environment: [:]).load(yaml: "tenants: []", file: "test.yaml").get()
        let pipeline = AlertPipeline(store: store, config: { config })
        let sink = StoreSink(store: store, pipeline: pipeline)
        try await sink.register([settings])
        let deviceID = try #require(await sink.deviceID(for: settings.key))

        let sim = try await Simulated(["sw": try Self.fixture])
        let before = try await PhysicalInventoryCollector().collect(try await sim.agent("sw"))
        await sim.close()

        func report(_ inventory: [PhysicalEntityReading]) -> PollReport {
            var report = PollReport(device: settings.key, startedAt: 0)
            report.uptime = 100
            report.inventory = inventory
            return report
        }
        func inventoryEvents() async throws -> [String] {
            try await store.events.events(deviceID: deviceID, since: nil, limit: 100).filter { $0.draft.kind == "inventory_changed" }
                .map(\.draft.message)
        }

        await sink.pollCompleted(report(before))
        #expect(try await store.physicalInventory.entities(deviceID: deviceID).count == 18)
        #expect(try await inventoryEvents().isEmpty, "the first sighting changes nothing")
        #expect(try await store.physicalInventory.history(deviceID: deviceID, limit: 100).isEmpty)

        // The same again: nothing.
        await sink.pollCompleted(report(before))
        #expect(try await inventoryEvents().isEmpty)

        // The SFP swapped, power supply 2 pulled, the line card's firmware upgraded (history only),
        // a port's description changed (neither).
        var after = before.filter { $0.name != "Power Supply 2" }
        for i in after.indices {
            switch after[i].name {
            case "TenGigabitEthernet1/1": after[i].serial = "AVD1722X9ZZ"
            case "Linecard(slot 2)": after[i].firmwareRevision = "15.0(2r)SG11"
            case "GigabitEthernet2/1": after[i].descr = "Gigabit Ethernet Port (PoE+)"
            default: break
            }
        }
        await sink.pollCompleted(report(after))
        let events = try await inventoryEvents()
        #expect(Set(events) == [
            "port 'TenGigabitEthernet1/1' (SFP-10G-SR) serial AVD1719A2BC → AVD1722X9ZZ",
            "power supply 'Power Supply 2' (PWR-C45-1400AC) removed, serial ART1710F0K9",
        ])
        let recorded = try await store.events.events(deviceID: deviceID, since: nil, limit: 100).filter { $0.draft.kind == "inventory_changed" }
        #expect(recorded.allSatisfy { $0.draft.severity == 6 && $0.draft.source == .poll })
        #expect(try await store.alerts.alerts(states: nil, deviceID: nil, limit: 100).isEmpty, "a module swap is not an alert")
        let history = try await store.physicalInventory.history(deviceID: deviceID, limit: 100)
        #expect(Set(history.map { "\($0.kind.rawValue) \($0.index) \($0.field ?? "-")" }) == ["changed 16 serial", "removed 12 -", "changed 10 firmware_rev"])

        // An empty read (ENTITY-MIB still loading after a boot) keeps what was known.
        await sink.pollCompleted(report([]))
        #expect(try await store.physicalInventory.entities(deviceID: deviceID).count == 17)
        #expect(try await inventoryEvents().count == 2)

        // Power supply 2 back.
        await sink.pollCompleted(report(before))
        #expect(try await inventoryEvents().contains("power supply 'Power Supply 2' (PWR-C45-1400AC) inserted, serial ART1710F0K9"))
        #expect(await sink.writeErrors == 0)
        try await store.close()
    }
}
