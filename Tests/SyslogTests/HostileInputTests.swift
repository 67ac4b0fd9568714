import Syslog
import Testing

/// Whatever arrives, the parser returns a message, keeps the bytes and does not trap.
struct HostileInputTests {
    /// Touches every accessor, so a bad span would trap here.
    @discardableResult
    func exercise(_ bytes: [UInt8], parser: SyslogParser = SyslogParser()) -> SyslogMessage {
        let m = parser.parse(bytes, receivedAt: received)
        #expect(m.raw == bytes)
        _ = (m.hostname, m.appName, m.procID, m.msgID, m.message, m.timestamp, m.interface, m.vendorEventID)
        _ = (m.mnemonic, m.unifiDevice, m.fields, m.structuredData, m.field("type"), m.csvField(at: 3))
        _ = m.timestamp?.description
        return m
    }

    @Test func everyPrefixOfEverySample() {
        for sample in Samples.bytes {
            for n in 0...sample.count { exercise(Array(sample[0..<n])) }
        }
    }

    @Test func everySuffixOfEverySample() {
        for sample in Samples.bytes {
            for n in 0...sample.count { exercise(Array(sample[n...])) }
        }
    }

    @Test func randomBytes() {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<20_000 {
            let n = Int.random(in: 0...200, using: &rng)
            exercise((0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) })
        }
    }

    /// Random strings over the bytes that matter to the grammars find deeper paths than uniform noise.
    @Test func randomStructuralBytes() {
        let alphabet = Array("<>[]\"\\=:, -*.%0123456789TZ+MarJnDecUTCabc_/\u{0}\n".utf8) + [0xEF, 0xBB, 0xBF, 0xC3, 0xFF]
        var rng = SplitMix64(seed: 7)
        for _ in 0..<20_000 {
            let n = Int.random(in: 0...120, using: &rng)
            exercise((0..<n).map { _ in alphabet.randomElement(using: &rng)! })
        }
    }

    @Test func mutatedSamples() {
        var rng = SplitMix64(seed: 99)
        let samples = Samples.bytes
        for _ in 0..<20_000 {
            var b = samples.randomElement(using: &rng)!
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                guard !b.isEmpty else { break }
                let i = Int.random(in: 0..<b.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: b[i] = UInt8.random(in: 0...255, using: &rng)
                case 1: b.remove(at: i)
                default: b.insert(b[Int.random(in: 0..<b.count, using: &rng)], at: i)
                }
            }
            exercise(b)
        }
    }

    @Test func nulIsFlaggedNotDropped() {
        let bytes = Array("<13>Mar  1 11:00:00 host app: a".utf8) + [0] + Array("b".utf8)
        let m = exercise(bytes)
        #expect(m.flags.contains(.containsNUL))
        #expect(m.message?.bytes.elementsEqual(Array("a".utf8) + [0] + Array("b".utf8)) == true)
    }

    @Test func invalidUTF8IsFlaggedAndKept() {
        for bad: [UInt8] in [[0xFF], [0xC3], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] {
            let bytes = Array("<13>Mar  1 11:00:00 host app: ".utf8) + bad + Array(" end".utf8)
            let m = exercise(bytes)
            #expect(m.flags.contains(.invalidUTF8), "\(bad)")
            #expect(m.message?.string.contains("\u{FFFD}") == true)
            #expect(m.hostname == "host")
        }
        let ok = exercise(Array("<13>Mar  1 11:00:00 host app: grüße 日本 🎉".utf8))
        #expect(!ok.flags.contains(.invalidUTF8))
        #expect(ok.message == "grüße 日本 🎉")
    }

    @Test func oversizeIsKeptWholeAndFlagged() {
        let big = Array("<13>Mar  1 11:00:00 host app: ".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 100_000)
        let m = exercise(big)
        #expect(m.flags.contains(.oversize))
        #expect(m.raw.count == big.count)
        #expect(m.hostname == "host")
        #expect(m.message?.count == Syslog.defaultMaximumMessageSize - 30)
        let small = exercise(big, parser: SyslogParser(options: .init(maximumMessageSize: 10)))
        #expect(small.flags.contains(.oversize))
    }

    @Test func degenerateInputs() {
        for s in ["", "<", ">", "<>", "<1>", "<1>1", "<1>1 ", "<1>1 -", "<1>1 - - - - -", "<1>1 - - - - - [", "<1>1 - - - - - [a",
                  "<1>1 - - - - - [a b=\"", "<1>1 - - - - - [a b=\"\\", "%", "%A-1-B", "%-1-", "123:", ": ", "Mar", "Mar  1",
                  "Mar  1 00:00:00", "*Mar  1 00:00:00:", "a=b", "a=\"", "1,2024/03/01 00:00:00,", "\n\n\n", "\u{0}\u{0}"] {
            exercise(Array(s.utf8))
        }
    }

    @Test func extremeReceptionTimesAndZones() {
        let line = Array("<14>Mar  1 12:00:00 host app: x".utf8)
        for t in [Int64.min, -1, 0, Int64.max] {
            for zone in [SyslogTimeZone.utc, .fixed(secondsEastOfUTC: .max), SyslogTimeZone { _ in .min }] {
                let m = SyslogParser(options: .init(timeZone: zone)).parse(line, receivedAt: SyslogInstant(secondsSince1970: t))
                #expect(m.hostname == "host")
            }
        }
        #expect(SyslogInstant(timeIntervalSince1970: .nan).secondsSince1970 == 0)
        #expect(!SyslogInstant(secondsSince1970: .min).description.isEmpty)
        #expect(!SyslogInstant(secondsSince1970: .max, nanoseconds: 999_999_999).description.isEmpty)
        #expect(SyslogInstant(timeIntervalSince1970: .infinity).secondsSince1970 > 0)
        #expect(SyslogInstant(timeIntervalSince1970: -.infinity).secondsSince1970 < 0)
    }

    @Test func binaryControlCharacters() {
        let m = exercise([0x3C, 0x31, 0x33, 0x3E, 0x01, 0x02, 0x1B, 0x5B, 0x33, 0x31, 0x6D])
        #expect(m.flags.contains(.controlCharacters))
    }
}
