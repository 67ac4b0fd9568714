public import Foundation

/// Interfaces and their state history.
public protocol InterfaceRepository: Sendable {
    /// Upserts what a poll saw by ifIndex and writes a history row per changed field;
    /// returns the changes (an interface seen for the first time: one `added` change).
    func sync(deviceID: Int64, _ observations: [InterfaceObservation], at: Date) async throws -> [InterfaceChange]
    func interfaces(deviceID: Int64) async throws -> [Interface]
    /// Newest first.
    func history(interfaceID: Int64, since: Date?, limit: Int) async throws -> [InterfaceChange]
}

/// Interface rates in raw, 5-minute and hourly tiers.
public protocol SampleRepository: Sendable {
    func record(_ samples: [InterfaceSample]) async throws
    /// Rolls raw samples up into 5-minute buckets and those into hourly ones, for every bucket
    /// that ended at least `grace` before `now` and was not rolled up before.
    func rollUp(now: Date, grace: TimeInterval) async throws
    /// Removes samples older than each tier's retention.
    func prune(now: Date, policy: RetentionPolicy) async throws -> PruneCounts
    /// Oldest first, `from` ≤ at < `to`.
    func series(interfaceID: Int64, tier: SampleTier, from: Date, to: Date) async throws -> [SeriesPoint]
}

/// Device health readings (storage, CPU, memory, temperature).
public protocol HealthRepository: Sendable {
    func record(_ samples: [HealthSample]) async throws
    /// Oldest first.
    func series(deviceID: Int64, metric: String, label: String?, from: Date, to: Date) async throws -> [HealthSample]
    /// The newest reading of each metric and label of the device.
    func latest(deviceID: Int64) async throws -> [HealthSample]
    func prune(now: Date, policy: RetentionPolicy) async throws -> PruneCounts
}

/// LLDP/CDP neighbours.
public protocol NeighbourRepository: Sendable {
    /// Replaces the device's neighbours with what the poll saw; returns who came and went.
    func replace(deviceID: Int64, _ neighbours: [Neighbour], at: Date) async throws -> NeighbourChanges
    func neighbours(deviceID: Int64) async throws -> [Neighbour]
    /// Every device's neighbours, by device id (the daemon's topology at start).
    func allNeighbours() async throws -> [Int64: [Neighbour]]
}

/// ENTITY-MIB physical inventory (modules, transceivers, power supplies, fans) and its history.
public protocol PhysicalInventoryRepository: Sendable {
    /// Replaces the device's entities with what identification read, keyed by entPhysicalIndex,
    /// and writes a history row per change; returns the changes, oldest first. The device's
    /// first inventory changes nothing (empty result, no history). An entity that moved to
    /// another index with the same class, name, model and serial is the same entity.
    func replace(deviceID: Int64, _ entities: [PhysicalEntity], at: Date) async throws -> [PhysicalEntityChange]
    /// In index order.
    func entities(deviceID: Int64) async throws -> [PhysicalEntity]
    /// Newest first.
    func history(deviceID: Int64, limit: Int) async throws -> [PhysicalEntityChange]
    /// How many field-replaceable units each device has, for those with any (the inventory export).
    func fieldReplaceableCounts() async throws -> [Int64: Int]
}
