/// A token bucket per source address, sans I/O: each source may send `ratePerSecond` messages on
/// average with bursts of `burst`, so one flooding device cannot take the whole receiver.
///
/// Memory is bounded by `maximumSources`: when the table is full, sources whose buckets have
/// refilled (idle ones) are forgotten; if none has, new sources share one overflow bucket, so a
/// spoofed-address flood cannot grow the table or starve the sources already known.
public struct SourceRateLimiter: Sendable {
    public let ratePerSecond: Double
    public let burst: Double
    public let maximumSources: Int

    private var buckets: [SourceKey: Bucket] = [:]
    private var overflow: Bucket

    struct Bucket: Sendable {
        var tokens: Double
        var updated: UInt64
    }

    /// What ``admit(_:count:now:)`` and ``charge(_:count:now:)`` decided.
    public enum Decision: Hashable, Sendable {
        case admitted
        /// Over the limit: `retryAfterNanoseconds` until enough tokens are back.
        case limited(retryAfterNanoseconds: UInt64)
    }

    /// - Parameters:
    ///   - ratePerSecond: sustained messages per second per source (> 0).
    ///   - burst: bucket size, messages a source may send at once (at least 1).
    ///   - maximumSources: sources tracked individually.
    public init(ratePerSecond: Double, burst: Int, maximumSources: Int = 65_536) {
        self.ratePerSecond = max(ratePerSecond, 0.001)
        self.burst = Double(max(burst, 1))
        self.maximumSources = max(maximumSources, 1)
        self.overflow = Bucket(tokens: Double(max(burst, 1)), updated: 0)
    }

    /// Sources tracked individually now.
    public var trackedSourceCount: Int { buckets.count }

    /// Takes `count` tokens if the source has them, else none (a datagram is dropped whole).
    public mutating func admit(_ source: SourceKey, count: Int = 1, now: UInt64) -> Decision {
        withBucket(source, now: now) { bucket, rate in
            let need = Double(count)
            if bucket.tokens >= need {
                bucket.tokens -= need
                return .admitted
            }
            return .limited(retryAfterNanoseconds: Self.nanoseconds(need - bucket.tokens, rate: rate))
        }
    }

    /// Takes `count` tokens even if that goes into debt, and says how long the source should wait
    /// before sending more: a stream is slowed down (back-pressure), never dropped.
    public mutating func charge(_ source: SourceKey, count: Int = 1, now: UInt64) -> Decision {
        withBucket(source, now: now) { bucket, rate in
            bucket.tokens -= Double(count)
            return bucket.tokens >= 0 ? .admitted : .limited(retryAfterNanoseconds: Self.nanoseconds(-bucket.tokens, rate: rate))
        }
    }

    private static func nanoseconds(_ tokens: Double, rate: Double) -> UInt64 {
        UInt64(min((tokens / rate * 1e9).rounded(.up), 3.6e12))
    }

    private mutating func withBucket(_ source: SourceKey, now: UInt64, _ body: (inout Bucket, Double) -> Decision) -> Decision {
        if var bucket = buckets[source] {
            refill(&bucket, now: now)
            let d = body(&bucket, ratePerSecond)
            buckets[source] = bucket
            return d
        }
        if buckets.count >= maximumSources { evictIdle(now: now) }
        if buckets.count >= maximumSources {
            refill(&overflow, now: now)
            return body(&overflow, ratePerSecond)
        }
        var bucket = Bucket(tokens: burst, updated: now)
        let d = body(&bucket, ratePerSecond)
        buckets[source] = bucket
        return d
    }

    private func refill(_ bucket: inout Bucket, now: UInt64) {
        guard now > bucket.updated else { return }
        let elapsed = Double(now - bucket.updated) / 1e9
        bucket.tokens = min(burst, bucket.tokens + elapsed * ratePerSecond)
        bucket.updated = now
    }

    /// Forgets every source whose bucket would be full again: it is as if it had never sent.
    private mutating func evictIdle(now: UInt64) {
        let full = burst
        let rate = ratePerSecond
        buckets = buckets.filter { _, b in
            let elapsed = now > b.updated ? Double(now - b.updated) / 1e9 : 0
            return b.tokens + elapsed * rate < full
        }
    }
}

/// A source's IP address (port ignored: one device, many source ports, one bucket), 16 bytes,
/// IPv4 as an IPv4-mapped IPv6 address.
public struct SourceKey: Hashable, Sendable {
    public let high: UInt64
    public let low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// An IPv4 address, as its 4 bytes in network order.
    public init(ipv4 a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        self.high = 0
        self.low = 0xFFFF_0000_0000 | UInt64(a) << 24 | UInt64(b) << 16 | UInt64(c) << 8 | UInt64(d)
    }

    /// 16 bytes of an IPv6 address in network order.
    public init(ipv6 bytes: [UInt8]) {
        precondition(bytes.count == 16)
        var h: UInt64 = 0, l: UInt64 = 0
        for i in 0..<8 { h = h << 8 | UInt64(bytes[i]) }
        for i in 8..<16 { l = l << 8 | UInt64(bytes[i]) }
        self.high = h
        self.low = l
    }
}
