import Syslog

/// 2024-03-01T12:00:00Z: the reception time used by tests unless they say otherwise.
let received = SyslogInstant(secondsSince1970: 1_709_294_400)

/// Seconds since 1970 of a UTC date and time, for expectations.
func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0) -> Int64 {
    // Days from civil (Howard Hinnant), written out again so tests do not trust the code under test.
    let yy = mo <= 2 ? y - 1 : y
    let era = (yy >= 0 ? yy : yy - 399) / 400
    let yoe = yy - era * 400
    let doy = (153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    let days = era * 146_097 + doe - 719_468
    return Int64(days * 86_400 + h * 3600 + mi * 60 + s)
}

func parse(_ line: String, at time: SyslogInstant = received, zone: SyslogTimeZone = .utc) -> SyslogMessage {
    SyslogParser(options: .init(timeZone: zone)).parse(Array(line.utf8), receivedAt: time)
}

extension Optional where Wrapped == SyslogText {
    /// The decoded string, for readable expectations.
    var s: String? { self?.string }
}
