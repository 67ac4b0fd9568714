import Foundation
import Store
import Testing

struct InterfaceTests {
    static func port(_ index: Int64, oper: Int64 = 1, alias: String? = "uplink", speed: Int64 = 1_000_000_000) -> InterfaceObservation {
        InterfaceObservation(
            ifIndex: index, name: "Gi0/\(index)", descr: "GigabitEthernet0/\(index)", alias: alias, type: 6, speed: speed,
            adminStatus: 1, operStatus: oper, duplex: 3, mac: "00:11:22:33:44:0\(index)", lastChange: t0)
    }

    @Test func historyRecordsEachChangedFieldOldToNew() async throws {
        try await withStore { store, _ in
            let device = try await demoDevice(store)
            let first = try await store.interfaces.sync(deviceID: device.id, [Self.port(1), Self.port(2)], at: t0)
            #expect(first.map(\.field) == ["added", "added"])
            #expect(try await store.interfaces.sync(deviceID: device.id, [Self.port(1), Self.port(2)], at: t0 + 60).isEmpty)

            let changes = try await store.interfaces.sync(
                deviceID: device.id, [Self.port(1, oper: 2), Self.port(2, alias: "to core", speed: 100_000_000)], at: t0 + 120)
            #expect(Set(changes.map { "\($0.ifIndex) \($0.field) \($0.old ?? "-")→\($0.new ?? "-")" }) == [
                "1 oper_status 1→2", "2 alias uplink→to core", "2 speed 1000000000→100000000",
            ])
            let interfaces = try await store.interfaces.interfaces(deviceID: device.id)
            #expect(interfaces.map(\.observation.operStatus) == [2, 1])
            #expect(interfaces[0].updatedAt == t0 + 120)

            _ = try await store.interfaces.sync(deviceID: device.id, [Self.port(1, oper: 1)], at: t0 + 180)
            let history = try await store.interfaces.history(interfaceID: interfaces[0].id, since: nil, limit: 10)
            #expect(history.map { "\($0.field) \($0.new ?? "-")" } == ["oper_status 1", "oper_status 2", "added Gi0/1"])
            #expect(history.map(\.at) == [t0 + 180, t0 + 120, t0])
            #expect(try await store.interfaces.history(interfaceID: interfaces[0].id, since: t0 + 100, limit: 10).count == 2)
        }
    }

    @Test func neighboursComeAndGo() async throws {
        try await withStore { store, _ in
            let device = try await demoDevice(store)
            let a = Neighbour(protocolName: "lldp", localIfIndex: 1, remoteChassisID: "00:aa", remotePortID: "Gi1/0/1", remoteSysName: "sw1")
            let b = Neighbour(protocolName: "cdp", localIfIndex: 2, remoteChassisID: "sw2", remotePortID: "Te1/1", remotePlatform: "C9300")
            let first = try await store.neighbours.replace(deviceID: device.id, [a, b], at: t0)
            #expect(first.added.count == 2 && first.removed.isEmpty)
            var a2 = a
            a2.remoteSysName = "sw1.example"
            let second = try await store.neighbours.replace(deviceID: device.id, [a2], at: t0 + 60)
            #expect(second.added.isEmpty && second.removed.map(\.remoteChassisID) == ["sw2"])
            let now = try await store.neighbours.neighbours(deviceID: device.id)
            #expect(now.count == 1 && now[0].remoteSysName == "sw1.example" && now[0].firstSeen == t0 && now[0].lastSeen == t0 + 60)
        }
    }

    @Test func healthSeriesAndLatest() async throws {
        try await withStore { store, _ in
            let device = try await demoDevice(store)
            try await store.health.record([
                HealthSample(deviceID: device.id, at: t0, metric: "cpu", label: "cpu0", value: 12.5),
                HealthSample(deviceID: device.id, at: t0 + 60, metric: "cpu", label: "cpu0", value: 80),
                HealthSample(deviceID: device.id, at: t0, metric: "storage", label: "/", value: 91.2),
                HealthSample(deviceID: device.id, at: t0 + 60, metric: "temperature", label: "inlet", value: .nan),
            ])
            #expect(try await store.health.series(deviceID: device.id, metric: "cpu", label: nil, from: t0, to: t0 + 120).map(\.value) == [12.5, 80])
            let latest = try await store.health.latest(deviceID: device.id)
            #expect(latest.map { "\($0.metric) \($0.label) \($0.value)" } == ["cpu cpu0 80.0", "storage / 91.2"])
            let pruned = try await store.health.prune(now: t0 + 30 + RetentionPolicy.day * 30, policy: RetentionPolicy())
            #expect(pruned["health_samples"] == 2)
        }
    }
}
