public import Foundation

/// Rates of one interface over one poll interval. nil where unknown (no speed: no utilisation).
/// Stored as fixed point: bits/s whole, the per-second counts and percentages in hundredths.
public struct InterfaceRates: Sendable, Hashable {
    public var inBitsPerSecond: Double?
    public var outBitsPerSecond: Double?
    public var inPacketsPerSecond: Double?
    public var outPacketsPerSecond: Double?
    public var inErrorsPerSecond: Double?
    public var outErrorsPerSecond: Double?
    public var inDiscardsPerSecond: Double?
    public var outDiscardsPerSecond: Double?
    public var inUtilisation: Double?
    public var outUtilisation: Double?

    public init(
        inBitsPerSecond: Double? = nil, outBitsPerSecond: Double? = nil, inPacketsPerSecond: Double? = nil,
        outPacketsPerSecond: Double? = nil, inErrorsPerSecond: Double? = nil, outErrorsPerSecond: Double? = nil,
        inDiscardsPerSecond: Double? = nil, outDiscardsPerSecond: Double? = nil, inUtilisation: Double? = nil,
        outUtilisation: Double? = nil
    ) {
        self.inBitsPerSecond = inBitsPerSecond
        self.outBitsPerSecond = outBitsPerSecond
        self.inPacketsPerSecond = inPacketsPerSecond
        self.outPacketsPerSecond = outPacketsPerSecond
        self.inErrorsPerSecond = inErrorsPerSecond
        self.outErrorsPerSecond = outErrorsPerSecond
        self.inDiscardsPerSecond = inDiscardsPerSecond
        self.outDiscardsPerSecond = outDiscardsPerSecond
        self.inUtilisation = inUtilisation
        self.outUtilisation = outUtilisation
    }

    /// Column names and their fixed-point scale, in storage order.
    static let columns: [(name: String, scale: Double)] = [
        ("in_bps", 1), ("out_bps", 1), ("in_pps", 100), ("out_pps", 100), ("in_errors", 100), ("out_errors", 100),
        ("in_discards", 100), ("out_discards", 100), ("in_util", 100), ("out_util", 100),
    ]

    var values: [Double?] {
        [
            inBitsPerSecond, outBitsPerSecond, inPacketsPerSecond, outPacketsPerSecond, inErrorsPerSecond,
            outErrorsPerSecond, inDiscardsPerSecond, outDiscardsPerSecond, inUtilisation, outUtilisation,
        ]
    }

    init(values v: [Double?]) {
        self.init(
            inBitsPerSecond: v[0], outBitsPerSecond: v[1], inPacketsPerSecond: v[2], outPacketsPerSecond: v[3],
            inErrorsPerSecond: v[4], outErrorsPerSecond: v[5], inDiscardsPerSecond: v[6], outDiscardsPerSecond: v[7],
            inUtilisation: v[8], outUtilisation: v[9])
    }
}

/// One poll's rates for one interface.
public struct InterfaceSample: Sendable, Hashable {
    public var interfaceID: Int64
    public var at: Date
    public var rates: InterfaceRates
    public init(interfaceID: Int64, at: Date, rates: InterfaceRates) {
        self.interfaceID = interfaceID
        self.at = at
        self.rates = rates
    }
}

/// The tiers of the interface time series.
public enum SampleTier: String, Sendable, CaseIterable {
    case raw, fiveMinutes = "5m", hourly = "1h"

    /// Bucket width in seconds (raw: none).
    public var seconds: Int64 {
        switch self {
        case .raw: 0
        case .fiveMinutes: 300
        case .hourly: 3600
        }
    }

    var table: String {
        switch self {
        case .raw: "interface_samples_raw"
        case .fiveMinutes: "interface_samples_5m"
        case .hourly: "interface_samples_1h"
        }
    }
}

/// A point of a series: for raw, one sample (count 1, average = maximum);
/// for a rollup, the bucket starting at `at`.
public struct SeriesPoint: Sendable, Hashable {
    public var at: Date
    public var count: Int64
    public var average: InterfaceRates
    public var maximum: InterfaceRates
}

/// How long each kind of data is kept.
public struct RetentionPolicy: Sendable, Hashable {
    public var raw: TimeInterval
    public var fiveMinutes: TimeInterval
    public var hourly: TimeInterval
    public var health: TimeInterval
    public var events: TimeInterval
    public var resolvedAlerts: TimeInterval
    public var deliveredNotifications: TimeInterval
    public var syslog: TimeInterval
    public var traps: TimeInterval

    public static let day: TimeInterval = 86_400

    /// Defaults: raw 2 days, 5-minute 30 days, hourly 400 days; health 30 days; events and resolved alerts
    /// 400 days; delivered notifications 7 days; syslog and traps 30 days.
    public init(
        raw: TimeInterval = 2 * day, fiveMinutes: TimeInterval = 30 * day, hourly: TimeInterval = 400 * day,
        health: TimeInterval = 30 * day, events: TimeInterval = 400 * day, resolvedAlerts: TimeInterval = 400 * day,
        deliveredNotifications: TimeInterval = 7 * day, syslog: TimeInterval = 30 * day, traps: TimeInterval = 30 * day
    ) {
        self.raw = raw
        self.fiveMinutes = fiveMinutes
        self.hourly = hourly
        self.health = health
        self.events = events
        self.resolvedAlerts = resolvedAlerts
        self.deliveredNotifications = deliveredNotifications
        self.syslog = syslog
        self.traps = traps
    }

    public func keep(_ tier: SampleTier) -> TimeInterval {
        switch tier {
        case .raw: raw
        case .fiveMinutes: fiveMinutes
        case .hourly: hourly
        }
    }
}

/// What a prune removed.
public struct PruneCounts: Sendable, Hashable {
    public var rows: [String: Int]
    public init(rows: [String: Int] = [:]) { self.rows = rows }
    public subscript(_ table: String) -> Int { rows[table] ?? 0 }
}

/// One health reading of a device: metric `storage`, `cpu`, `memory` (percent used) or
/// `temperature` (°C), or another a profile names; `label` tells which disk, CPU or sensor.
public struct HealthSample: Sendable, Hashable {
    public var deviceID: Int64
    public var at: Date
    public var metric: String
    public var label: String
    public var value: Double
    public init(deviceID: Int64, at: Date, metric: String, label: String, value: Double) {
        self.deviceID = deviceID
        self.at = at
        self.metric = metric
        self.label = label
        self.value = value
    }
}
