import NIOCore
import SNMPCodec
import Synchronization

/// What a manager knows of each authoritative engine it talks to: engine ID, boots, time and
/// the user keys localised to it (RFC 3414 sections 2.3 and 4).
///
/// Kept per agent address, not per process, so thousands of agents are discovered and polled
/// in parallel; bounded, evicting the engines least recently synchronised. A report
/// (unknown engine ID, not in time window) refreshes an entry.
public final class USMEngineCache: Sendable {
    struct Engine: Sendable {
        var engineID: [UInt8]
        var boots: Int32
        var time: Int32
        var syncedAt: ContinuousClock.Instant
        var keys: [KeyID: USMLocalizedKeys] = [:]

        /// The engine's time now, estimated from the last synchronisation (RFC 3414 2.3).
        func estimatedTime(at now: ContinuousClock.Instant) -> Int32 {
            let elapsed = (now - syncedAt).components.seconds
            return Int32(clamping: Int64(time) + elapsed)
        }
    }

    struct KeyID: Hashable, Sendable {
        let user: OctetString
        let auth: AuthenticationProtocol
        let priv: PrivacyProtocol
    }

    private let engines: Mutex<[SocketAddress: Engine]>
    public let capacity: Int

    public init(capacity: Int = 100_000) {
        self.capacity = max(1, capacity)
        self.engines = Mutex([:])
    }

    /// A cache shared by every USM security model that is not given its own.
    public static let shared = USMEngineCache()

    public var count: Int { engines.withLock { $0.count } }

    func engine(for address: SocketAddress) -> Engine? {
        engines.withLock { $0[address] }
    }

    func store(_ engine: Engine, for address: SocketAddress) {
        engines.withLock { engines in
            if engines[address] == nil && engines.count >= capacity,
               let oldest = engines.min(by: { $0.value.syncedAt < $1.value.syncedAt })?.key {
                engines[oldest] = nil
            }
            engines[address] = engine
        }
    }

    /// Records the boots and time of an authenticated message (RFC 3414 3.2 step 7b).
    func synchronise(address: SocketAddress, engineID: [UInt8], boots: Int32, time: Int32, at now: ContinuousClock.Instant) {
        engines.withLock { engines in
            guard var engine = engines[address], engine.engineID == engineID else { return }
            if boots > engine.boots || (boots == engine.boots && time > engine.estimatedTime(at: now)) {
                engine.boots = boots
                engine.time = time
                engine.syncedAt = now
                engines[address] = engine
            }
        }
    }

    /// The user's keys localised to the engine, computed once per engine and user.
    func localizedKeys(_ user: USMUser, address: SocketAddress, engineID: [UInt8]) throws(USMError) -> USMLocalizedKeys {
        let id = KeyID(user: user.name, auth: user.keys.authProtocol, priv: user.keys.privProtocol)
        if let keys = engines.withLock({ $0[address]?.engineID == engineID ? $0[address]?.keys[id] : nil }) { return keys }
        let keys = try user.keys.localized(to: engineID)
        engines.withLock { engines in
            if engines[address]?.engineID == engineID { engines[address]?.keys[id] = keys }
        }
        return keys
    }
}
