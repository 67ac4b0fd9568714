public import Devices
import Foundation
public import SNMP
import SNMPCodec

/// One health value of a device: used storage, CPU load and used memory in percent, a
/// temperature in °C, a UPS's battery charge (percent) and runtime (minutes). `label` tells
/// which disk, processor, memory pool or sensor.
public struct HealthReading: Sendable, Hashable {
    /// The standard metrics by name; a vendor probe may name any other (`sessions`, `toner`).
    public struct Metric: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let storage = Metric(rawValue: "storage")
        public static let cpu = Metric(rawValue: "cpu")
        public static let memory = Metric(rawValue: "memory")
        public static let temperature = Metric(rawValue: "temperature")
        public static let upsBatteryCharge = Metric(rawValue: "ups_battery_charge")
        public static let upsRuntime = Metric(rawValue: "ups_runtime_minutes")
    }

    public var metric: Metric
    public var label: String
    public var value: Double

    public init(_ metric: Metric, _ label: String, _ value: Double) {
        self.metric = metric
        self.label = label
        self.value = value
    }
}

/// A fault a device reports about itself: a failed sensor, a UPS battery low or in use.
/// `key` names the condition (stable between polls), `message` describes it now.
public struct HealthFault: Sendable, Hashable {
    public var key: String
    public var message: String
    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }
}

/// What one health collection found: readings and faults.
public struct HealthReport: Sendable, Hashable {
    public var readings: [HealthReading] = []
    public var faults: [HealthFault] = []
    /// The MIB groups that answered; the next collections ask only these.
    public var groups: Set<HealthCollector.Group> = []

    public init() {}
}

/// Reads device health from the standard MIBs and the vendor MIBs common in small networks:
/// HOST-RESOURCES (storage, memory, processor load), ENTITY-SENSOR (temperatures), UPS-MIB,
/// and Cisco's CPU and memory-pool MIBs. A group the device does not implement is asked once,
/// then skipped until the device is identified again (`known` groups).
public struct HealthCollector: Sendable {
    public enum Group: String, Sendable, Hashable, CaseIterable {
        case hostStorage, hostProcessors, entitySensors, ups, ciscoCPU, ciscoMemory
        /// The probes the device's identification rules name (asked every time).
        case vendorProbes
    }

    // HOST-RESOURCES-MIB (RFC 2790)
    static let hrStorageEntry = OID("1.3.6.1.2.1.25.2.3.1")
    static let hrStorageTypes = OID("1.3.6.1.2.1.25.2.1")
    static let hrProcessorLoad = OID("1.3.6.1.2.1.25.3.3.1.2")
    // ENTITY-SENSOR-MIB (RFC 3433) and ENTITY-MIB's entPhysicalName
    static let entPhySensorEntry = OID("1.3.6.1.2.1.99.1.1.1")
    static let entPhysicalName = OID("1.3.6.1.2.1.47.1.1.1.1.7")
    // UPS-MIB (RFC 1628) upsBattery group
    static let upsBattery = OID("1.3.6.1.2.1.33.1.2")
    // CISCO-PROCESS-MIB cpmCPUTotal1minRev; CISCO-MEMORY-POOL-MIB name, used, free
    static let cpmCPUTotal1minRev = OID("1.3.6.1.4.1.9.9.109.1.1.1.1.7")
    static let ciscoMemoryPoolEntry = OID("1.3.6.1.4.1.9.9.48.1.1.1")

    /// Rows read from one table at most: a health table of thousands of rows is a device bug.
    static let rowLimit = 256

    public init() {}

