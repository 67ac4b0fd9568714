import SNMPCodec
import Testing
@testable import SNMPSimulator

/// Values that move with time: sysUpTime and snmpsim's `numeric` variation module.
struct TimeVariationTests {
    let router: SNMPRecording

    init() throws {
        router = try RecordingFixtures.load("lab-router.snmprec").0
    }

    func value(_ oid: String, at seconds: Double) -> SNMPValue {
        router.get(.of(oid), at: .seconds(seconds))
    }

    @Test func sysUpTimeAdvancesFromTheRecordedValue() {
        #expect(value("1.3.6.1.2.1.1.3.0", at: 0) == .timeTicks(360_000))
        #expect(value("1.3.6.1.2.1.1.3.0", at: 10.5) == .timeTicks(361_050))
        #expect(value("1.3.6.1.2.1.1.3.0", at: 86_400) == .timeTicks(360_000 + 8_640_000))
        // Past 2^32 ticks (497 days) it wraps like any TimeTicks.
        #expect(value("1.3.6.1.2.1.1.3.0", at: 42_949_672.96) == .timeTicks(360_000))
    }

    @Test func sysUpTimeCanStayAsRecorded() throws {
        let (frozen, _) = try RecordingFixtures.load("lab-router.snmprec", options: .init(advanceSysUpTime: false))
        #expect(frozen.get(.of("1.3.6.1.2.1.1.3.0"), at: .seconds(100)) == .timeTicks(360_000))
        // numeric lines advance either way.
        #expect(frozen.get(.of("1.3.6.1.2.1.25.1.1.0"), at: .seconds(2)) == .timeTicks(700))
    }

    @Test func countersCountAtTheirRate() {
        #expect(value("1.3.6.1.2.1.2.2.1.10.2", at: 0) == .counter32(1000))
        #expect(value("1.3.6.1.2.1.2.2.1.10.2", at: 10) == .counter32(1_251_000))
        #expect(value("1.3.6.1.2.1.2.2.1.10.2", at: 0.5) == .counter32(63_500))
        #expect(value("1.3.6.1.2.1.31.1.1.1.6.10", at: 3) == .counter64(5_003_000_000))
        #expect(value("1.3.6.1.2.1.25.1.1.0", at: 2) == .timeTicks(700))
    }

    @Test func counterWrapsAtMax() {
        // 4294967000 + 100/s passes 2^32-1 after 2.95 s; snmpsim wraps with v % max + min.
        #expect(value("1.3.6.1.2.1.2.2.1.10.10", at: 2) == .counter32(4_294_967_200))
        #expect(value("1.3.6.1.2.1.2.2.1.10.10", at: 10) == .counter32(705))
    }

    @Test func integerWrapsBetweenMinAndMax() {
        #expect(value("1.3.6.1.4.1.99999.2.4.0", at: 0) == .integer(15))
        #expect(value("1.3.6.1.4.1.99999.2.4.0", at: 3) == .integer(18))
        #expect(value("1.3.6.1.4.1.99999.2.4.0", at: 7) == .integer(12))
    }

    @Test func functionScaleAndOffset() {
        #expect(value("1.3.6.1.4.1.99999.2.5.0", at: 0) == .gauge32(50))
        // sin peaks at 1 - 1e-10 here; Python's int() truncates that to 99 as Swift's does.
        #expect([.gauge32(99), .gauge32(100)].contains(value("1.3.6.1.4.1.99999.2.5.0", at: Double.pi / 2 / 0.01)))
        #expect(value("1.3.6.1.4.1.99999.2.5.0", at: 3 * Double.pi / 2 / 0.01 + 0.001) == .gauge32(0))
    }

