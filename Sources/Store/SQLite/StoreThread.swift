import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The store's own threads name themselves (so `top -H` and `perf` tell them apart) and the
/// full-text indexer runs at a lower priority: receiving syslog and traps must never wait for a
/// core behind indexing, which may lag and catch up (a datagram not read in time is lost; an
/// index entry made a second later is not).
enum StoreThread {
    /// Call on the thread itself.
    static func become(_ name: String, niceness: Int32 = 0) {
        Thread.current.name = name
        #if canImport(Glibc)
        // Linux keeps the nice value per thread: `who` 0 is the calling thread.
        if niceness != 0 { _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness) }
        #endif
    }
}