    /// - Parameters:
    ///   - known: The groups that answered before; nil asks all of them.
    ///   - probes: The vendor probes of the device's identification rules.
    public func collect(_ agent: SNMPAgent, known: Set<Group>?, probes: [HealthProbe] = []) async -> HealthReport {
        let wanted = known ?? Set(Group.allCases)
        async let vendor = probes.isEmpty ? nil : vendorProbes(agent, probes)
        async let storage = wanted.contains(.hostStorage) ? hostStorage(agent) : nil
        async let processors = wanted.contains(.hostProcessors) ? hostProcessors(agent) : nil
        async let sensors = wanted.contains(.entitySensors) ? entitySensors(agent) : nil
        async let ups = wanted.contains(.ups) ? upsBattery(agent) : nil
        async let ciscoCPU = wanted.contains(.ciscoCPU) ? ciscoCPU(agent) : nil
        async let ciscoMemory = wanted.contains(.ciscoMemory) ? ciscoMemory(agent) : nil
        // Vendor groups first: where a device has both, its own MIB's CPU figure wins.
        let parts: [(Group, HealthReport?)] = await [
            (.vendorProbes, vendor), (.ciscoCPU, ciscoCPU), (.ciscoMemory, ciscoMemory),
            (.hostStorage, storage), (.hostProcessors, processors), (.entitySensors, sensors), (.ups, ups),
        ]
        var report = HealthReport()
        var seen = Set<String>()
        for (group, part) in parts {
            guard let part, !part.readings.isEmpty || !part.faults.isEmpty else { continue }
            report.groups.insert(group)
            report.readings += part.readings.filter { seen.insert("\($0.metric.rawValue)|\($0.label)").inserted }
            report.faults += part.faults
        }
        return report
    }

    private func rows(_ agent: SNMPAgent, _ entry: OID, _ columns: [UInt32]) async -> [SNMPTableRow] {
        guard let rows = try? await agent.table(columns: columns.map { entry.appending([$0]) }) else { return [] }
        return Array(rows.prefix(Self.rowLimit))
    }

    /// hrStorageTable: fixed disks and flash as `storage`, RAM as `memory`. On net-snmp's Linux
    /// agent "Physical memory" counts buffers and page cache as used; they are subtracted when
    /// the agent lists them, or every Linux box would look out of memory.
    func hostStorage(_ agent: SNMPAgent) async -> HealthReport? {
        // hrStorageType, hrStorageDescr, hrStorageAllocationUnits, hrStorageSize, hrStorageUsed
        let rows = await rows(agent, Self.hrStorageEntry, [2, 3, 4, 5, 6])
        guard !rows.isEmpty else { return nil }
        var report = HealthReport()
        var ram: [(label: String, size: Double, used: Double)] = []
        var reclaimable = 0.0
        for row in rows {
            let v = row.values
            guard case .objectIdentifier(let type)? = v[0], let typeArc = type.suffix(after: Self.hrStorageTypes)?.first,
                  let label = v[1]?.text, let units = v[2]?.unsigned, let size = v[3]?.unsigned, let used = v[4]?.unsigned,
                  units > 0 else { continue }
            let bytes = Double(units) * Double(size), usedBytes = Double(units) * Double(used)
            switch typeArc {
            case 4, 9:  // hrStorageFixedDisk, hrStorageFlashMemory
                // Read-only images (squashfs, snap loops) are always 100% full: not a problem.
                guard size > 0, used <= size, !(used == size && label.hasPrefix("/snap/")) else { continue }
                report.readings.append(HealthReading(.storage, label, usedBytes / bytes * 100))
            case 2:  // hrStorageRam
                if size > 0, used <= size { ram.append((label, bytes, usedBytes)) }
            case 1 where ["Memory buffers", "Cached memory"].contains(label):  // hrStorageOther, net-snmp's Linux entries
                reclaimable += usedBytes
            default:
                continue
            }
        }
        for (index, memory) in ram.enumerated() {
            // Buffers and cache belong to the first RAM entry ("Physical memory").
            let used = index == 0 ? max(0, memory.used - reclaimable) : memory.used
            report.readings.append(HealthReading(.memory, memory.label, used / memory.size * 100))
        }
        return report
    }

