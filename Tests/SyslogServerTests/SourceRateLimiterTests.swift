import NIOCore
import Testing
@testable import SyslogServer

struct SourceRateLimiterTests {
    let a = SourceKey(ipv4: 192, 0, 2, 1)
    let b = SourceKey(ipv4: 192, 0, 2, 2)
    let second: UInt64 = 1_000_000_000

    @Test func aBurstPassesThenTheRateHolds() {
        var limiter = SourceRateLimiter(ratePerSecond: 10, burst: 5)
        let admitted = (0..<20).filter { _ in limiter.admit(a, now: 0) == .admitted }.count
        #expect(admitted == 5)
        // 0.5 s later five tokens are back, not more.
        let later = (0..<20).filter { _ in limiter.admit(a, now: second / 2) == .admitted }.count
        #expect(later == 5)
        #expect(limiter.admit(a, now: second / 2) == .limited(retryAfterNanoseconds: 100_000_000))
    }

    @Test func oneFloodingSourceDoesNotSpendAnothersBudget() {
        var limiter = SourceRateLimiter(ratePerSecond: 100, burst: 10)
        for _ in 0..<10_000 { _ = limiter.admit(a, now: 1) }
        let passed = (0..<10).filter { _ in limiter.admit(b, now: 1) == .admitted }.count
        #expect(passed == 10)
    }

    @Test func aStreamIsChargedIntoDebtAndToldHowLongToWait() {
        var limiter = SourceRateLimiter(ratePerSecond: 1_000, burst: 100)
        #expect(limiter.charge(a, count: 100, now: 0) == .admitted)
        // 400 over budget at 1,000/s: wait 0.4 s.
        #expect(limiter.charge(a, count: 400, now: 0) == .limited(retryAfterNanoseconds: 400_000_000))
        // After 0.4 s the debt is paid; the bucket is empty, not full.
        #expect(limiter.charge(a, count: 1, now: 400_000_000) == .limited(retryAfterNanoseconds: 1_000_000))
    }

    @Test func theTableIsBoundedAndIdleSourcesAreForgotten() {
        var limiter = SourceRateLimiter(ratePerSecond: 1, burst: 2, maximumSources: 4)
        for i in 0..<4 { _ = limiter.admit(SourceKey(ipv4: 10, 0, 0, UInt8(i)), count: 2, now: 0) }
        #expect(limiter.trackedSourceCount == 4)
        // All four are busy: newcomers share one overflow bucket (2 tokens between them).
        let newcomers = (10..<20).filter { limiter.admit(SourceKey(ipv4: 10, 0, 0, UInt8($0)), now: 0) == .admitted }.count
        #expect(newcomers == 2)
        #expect(limiter.trackedSourceCount == 4)
        // Ten seconds on, the four have refilled: they are forgotten and the newcomer gets its own bucket.
        #expect(limiter.admit(SourceKey(ipv4: 10, 0, 0, 99), count: 2, now: 10 * second) == .admitted)
        #expect(limiter.trackedSourceCount == 1)
    }

    @Test func keysIgnoreThePortAndMapIPv4IntoIPv6() throws {
        let v4 = try SourceKey(.init(ipAddress: "192.0.2.1", port: 514))
        let v4b = try SourceKey(.init(ipAddress: "192.0.2.1", port: 40_000))
        let mapped = try SourceKey(.init(ipAddress: "::ffff:192.0.2.1", port: 1))
        #expect(v4 == a && v4b == a && mapped == a)
        #expect(try SourceKey(.init(ipAddress: "2001:db8::1", port: 1)) != a)
    }
}
