import Foundation

/// The store's own threads name themselves, so `top -H` and `perf` tell the writer and the
/// full-text indexer apart from the rest. (Running the indexer at a lower priority was measured
/// and not kept: with its back-pressure on the writer, UDP lost more, not less.)
enum StoreThread {
    /// Call on the thread itself.
    static func become(_ name: String) {
        Thread.current.name = name
    }
}
