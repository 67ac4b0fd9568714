import Syslog
import Testing

struct RFC3164Tests {
    /// RFC 3164 §5.4 example 1.
    @Test func classic() {
        let m = parse("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8", at: SyslogInstant(secondsSince1970: utc(2024, 10, 12)))
        #expect(m.format == .rfc3164)
        #expect(m.priority?.value == 34)
        #expect(m.hostname == "mymachine")
        #expect(m.appName == "su")
        #expect(m.procID == nil)
        #expect(m.message == "'su root' failed for lonvick on /dev/pts/8")
        #expect(m.timestamp?.instant?.secondsSince1970 == utc(2024, 10, 11, 22, 14, 15))
        #expect(m.flags.contains(.inferredYear))
        #expect(m.flags.contains(.assumedTimeZone))
    }

    @Test func withPID() {
        let m = parse("<13>Mar  1 11:00:00 web01 sshd[4242]: Failed password for root from 198.51.100.7 port 51234 ssh2")
        #expect(m.appName == "sshd")
        #expect(m.procID == "4242")
        #expect(m.eventClass == .loginFailure)
    }

    @Test func withoutPRI() {
        let m = parse("Mar  1 11:00:00 web01 cron[77]: (root) CMD (run-parts /etc/cron.hourly)")
        #expect(m.format == .rfc3164)
        #expect(m.priority == nil)
        #expect(m.flags.contains(.missingPRI))
        #expect(m.hostname == "web01")
        #expect(m.appName == "cron")
    }

    @Test func withoutHostname() {
        let m = parse("<13>Mar  1 11:00:00 kernel: em0: link state changed to DOWN")
        #expect(m.hostname == nil)
        #expect(m.flags.contains(.noHostname))
        #expect(m.appName == "kernel")
        #expect(m.eventClass == .linkDown)
        #expect(m.interface == "em0")
    }

    @Test func withoutTimestamp() {
        // Python's SysLogHandler: `<PRI>msg` and a NUL.
        let m = SyslogParser.parse(Array("<14>myapp: something happened".utf8) + [0], receivedAt: received)
        #expect(m.format == .rfc3164)
        #expect(m.flags.contains(.noTimestamp))
        #expect(m.flags.contains(.noHostname))
        #expect(!m.flags.contains(.containsNUL))
        #expect(m.appName == "myapp")
        #expect(m.message == "something happened")
        #expect(m.raw.last == 0)
    }

    @Test func withYearAfterDay() {
        let m = parse("<14>Mar  1 2023 11:00:00 host app: x")
        #expect(m.timestamp?.hasYear == true)
        #expect(!m.flags.contains(.inferredYear))
        #expect(m.timestamp?.instant?.secondsSince1970 == utc(2023, 3, 1, 11))
    }

    @Test func rfc3339InLegacyHeader() {
        let m = parse("<14>2024-03-01T11:00:00.5+01:00 host app[1]: x")
        #expect(m.format == .rfc3164)
        #expect(m.timestamp?.instant == SyslogInstant(secondsSince1970: utc(2024, 3, 1, 10), nanoseconds: 500_000_000))
        #expect(m.hostname == "host")
    }

    @Test func yearInferenceAcrossNewYear() {
        // Sent on Dec 31 local, received on Jan 1: last year.
        let jan1 = SyslogInstant(secondsSince1970: utc(2025, 1, 1, 0, 0, 30))
        let m = parse("<14>Dec 31 23:59:50 host app: x", at: jan1)
        #expect(m.timestamp?.instant?.secondsSince1970 == utc(2024, 12, 31, 23, 59, 50))
        // A device clock slightly ahead over New Year: next year.
        let dec31 = SyslogInstant(secondsSince1970: utc(2024, 12, 31, 23, 59, 50))
        let n = parse("<14>Jan  1 00:00:05 host app: x", at: dec31)
        #expect(n.timestamp?.instant?.secondsSince1970 == utc(2025, 1, 1, 0, 0, 5))
    }

    @Test func feb29WithoutYear() {
        let m = parse("<14>Feb 29 10:00:00 host app: x", at: SyslogInstant(secondsSince1970: utc(2024, 3, 1)))
        #expect(m.timestamp?.instant?.secondsSince1970 == utc(2024, 2, 29, 10))
        let bad = parse("<14>Feb 30 10:00:00 host app: x")
        #expect(bad.flags.contains(.invalidTimestamp))
        #expect(bad.timestamp?.text == "Feb 30 10:00:00")
        #expect(bad.timestamp?.instant == nil)
    }

    @Test func localZoneApplied() {
        let cet = SyslogTimeZone.fixed(secondsEastOfUTC: 3600)
        let m = parse("<14>Mar  1 11:00:00 host app: x", zone: cet)
        #expect(m.timestamp?.instant?.secondsSince1970 == utc(2024, 3, 1, 10))
        #expect(m.timestamp?.utcOffsetSeconds == 3600)
        #expect(m.flags.contains(.assumedTimeZone))
        // A closure zone, as a Foundation TimeZone would be wrapped.
        let custom = SyslogTimeZone { local in local >= utc(2024, 3, 31, 2) ? 7200 : 3600 }
        let summer = parse("<14>Apr  1 11:00:00 host app: x", at: SyslogInstant(secondsSince1970: utc(2024, 4, 1, 12)), zone: custom)
        #expect(summer.timestamp?.instant?.secondsSince1970 == utc(2024, 4, 1, 9))
    }

    @Test func invalidPRIs() {
        for line in ["<999>Mar  1 11:00:00 host app: x", "<abc>Mar  1 11:00:00 host app: x", "<1234>Mar  1 11:00:00 host app: x", "<>Mar  1 11:00:00 host app: x"] {
            let m = parse(line)
            #expect(m.priority == nil, "\(line)")
            #expect(m.flags.contains(.invalidPRI), "\(line)")
            #expect(m.hostname == "host", "\(line)")
            #expect(m.appName == "app", "\(line)")
        }
        let unclosed = parse("<13 hello")
        #expect(unclosed.flags.contains(.invalidPRI))
        #expect(unclosed.message == "<13 hello")
    }

    @Test func priorityBounds() {
        #expect(parse("<0>x").priority?.value == 0)
        #expect(parse("<191>x").priority?.facility == .local7)
        #expect(parse("<191>x").priority?.severity == .debug)
        #expect(parse("<192>x").flags.contains(.invalidPRI))
        #expect(SyslogPriority.defaultForMissing.value == 13)
    }

    @Test func plainTextIsUnknown() {
        let m = parse("just some words")
        #expect(m.format == .unknown)
        #expect(m.message == "just some words")
        #expect(m.hostname == nil)
    }

    @Test func trailingNewlineIsFraming() {
        let m = parse("<13>Mar  1 11:00:00 host app: x\r\n")
        #expect(m.message == "x")
        #expect(!m.flags.contains(.controlCharacters))
        #expect(m.raw.count == "<13>Mar  1 11:00:00 host app: x\r\n".utf8.count)
    }
}
