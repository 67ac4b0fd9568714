import Alerting
import Config
import Monitor
import Testing

@Suite struct DeviceMonitorTests {
    let key = DeviceKey(tenant: "acme", site: "hq", address: HostPort(host: "10.0.0.1", port: 161))

    func interface(_ index: UInt32, oper: InterfaceReading.Status, admin: InterfaceReading.Status = .up,
                   inOctets: UInt64 = 0, at time: Double = 0, uptime: UInt32 = 1000) -> InterfaceReading {
        var reading = InterfaceReading(index: index)
        reading.name = "ge-0/0/\(index)"
        reading.adminStatus = admin
        reading.operStatus = oper
        reading.speed = 1_000_000_000
        reading.inOctets = CounterReading(value: inOctets, width: .bits64, time: time, uptime: uptime)
        return reading
    }

    @Test func downOnlyWhenSNMPAndPingBothFail() {
        var rules = AlertRules()
        rules.deviceDown.after = 2
        var monitor = DeviceMonitor(device: key, rules: rules)
        // SNMP silent, ping answers: never down however long it lasts.
        for _ in 0..<5 { #expect(monitor.recordFailure(reason: "timeout", echoAnswered: true).isEmpty) }
        // Ping silent too: down after two checks, once.
        #expect(monitor.recordFailure(reason: "timeout", echoAnswered: false).isEmpty)
        let down = monitor.recordFailure(reason: "timeout", echoAnswered: false)
        #expect(down.map(\.kind) == [.deviceDown])
        #expect(down.first?.message.contains("SNMP or ping") == true)
        #expect(monitor.recordFailure(reason: "timeout", echoAnswered: false).isEmpty)
        // Ping back, SNMP still silent: the outage is over (the agent is another matter).
        let back = monitor.recordFailure(reason: "timeout", echoAnswered: true)
        #expect(back.map(\.resolved) == [true])
        // Without a ping check (no raw socket, or icmp off) SNMP alone decides.
        var snmpOnly = DeviceMonitor(device: key, rules: rules)
        #expect(snmpOnly.recordFailure(reason: "timeout").isEmpty)
        #expect(snmpOnly.recordFailure(reason: "timeout").first?.message.contains("does not answer SNMP (") == true)
    }

    @Test func interfaceDownRaisesOnceAndResolves() {
        var monitor = DeviceMonitor(device: key, rules: AlertRules())
        #expect(monitor.record(uptime: 1000, interfaces: [interface(1, oper: .up)], time: 0).events.isEmpty)
        let down = monitor.record(uptime: 7000, interfaces: [interface(1, oper: .down, at: 60, uptime: 7000)], time: 60).events
        #expect(down.map(\.kind) == [.interfaceDown])
        #expect(down.first?.dedupKey == "acme/hq/10.0.0.1:161|interface_down|1")
        #expect(down.first?.resolved == false)
        // Still down: no second alert.
        #expect(monitor.record(uptime: 13000, interfaces: [interface(1, oper: .down, at: 120, uptime: 13000)], time: 120).events.isEmpty)
        let up = monitor.record(uptime: 19000, interfaces: [interface(1, oper: .up, at: 180, uptime: 19000)], time: 180).events
        #expect(up.map(\.resolved) == [true])
        // An interface shut down by its admin is not an outage.
        let shut = monitor.record(uptime: 25000, interfaces: [interface(1, oper: .down, admin: .down, at: 240, uptime: 25000)], time: 240)
        #expect(shut.events.isEmpty)
    }

    @Test func deviceDownAfterConsecutiveFailuresAndBack() {
        var rules = AlertRules()
        rules.deviceDown.after = 2
        var monitor = DeviceMonitor(device: key, rules: rules)
        _ = monitor.record(uptime: 1000, interfaces: [], time: 0)
        #expect(monitor.recordFailure(reason: "timeout").isEmpty)
        let down = monitor.recordFailure(reason: "timeout")
        #expect(down.map(\.kind) == [.deviceDown])
        #expect(monitor.recordFailure(reason: "timeout").isEmpty)
        let back = monitor.record(uptime: 5000, interfaces: [], time: 300).events
        #expect(back.map(\.kind) == [.deviceDown] && back.first?.resolved == true)
    }

    @Test func rebootIsAnEventAndNoRateSpike() {
        var monitor = DeviceMonitor(device: key, rules: AlertRules())
        _ = monitor.record(uptime: 900_000, interfaces: [interface(1, oper: .up, inOctets: 5_000_000_000, at: 0, uptime: 900_000)], time: 0)
        let after = monitor.record(uptime: 300, interfaces: [interface(1, oper: .up, inOctets: 1000, at: 60, uptime: 300)], time: 60)
        #expect(after.rebooted)
        #expect(after.events.map(\.kind) == [.reboot])
        #expect(after.rates[1]?.inBitsPerSecond == nil)
        #expect(after.rates[1]?.skipped == .reboot)
    }

    @Test func flappingInterface() {
        var rules = AlertRules()
        rules.flapping.changes = 4
        rules.flapping.within = .seconds(600)
        var monitor = DeviceMonitor(device: key, rules: rules)
        var kinds: [AlertKind] = []
        for step in 0..<6 {
            let status: InterfaceReading.Status = step % 2 == 0 ? .up : .down
            kinds += monitor.record(uptime: UInt32(step * 6000 + 1000), interfaces: [interface(1, oper: status, at: Double(step * 60))],
                                    time: Double(step * 60)).events.filter { !$0.resolved }.map(\.kind)
        }
        #expect(kinds.filter { $0 == .flapping }.count == 1)
    }

    @Test func utilisationThresholdWithHysteresis() {
        var monitor = DeviceMonitor(device: key, rules: AlertRules())  // warn 80, critical 95, hysteresis 5
        func poll(_ octets: UInt64, _ t: Double) -> [AlertSignal] {
            monitor.record(uptime: UInt32(t * 100) + 1000, interfaces: [interface(1, oper: .up, inOctets: octets, at: t, uptime: UInt32(t * 100) + 1000)], time: t).events
        }
        _ = poll(0, 0)
        let busy = poll(6_375_000_000, 60)  // 850 Mbit/s on 1 Gbit/s: 85%
        #expect(busy.map(\.kind) == [.interfaceUtilisation] && busy.first?.severity == .warning)
        #expect(poll(6_375_000_000 + 5_850_000_000, 120).isEmpty)  // 78%: within hysteresis
        let calm = poll(6_375_000_000 + 5_850_000_000 + 3_000_000_000, 180)  // 40%
        #expect(calm.map(\.resolved) == [true])
    }
}