    @Test(arguments: [
        ("rate=2", 10.0, SNMPValue.counter32(20)),
        ("min=100", 5, .counter32(105)),
        ("initial=7,rate=0", 1000, .counter32(7)),
        ("max=50", 60, .counter32(50)),
        ("max=50,wrap=0", 60, .counter32(10)),  // snmpsim tests for the key, not its value
        ("min=10,max=50,wrap=1", 60, .counter32(30)),
        ("rate=-1", 5, .counter32(0)),
        ("function=pow%<time>%2", 3, .counter32(9)),
        ("function=pow%2%<time>,rate=0.5", 8, .counter32(16)),
        ("function=sqrt,scale=10", 16, .counter32(40)),
        ("function=log,initial=5", 0, .counter32(0)),  // log(0) + 5 is -inf: clamped to min
        ("scale=-1", 5, .counter32(0)),
        ("atime=1,rate=1", 0, .counter32(1_700_000_000)),
    ])
    func numericParameters(_ parameters: String, _ seconds: Double, _ expected: SNMPValue) {
        let (recording, warnings) = RecordingFixtures.parse("1.3.6.1.4.1.99999.9.0|65:numeric|\(parameters)\n")
        #expect(warnings.isEmpty, "\(warnings)")
        let time = SimulationTime(elapsed: .milliseconds(Int64(seconds * 1000)), unixTime: 1_700_000_000)
        #expect(recording.get(.of("1.3.6.1.4.1.99999.9.0"), at: time) == expected)
    }

    @Test func integerClampsIntoInteger32() {
        let (recording, _) = RecordingFixtures.parse("1.3.6.1.4.1.99999.9.0|2:numeric|initial=2147483000\n")
        #expect(recording.get(.of("1.3.6.1.4.1.99999.9.0"), at: .seconds(10_000)) == .integer(.max))
    }

    @Test func deviationIsDeterministicForAGivenTime() {
        let text = "1.3.6.1.4.1.99999.9.0|66:numeric|initial=1000,rate=0,deviation=5\n"
        let a = RecordingFixtures.parse(text).0, b = RecordingFixtures.parse(text).0
        var seen = Set<UInt32>()
        for second in 0..<200 {
            let time = SimulationTime.seconds(Double(second) + 0.25)
            let value = a.get(.of("1.3.6.1.4.1.99999.9.0"), at: time)
            #expect(value == b.get(.of("1.3.6.1.4.1.99999.9.0"), at: time))
            #expect(value == a.get(.of("1.3.6.1.4.1.99999.9.0"), at: .seconds(Double(second) + 0.75)))
            guard case .gauge32(let v) = value else {
                Issue.record("expected a Gauge32, got \(value)")
                return
            }
            #expect((995..<1005).contains(v))
            seen.insert(v)
        }
        #expect(seen.count == 10)
    }

    @Test func unknownParametersAreReportedButServed() {
        let (recording, warnings) = RecordingFixtures.parse("1.3.6.1.4.1.99999.9.0|65:numeric|rate=1,colour=3,cumulative=1\n")
        #expect(warnings.map(\.code) == [.unsupportedVariationParameter, .unsupportedVariationParameter])
        #expect(recording.get(.of("1.3.6.1.4.1.99999.9.0"), at: .seconds(4)) == .counter32(4))
    }

    @Test func snmpsimSplitPrefersRepeatedSeparators() {
        #expect(snmpsimSplit("a=1,b=2", ",") == ["a=1", "b=2"])
        #expect(snmpsimSplit("a=1,2,,b=3", ",") == ["a=1,2", "b=3"])
        #expect(snmpsimSplit("x", ",") == ["x"])
        #expect(snmpsimSplit("", ",") == [""])
    }

    @Test func answersArePureFunctionsOfTheTime() {
        let times = [0.0, 1, 59.99, 3600, 1e6].map(SimulationTime.seconds)
        for time in times {
            #expect(router.varBinds(at: time) == router.varBinds(at: time))
        }
        #expect(router.varBinds(at: .seconds(1)) != router.varBinds(at: .seconds(2)))
    }
}
