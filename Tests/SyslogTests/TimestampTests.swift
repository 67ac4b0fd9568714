import Syslog
import Testing

struct TimestampTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"),
        (951_782_400, "2000-02-29T00:00:00Z"),
        (1_709_294_400, "2024-03-01T12:00:00Z"),
        (-1, "1969-12-31T23:59:59Z"),
        (253_402_300_799, "9999-12-31T23:59:59Z"),
    ])
    func instantDescription(seconds: Int64, text: String) {
        #expect(SyslogInstant(secondsSince1970: seconds).description == text)
    }

    @Test func instantNormalisesAndConverts() {
        let a = SyslogInstant(secondsSince1970: 10, nanoseconds: -1)
        #expect(a.secondsSince1970 == 9 && a.nanoseconds == 999_999_999)
        let b = SyslogInstant(timeIntervalSince1970: -0.5)
        #expect(b.secondsSince1970 == -1 && b.nanoseconds == 500_000_000)
        #expect(SyslogInstant(timeIntervalSince1970: 1.25).timeIntervalSince1970 == 1.25)
        #expect(SyslogInstant(secondsSince1970: 1, nanoseconds: 5).description == "1970-01-01T00:00:01.000000005Z")
        #expect(SyslogInstant(secondsSince1970: 1) < SyslogInstant(secondsSince1970: 1, nanoseconds: 1))
    }

    /// Every day from 1900 to 2100 through the parser's RFC 3339 path, against an independent computation.
    @Test func everyDayRoundTrips() {
        var t = utc(1900, 1, 1)
        let stop = utc(2100, 12, 31)
        var y = 1900, mo = 1, d = 1
        func dim(_ y: Int, _ m: Int) -> Int {
            m == 2 ? ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28) : [4, 6, 9, 11].contains(m) ? 30 : 31
        }
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var checked = 0
        while t <= stop {
            if d == 1 || d == 28 || d == 29 || d == 31 {
                let line = "<14>1 \(y)-\(two(mo))-\(two(d))T23:59:59Z h a - - -"
                let m = parse(line)
                #expect(m.timestamp?.instant?.secondsSince1970 == t + 86_399, "\(line)")
                checked += 1
            }
            t += 86_400
            d += 1
            if d > dim(y, mo) { d = 1; mo += 1 }
            if mo > 12 { mo = 1; y += 1 }
        }
        #expect(checked > 8000)
    }

    @Test func fractionsAndOffsets() {
        let cases: [(String, Int64, Int32, Int?)] = [
            ("2024-03-01T00:00:00.1Z", utc(2024, 3, 1), 100_000_000, 0),
            ("2024-03-01T00:00:00.123456789Z", utc(2024, 3, 1), 123_456_789, 0),
            ("2024-03-01T00:00:00.1234567891234Z", utc(2024, 3, 1), 123_456_789, 0),
            ("2024-03-01T05:30:00+05:30", utc(2024, 3, 1), 0, 19_800),
            ("2024-03-01T00:00:00-00:00", utc(2024, 3, 1), 0, 0),
            ("2024-02-29T19:00:00-0500", utc(2024, 3, 1), 0, -18_000),
        ]
        for (text, secs, ns, off) in cases {
            let m = parse("<14>1 \(text) h a - - -")
            #expect(m.timestamp?.instant == SyslogInstant(secondsSince1970: secs, nanoseconds: ns), "\(text)")
            #expect(m.timestamp?.utcOffsetSeconds == off, "\(text)")
        }
    }

    @Test func rfc5424TimestampWithoutZoneUsesLocalZone() {
        let m = parse("<14>1 2024-03-01T01:00:00 h a - - -", zone: .fixed(secondsEastOfUTC: 3600))
        #expect(m.timestamp?.instant?.secondsSince1970 == utc(2024, 3, 1))
        #expect(m.timestamp?.hasZone == false)
    }

    @Test func knownZoneNames() {
        for (name, offset) in [("UTC", 0), ("GMT", 0), ("CET", 3600), ("CEST", 7200), ("EST", -18000), ("PDT", -25200), ("JST", 32400)] {
            let m = parse("<189>1: Mar  1 2024 12:00:00.000 \(name): %SYS-5-CONFIG_I: x")
            #expect(m.timestamp?.utcOffsetSeconds == offset, "\(name)")
            #expect(m.timestamp?.instant?.secondsSince1970 == utc(2024, 3, 1, 12) - Int64(offset), "\(name)")
        }
        // An unknown zone name (Cisco `clock timezone MYZONE`) means the configured local zone.
        let m = parse("<189>1: Mar  1 2024 12:00:00.000 MYZ: %SYS-5-CONFIG_I: x", zone: .fixed(secondsEastOfUTC: 7200))
        #expect(m.timestamp?.hasZone == false)
        #expect(m.timestamp?.instant?.secondsSince1970 == utc(2024, 3, 1, 10))
        #expect(m.mnemonic?.mnemonic == "CONFIG_I")
    }

    @Test func hostnameThatLooksLikeAZoneIsStillAHostname() {
        let m = parse("<14>Mar  1 12:00:00 ASA1 app: x")
        #expect(m.hostname == "ASA1")
        // Legacy headers take a zone only as Cisco writes it, followed by a colon.
        let n = parse("<14>Mar  1 12:00:00 EST app: x")
        #expect(n.hostname == "EST")
        #expect(n.timestamp?.hasZone == false)
    }

    @Test func dayPaddingVariants() {
        for line in ["<14>Mar  1 12:00:00 h a: x", "<14>Mar 01 12:00:00 h a: x", "<14>Mar 1 12:00:00 h a: x", "<14>MAR  1 12:00:00 h a: x"] {
            let m = parse(line)
            #expect(m.timestamp?.instant?.secondsSince1970 == utc(2024, 3, 1, 12), "\(line)")
            #expect(m.hostname == "h", "\(line)")
        }
    }
}
