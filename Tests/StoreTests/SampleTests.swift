import Foundation
import Store
import Testing

struct SampleTests {
    func interface(_ store: SQLiteStore) async throws -> Int64 {
        let device = try await demoDevice(store)
        return try await store.interfaces.sync(deviceID: device.id, [InterfaceTests.port(1)], at: t0)[0].interfaceID
    }

    /// t0 rounded down to an hour, so buckets line up with the test's arithmetic.
    static let hour = Date(timeIntervalSince1970: Double(Int(t0.timeIntervalSince1970) / 3600 * 3600))

    @Test func rawRoundTripInFixedPoint() async throws {
        try await withStore { store, _ in
            let id = try await interface(store)
            let rates = InterfaceRates(
                inBitsPerSecond: 1_234_567.4, outBitsPerSecond: 0, inPacketsPerSecond: 12.345, outPacketsPerSecond: 0.01,
                inErrorsPerSecond: 0.5, inUtilisation: 37.456)
            try await store.samples.record([InterfaceSample(interfaceID: id, at: Self.hour, rates: rates)])
            let points = try await store.samples.series(interfaceID: id, tier: .raw, from: Self.hour, to: Self.hour + 60)
            #expect(points.count == 1)
            let got = points[0].average
            #expect(got.inBitsPerSecond == 1_234_567 && got.outBitsPerSecond == 0)
            #expect(got.inPacketsPerSecond == 12.35 && got.outPacketsPerSecond == 0.01 && got.inErrorsPerSecond == 0.5)
            #expect(got.inUtilisation == 37.46 && got.outUtilisation == nil && got.inDiscardsPerSecond == nil)
        }
    }

    @Test func fiveMinuteAndHourlyRollupArithmetic() async throws {
        try await withStore { store, _ in
            let id = try await interface(store)
            // One sample a minute for two hours; in_bps = minute × 1000, util alternates 10 / 30 %, errors only at minute 7.
            var samples: [InterfaceSample] = []
            for minute in 0..<120 {
                samples.append(
                    InterfaceSample(
                        interfaceID: id, at: Self.hour + Double(minute * 60) + 5,
                        rates: InterfaceRates(
                            inBitsPerSecond: Double(minute * 1000), outBitsPerSecond: 500,
                            inErrorsPerSecond: minute == 7 ? 2 : 0, inUtilisation: minute % 2 == 0 ? 10 : 30)))
            }
            try await store.samples.record(samples)
            // Only buckets that ended 60 s before now: at hour+62 min, the 5-minute buckets up to hour+60.
            try await store.samples.rollUp(now: Self.hour + 62 * 60, grace: 60)

            let five = try await store.samples.series(interfaceID: id, tier: .fiveMinutes, from: Self.hour, to: Self.hour + 7200)
            #expect(five.count == 12)
            #expect(five[0].at == Self.hour && five[0].count == 5)
            #expect(five[0].average.inBitsPerSecond == 2000)  // (0+1+2+3+4)×1000 / 5
            #expect(five[0].maximum.inBitsPerSecond == 4000)
            #expect(five[0].average.inUtilisation == 18)  // (10+30+10+30+10) / 5
            #expect(five[1].average.inErrorsPerSecond == 0.4 && five[1].maximum.inErrorsPerSecond == 2)
            #expect(five[11].average.inBitsPerSecond == 57000 && five[11].average.outBitsPerSecond == 500)

            let hourly = try await store.samples.series(interfaceID: id, tier: .hourly, from: Self.hour, to: Self.hour + 7200)
            #expect(hourly.count == 1)
            #expect(hourly[0].count == 60)
            #expect(hourly[0].average.inBitsPerSecond == 29500)  // mean of 0…59 × 1000
            #expect(hourly[0].maximum.inBitsPerSecond == 59000)
            #expect(hourly[0].average.inUtilisation == 20)
            #expect(hourly[0].average.inErrorsPerSecond == 0.03)  // 2 / 60 = 0.0333 → hundredths

            // Later: the second hour rolls up too; rolling up again changes nothing.
            try await store.samples.rollUp(now: Self.hour + 3 * 3600, grace: 60)
            try await store.samples.rollUp(now: Self.hour + 3 * 3600, grace: 60)
            let all = try await store.samples.series(interfaceID: id, tier: .hourly, from: Self.hour, to: Self.hour + 7200)
            #expect(all.map(\.count) == [60, 60])
            #expect(all[1].average.inBitsPerSecond == 89500 && all[1].maximum.inBitsPerSecond == 119_000)
            #expect(try await store.samples.series(interfaceID: id, tier: .fiveMinutes, from: Self.hour, to: Self.hour + 7200).count == 24)
        }
    }