    /// hrProcessorLoad: the average over processors (one busy core of 16 is not a busy box).
    func hostProcessors(_ agent: SNMPAgent) async -> HealthReport? {
        let loads = await rows(agent, OID("1.3.6.1.2.1.25.3.3.1"), [2]).compactMap { $0.values[0]?.integer }
            .filter { (0...100).contains($0) }
        guard !loads.isEmpty else { return nil }
        var report = HealthReport()
        report.readings.append(HealthReading(.cpu, "average", Double(loads.reduce(0, +)) / Double(loads.count)))
        return report
    }

    /// entPhySensorTable: Celsius sensors as `temperature`, scaled by their scale and precision;
    /// a sensor whose status is nonoperational is a fault.
    func entitySensors(_ agent: SNMPAgent) async -> HealthReport? {
        // entPhySensorType, Scale, Precision, Value, OperStatus
        let rows = await rows(agent, Self.entPhySensorEntry, [1, 2, 3, 4, 5])
        let celsius = rows.filter { $0.values[0]?.integer == 8 && $0.index.count == 1 }
        guard !celsius.isEmpty else { return nil }
        let names = (try? await agent.get(celsius.map { Self.entPhysicalName.appending($0.index) })) ?? []
        var report = HealthReport()
        for (position, row) in celsius.enumerated() {
            let v = row.values
            guard let raw = v[3]?.integer else { continue }
            let label = names.indices.contains(position) ? (names[position].value.text ?? "") : ""
            let name = label.isEmpty ? "sensor \(row.index[0])" : label
            if v[4]?.integer == 3 {  // nonoperational
                report.faults.append(HealthFault(key: "sensor \(name)", message: "temperature sensor \(name) is not operational"))
                continue
            }
            guard v[4]?.integer == 1 else { continue }  // unavailable sensors have no value
            // entPhySensorScale: 9 = units, 8 = milli, 10 = kilo (SI prefixes, 3 powers of ten a step)
            let scale = Double(v[1]?.integer ?? 9), precision = Double(v[2]?.integer ?? 0)
            let value = Double(raw) * pow10(3 * (scale - 9)) / pow10(precision)
            guard (-100...300).contains(value) else { continue }  // a device that lies
            report.readings.append(HealthReading(.temperature, name, value))
        }
        return report
    }

    /// UPS-MIB upsBattery: charge and runtime; battery low or depleted, or running on battery, is a fault.
    func upsBattery(_ agent: SNMPAgent) async -> HealthReport? {
        // upsBatteryStatus, upsSecondsOnBattery, upsEstimatedMinutesRemaining, upsEstimatedChargeRemaining
        let oids = [1, 2, 3, 4].map { Self.upsBattery.appending([UInt32($0), 0]) }
        guard let values = try? await agent.get(oids).map(\.value), values.count == 4, values[0].integer != nil else { return nil }
        var report = HealthReport()
        if let charge = values[3].integer, (0...100).contains(charge) { report.readings.append(HealthReading(.upsBatteryCharge, "battery", Double(charge))) }
        if let minutes = values[2].integer, minutes >= 0 { report.readings.append(HealthReading(.upsRuntime, "battery", Double(minutes))) }
        switch values[0].integer {
        case 3: report.faults.append(HealthFault(key: "ups battery", message: "UPS battery low"))
        case 4: report.faults.append(HealthFault(key: "ups battery", message: "UPS battery depleted"))
        default: break
        }
        if let onBattery = values[1].integer, onBattery > 0 {
            report.faults.append(HealthFault(key: "ups on battery", message: "UPS on battery for \(onBattery) s"))
        }
        return report
    }

    func ciscoCPU(_ agent: SNMPAgent) async -> HealthReport? {
        let loads = await rows(agent, OID("1.3.6.1.4.1.9.9.109.1.1.1.1"), [7]).compactMap { $0.values[0]?.integer }
            .filter { (0...100).contains($0) }
        guard !loads.isEmpty else { return nil }
        var report = HealthReport()
        report.readings.append(HealthReading(.cpu, "average", Double(loads.reduce(0, +)) / Double(loads.count)))
        return report
    }

