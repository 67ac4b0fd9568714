public import NIOCore
import Synchronization

/// One ``SourceRateLimiter`` shared by every listener (a device sending over UDP and TCP at once
/// has one budget); a lock per batch, not per byte.
final class SharedRateLimiter: Sendable {
    private let limiter: Mutex<SourceRateLimiter>

    init(_ configuration: SyslogServer.RateLimit) {
        limiter = Mutex(SourceRateLimiter(ratePerSecond: configuration.messagesPerSecond, burst: configuration.burst,
                                          maximumSources: configuration.maximumSources))
    }

    func admit(_ key: SourceKey, now: UInt64) -> Bool {
        limiter.withLock { $0.admit(key, now: now) } == .admitted
    }

    /// Nanoseconds the stream should wait, 0 for none.
    func charge(_ key: SourceKey, count: Int, now: UInt64) -> UInt64 {
        switch limiter.withLock({ $0.charge(key, count: count, now: now) }) {
        case .admitted: 0
        case .limited(let wait): wait
        }
    }
}

extension SourceKey {
    /// The key of a socket address's IP (port ignored); nil for Unix sockets.
    public init?(_ address: SocketAddress) {
        switch address {
        case .v4(let a):
            // sockaddr_in: 2 bytes family (BSD: length, family), 2 port, then the address.
            let b = withUnsafeBytes(of: a.address) { Array($0[4..<8]) }
            self.init(ipv4: b[0], b[1], b[2], b[3])
        case .v6(let a):
            // sockaddr_in6: family, port, 4 bytes flow info, then the address.
            self.init(ipv6: withUnsafeBytes(of: a.address) { Array($0[8..<24]) })
        case .unixDomainSocket:
            return nil
        }
    }
}