    @Test func retentionPrunesEachTierByItsOwnAge() async throws {
        try await withStore { store, _ in
            let id = try await interface(store)
            // Ten days of one sample per hour.
            let samples = (0..<240).map { h in
                InterfaceSample(interfaceID: id, at: Self.hour + Double(h * 3600), rates: InterfaceRates(inBitsPerSecond: Double(h)))
            }
            try await store.samples.record(samples)
            let end = Self.hour + 240 * 3600
            try await store.samples.rollUp(now: end, grace: 0)
            #expect(try await store.samples.series(interfaceID: id, tier: .fiveMinutes, from: Self.hour, to: end).count == 240)
            #expect(try await store.samples.series(interfaceID: id, tier: .hourly, from: Self.hour, to: end).count == 240)

            let policy = RetentionPolicy(raw: 2 * RetentionPolicy.day, fiveMinutes: 5 * RetentionPolicy.day, hourly: 8 * RetentionPolicy.day)
            let counts = try await store.samples.prune(now: end, policy: policy)
            #expect(counts["interface_samples_raw"] == 192)
            #expect(counts["interface_samples_5m"] == 120)
            #expect(counts["interface_samples_1h"] == 48)
            let raw = try await store.samples.series(interfaceID: id, tier: .raw, from: Self.hour, to: end)
            #expect(raw.count == 48 && raw.first?.at == end - 2 * RetentionPolicy.day)
            #expect(try await store.samples.series(interfaceID: id, tier: .fiveMinutes, from: Self.hour, to: end).count == 120)
            #expect(try await store.samples.series(interfaceID: id, tier: .hourly, from: Self.hour, to: end).count == 192)
        }
    }

    @Test func seriesHonoursSecondsWithinSlotsAndTheRangeEnds() async throws {
        try await withStore { store, _ in
            let id = try await interface(store)
            // Polls at :07 past each minute, two of them in one minute (a re-poll).
            let times = [7.0, 67, 127, 150, 187].map { Self.hour + $0 }
            try await store.samples.record(
                times.enumerated().map { InterfaceSample(interfaceID: id, at: $1, rates: InterfaceRates(inBitsPerSecond: Double($0))) })
            let all = try await store.samples.series(interfaceID: id, tier: .raw, from: Self.hour, to: Self.hour + 600)
            #expect(all.map(\.at) == times && all.map(\.average.inBitsPerSecond) == [0, 1, 2, 3, 4])
            // `from` inside a slot, `to` exclusive.
            let middle = try await store.samples.series(interfaceID: id, tier: .raw, from: Self.hour + 100, to: Self.hour + 187)
            #expect(middle.map(\.at) == [Self.hour + 127, Self.hour + 150])
            // Recording the same second again replaces the sample.
            try await store.samples.record([InterfaceSample(interfaceID: id, at: Self.hour + 67, rates: InterfaceRates(inBitsPerSecond: 9))])
            let again = try await store.samples.series(interfaceID: id, tier: .raw, from: Self.hour, to: Self.hour + 600)
            #expect(again.map(\.average.inBitsPerSecond) == [0, 9, 2, 3, 4])
            // Pruning at a cutoff inside a slot keeps that slot's later seconds.
            let policy = RetentionPolicy(raw: 100)
            #expect(try await store.samples.prune(now: Self.hour + 240, policy: policy)["interface_samples_raw"] == 3)  // cutoff :140
            #expect(try await store.samples.series(interfaceID: id, tier: .raw, from: Self.hour, to: Self.hour + 600).map(\.at) == Array(times[3...]))
        }
    }

    @Test func rollupsCoverInterfacesBeyondOneRange() async throws {
        try await withStore { store, _ in
            // More interfaces than one rollup operation takes (20,000): the first and the last
            // must both get their buckets.
            let device = try await demoDevice(store)
            let observations = (1...20_050).map { InterfaceObservation(ifIndex: Int64($0)) }
            let ids = try await store.interfaces.sync(deviceID: device.id, observations, at: t0).map(\.interfaceID)
            let first = ids.min()!, last = ids.max()!
            #expect(last >= 20_000)
            try await store.samples.record(
                [first, last].flatMap { id in
                    (0..<5).map { m in
                        InterfaceSample(interfaceID: id, at: Self.hour + Double(m * 60), rates: InterfaceRates(inBitsPerSecond: Double(m * 10)))
                    }
                })
            try await store.samples.rollUp(now: Self.hour + 3600, grace: 0)
            for id in [first, last] {
                let five = try await store.samples.series(interfaceID: id, tier: .fiveMinutes, from: Self.hour, to: Self.hour + 3600)
                #expect(five.count == 1 && five.first?.average.inBitsPerSecond == 20 && five.first?.maximum.inBitsPerSecond == 40)
                let hourly = try await store.samples.series(interfaceID: id, tier: .hourly, from: Self.hour, to: Self.hour + 3600)
                #expect(hourly.count == 1 && hourly.first?.count == 5)
            }
        }
    }
}