    /// ciscoMemoryPoolTable: used percent of each pool (Processor, I/O).
    func ciscoMemory(_ agent: SNMPAgent) async -> HealthReport? {
        // ciscoMemoryPoolName, ciscoMemoryPoolUsed, ciscoMemoryPoolFree
        let rows = await rows(agent, Self.ciscoMemoryPoolEntry, [2, 5, 6])
        var report = HealthReport()
        for row in rows {
            guard let name = row.values[0]?.text, let used = row.values[1]?.unsigned, let free = row.values[2]?.unsigned,
                  used + free > 0 else { continue }
            report.readings.append(HealthReading(.memory, name, Double(used) / Double(used + free) * 100))
        }
        return report.readings.isEmpty ? nil : report
    }

    /// The probes identification named: each read as it says, scaled, as a percentage of its
    /// `of` where given. A probe the device does not answer gives nothing.
    func vendorProbes(_ agent: SNMPAgent, _ probes: [HealthProbe]) async -> HealthReport? {
        var report = HealthReport()
        for probe in probes {
            let label = probe.label ?? (probe.metric == "cpu" ? "average" : "system")
            func reading(_ value: Double, _ label: String) -> HealthReading? {
                let scaled = value * probe.scale
                return scaled.isFinite ? HealthReading(HealthReading.Metric(rawValue: probe.metric), label, scaled) : nil
            }
            func percent(_ value: Double, of total: Double?) -> Double? {
                guard let total else { return value }
                return total > 0 && value >= 0 ? value / total * 100 : nil
            }
            switch probe.read {
            case .get(let oid):
                let oids = [oid] + (probe.of.map { [$0] } ?? [])
                guard let values = try? await agent.get(oids).map(\.value), let value = values.first?.number,
                      let share = percent(value, of: probe.of == nil ? nil : values.last?.number ?? -1),
                      let r = reading(share, label) else { continue }
                report.readings.append(r)
            case .sum(let column), .count(let column, _):
                guard let rows = try? await walkColumn(agent, column), !rows.isEmpty else { continue }
                let values = rows.map(\.value)
                var total: Double
                if case .count(_, let equals) = probe.read {
                    total = Double(values.filter { equals == nil || $0.number == equals.map(Double.init) }.count)
                } else {
                    total = values.compactMap(\.number).reduce(0, +)
                }
                if let of = probe.of {
                    guard let whole = (try? await agent.get([of]))?.first?.value.number, let share = percent(total, of: whole) else { continue }
                    total = share
                }
                if let r = reading(total, label) { report.readings.append(r) }
            case .each(let column, let labelColumn):
                let columns = [column] + (labelColumn.map { [$0] } ?? []) + (probe.of.map { [$0] } ?? [])
                guard let rows = try? await agent.table(columns: columns) else { continue }
                for row in rows.prefix(Self.rowLimit) {
                    guard let value = row.values[0]?.number else { continue }
                    let name = labelColumn.flatMap { _ in row.values[1]?.text }.flatMap { $0.isEmpty ? nil : $0 }
                        ?? row.index.map(String.init).joined(separator: ".")
                    let total = probe.of.map { _ in row.values.last??.number ?? -1 }
                    guard let share = percent(value, of: total), let r = reading(share, name) else { continue }
                    report.readings.append(r)
                }
            }
        }
        return report.readings.isEmpty ? nil : report
    }

    private func walkColumn(_ agent: SNMPAgent, _ column: OID) async throws -> [VarBind] {
        var result: [VarBind] = []
        for try await varBind in agent.walk(column) {
            result.append(varBind)
            if result.count >= Self.rowLimit { break }
        }
        return result
    }

    private func pow10(_ exponent: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(abs(exponent)) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }
}

extension SNMPValue {
    /// Any numeric value as a Double (an Opaque or text value is not a number).
    var number: Double? {
        switch self {
        case .integer(let v): Double(v)
        case .gauge32(let v), .counter32(let v), .timeTicks(let v): Double(v)
        case .counter64(let v): Double(v)
        case .octetString(let text): Double(String(decoding: text.bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }
}
