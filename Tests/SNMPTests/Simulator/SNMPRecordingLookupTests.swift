import SNMP
import SNMPCodec
import Testing
@testable import SNMPSimulator

struct SNMPRecordingLookupTests {
    let start = SimulationTime.start
    let router: SNMPRecording

    init() throws {
        router = try RecordingFixtures.load("lab-router.snmprec").0
    }

    // MARK: Order

    @Test func entriesAreInArcOrderNotOctetOrder() throws {
        // In BER, 16383 is FF 7F and 16384 is 81 80 00: octet order would put 16384 first.
        let (recording, warnings) = try RecordingFixtures.load("site-a/edge-switch.snmprec")
        #expect(warnings.isEmpty)
        let walk = recording.varBinds(at: start)
        #expect(walk.map(\.oid.description) == [
            "1.3.6.1.2.1.1.3.0", "1.3.6.1.2.1.1.5.0",
            "1.3.6.1.4.1.99999.3.127.0", "1.3.6.1.4.1.99999.3.128.0", "1.3.6.1.4.1.99999.3.16383.0",
            "1.3.6.1.4.1.99999.3.16384.0", "1.3.6.1.4.1.99999.3.2097151.0", "1.3.6.1.4.1.99999.3.2097152.0",
        ])
        #expect(walk.suffix(6).map(\.value) == (1...6).map { .integer(Int32($0)) })
        for (a, b) in zip(walk, walk.dropFirst()) { #expect(a.oid < b.oid) }
    }

    @Test func ifIndexTenSortsAfterTwo() {
        let walk = router.varBinds(at: start).map(\.oid.description)
        let column = walk.filter { $0.hasPrefix("1.3.6.1.2.1.2.2.1.1.") }
        #expect(column == ["1.3.6.1.2.1.2.2.1.1.1", "1.3.6.1.2.1.2.2.1.1.2", "1.3.6.1.2.1.2.2.1.1.10"])
    }

    @Test func compareMatchesOIDOrder() {
        let samples = ["0.0", "0.39", "1.3", "1.3.6", "1.3.6.0", "1.3.6.1", "1.3.6.127", "1.3.6.128", "1.3.6.16383",
                       "1.3.6.16384", "1.3.6.16384.1", "1.3.6.4294967295", "2.0", "2.39", "2.40", "2.999", "2.16383",
                       "2.16384"].map(OID.of)
        for a in samples {
            for b in samples {
                let c = a.encoded.withUnsafeBufferPointer { x in
                    b.encoded.withUnsafeBufferPointer { y in
                        OIDKey.compare(x.baseAddress!, x.count, y.baseAddress!, y.count)
                    }
                }
                #expect((c < 0) == (a < b), "\(a) vs \(b)")
                #expect((c == 0) == (a == b), "\(a) vs \(b)")
            }
        }
    }

    // MARK: Get

    @Test func getAnswersLikeAnAgent() {
        let get = { (oid: String) in router.get(.of(oid), at: start) }
        #expect(get("1.3.6.1.2.1.1.5.0") == .octetString("lab-rtr-01"))
        // The object exists (something lives under its parent), this instance does not.
        #expect(get("1.3.6.1.2.1.1.5.1") == .noSuchInstance)
        #expect(get("1.3.6.1.2.1.2.2.1.2.99") == .noSuchInstance)
        #expect(get("1.3.6.1.2.1.2.2.1.2.0") == .noSuchInstance)
        #expect(get("1.3.6.1.2.1.2.2.1.2") == .noSuchInstance)
        // Nothing under the parent: no such object.
        #expect(get("1.3.6.1.2.1.99.1.0") == .noSuchObject)
        #expect(get("1.3.6.1.2.1.2.2.1.99.1") == .noSuchObject)
        #expect(get("1.3.6.1.6.3.1.1.4.1.0") == .noSuchObject)
        // Before the first and after the last variable.
        #expect(get("0.0") == .noSuchObject)
        #expect(get("1.3") == .noSuchObject)
        #expect(get("2.25.1") == .noSuchObject)
        #expect(get("1.3.6.1.4.1.99999.2.10.0") == .noSuchObject)
        #expect(get("1.3.6.1.4.1.99999.2.2.1") == .noSuchInstance)
    }

    // MARK: Next

    @Test func nextIsStrictlyGreater() {
        let next = { (oid: String) in router.next(after: .of(oid), at: start)?.oid.description }
        #expect(next("0.0") == "1.3.6.1.2.1.1.1.0")
        #expect(next("1.3") == "1.3.6.1.2.1.1.1.0")
        #expect(next("1.3.6.1.2.1.1.1.0") == "1.3.6.1.2.1.1.2.0")
        #expect(next("1.3.6.1.2.1.1.1") == "1.3.6.1.2.1.1.1.0")
        #expect(next("1.3.6.1.2.1.1.1.0.0") == "1.3.6.1.2.1.1.2.0")
        #expect(next("1.3.6.1.2.1.2.2.1.1.2") == "1.3.6.1.2.1.2.2.1.1.10")
        #expect(next("1.3.6.1.2.1.2.2.1.1.3") == "1.3.6.1.2.1.2.2.1.1.10")
        #expect(next("1.3.6.1.2.1.2.2.1.1.4294967295") == "1.3.6.1.2.1.2.2.1.2.1")
        // Recorded exceptions are not walked into.
        #expect(next("1.3.6.1.4.1.99999.2.1.0") == "1.3.6.1.4.1.99999.2.4.0")
        #expect(next("1.3.6.1.4.1.99999.2.7.0") == "1.3.6.1.4.1.99999.2.9.0")
        // The end.
        #expect(next("1.3.6.1.4.1.99999.2.9.0") == nil)
        #expect(next("2.999") == nil)
    }

    @Test func getNextAnswersEndOfMibViewAtTheEnd() {
        let last = OID.of("1.3.6.1.4.1.99999.2.9.0")
        #expect(router.getNext(last, at: start) == VarBind(last, .endOfMibView))
        #expect(router.getNext(.of("1.3.6.1.2.1.1.4.0"), at: start)
                == VarBind(.of("1.3.6.1.2.1.1.5.0"), .octetString("lab-rtr-01")))
    }

    @Test func walkVisitsEveryVariableButExceptions() {
        var oid = OID.of("0.0")
        var seen: [OID] = []
        while let varBind = router.next(after: oid, at: start) {
            seen.append(varBind.oid)
            oid = varBind.oid
        }
        #expect(seen.count == router.count - 3)
        #expect(seen == seen.sorted())
    }

    // MARK: Bulk

    @Test func bulkReturnsConsecutiveVariables() {
        let column = router.bulk(after: .of("1.3.6.1.2.1.2.2.1.2"), count: 3, at: start)
        #expect(column.map(\.value) == [.octetString("lo"), .octetString("ge-0/0/1"), .octetString("uplink \"core\"\n")])
        #expect(router.bulk(after: .of("1.3.6.1.4.1.99999.2.7.0"), count: 10, at: start).count == 1)
        #expect(router.bulk(after: .of("1.3.6.1.2.1"), count: 0, at: start).isEmpty)
    }

    @Test func getBulkFollowsRFC3416() {
        let request = [VarBind(.of("1.3.6.1.2.1.1.3")), VarBind(.of("1.3.6.1.2.1.2.2.1.1")),
                       VarBind(.of("1.3.6.1.2.1.2.2.1.2"))]
        let answer = router.getBulk(nonRepeaters: 1, maxRepetitions: 2, request, at: start)
        #expect(answer.map(\.oid.description) == [
            "1.3.6.1.2.1.1.3.0",
            "1.3.6.1.2.1.2.2.1.1.1", "1.3.6.1.2.1.2.2.1.2.1",
            "1.3.6.1.2.1.2.2.1.1.2", "1.3.6.1.2.1.2.2.1.2.2",
        ])
        let capped = router.getBulk(nonRepeaters: 0, maxRepetitions: 50, [VarBind(.of("1.3.6.1.2.1"))], at: start,
                                    maxVarBinds: 4)
        #expect(capped.count == 4)
    }

    @Test func getBulkPadsWithEndOfMibViewAndStops() {
        let tail = OID.of("1.3.6.1.4.1.99999.2.7.0")
        let answer = router.getBulk(nonRepeaters: 0, maxRepetitions: 5, [VarBind(tail), VarBind(.of("2.1"))], at: start)
        #expect(answer == [
            VarBind(.of("1.3.6.1.4.1.99999.2.9.0"), .opaque("raw opaque")), VarBind(.of("2.1"), .endOfMibView),
            VarBind(.of("1.3.6.1.4.1.99999.2.9.0"), .endOfMibView), VarBind(.of("2.1"), .endOfMibView),
        ])
        let nonRepeatersOnly = router.getBulk(nonRepeaters: 5, maxRepetitions: 5, [VarBind(tail)], at: start)
        #expect(nonRepeatersOnly.count == 1)
    }

    // MARK: View

    @Test func viewServesTheEngine() throws {
        let set = SNMPRecordingSet(recordings: ["lab-router": router])
        let resolve = set.viewResolver(clock: .fixed(.seconds(10)))
        #expect(resolve("nope") == nil)
        let view = try #require(resolve("lab-router"))
        #expect(view.get(.of("1.3.6.1.2.1.1.3.0")) == .timeTicks(361_000))
        #expect(view.next(after: .of("1.3.6.1.2.1.1.4.0"))?.value == .octetString("lab-rtr-01"))
    }
}
