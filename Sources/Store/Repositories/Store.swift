/// The store as the daemon sees it. The SQLite implementation is `SQLiteStore`; a PostgreSQL one
/// implements the same protocols, so callers never name the engine.
///
/// Writes are queued to one writer and committed in batches; an `async` write returns once its
/// batch is committed (durable), so a caller that got an answer can rely on it after a crash.
public protocol Store: Sendable {
    var devices: any DeviceRepository { get }
    var interfaces: any InterfaceRepository { get }
    var samples: any SampleRepository { get }
    var health: any HealthRepository { get }
    var neighbours: any NeighbourRepository { get }
    var physicalInventory: any PhysicalInventoryRepository { get }
    var events: any EventRepository { get }
    var alerts: any AlertRepository { get }
    var outbox: any OutboxRepository { get }
    var syslog: any SyslogRepository { get }
    var traps: any TrapRepository { get }
    var discovery: any DiscoveryRepository { get }

    /// Waits until every write queued before the call is committed.
    func flush() async throws
    /// Drains the queued writes, then closes; later writes throw `StoreError.closed`.
    func close() async throws
}

public enum StoreError: Error, Equatable, CustomStringConvertible {
    case closed
    case notFound(String)
    case invalid(String)

    public var description: String {
        switch self {
        case .closed: "the store is closed"
        case .notFound(let what): "not found: \(what)"
        case .invalid(let why): "invalid: \(why)"
        }
    }
}
