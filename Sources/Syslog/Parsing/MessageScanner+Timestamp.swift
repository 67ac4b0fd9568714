/// Timestamp grammars: RFC 3339 (RFC 5424, and rsyslog-style RFC 3164) and the BSD shapes devices send.
extension MessageScanner {
    // MARK: - Small readers

    /// Reads exactly `n` digits at `i`.
    @inline(__always) func digits(_ i: Int, _ n: Int) -> Int? {
        var v = 0
        for k in 0..<n {
            let d = at(i + k) &- 0x30
            guard d < 10 else { return nil }
            v = v * 10 + Int(d)
        }
        return v
    }

    /// `hh:mm:ss[.frac]` at `i`; returns the end, the fields and nanoseconds.
    func clock(_ i: Int) -> (end: Int, h: Int, m: Int, s: Int, ns: Int32)? {
        guard let h = digits(i, 2), at(i + 2) == Bytes.colon, let mi = digits(i + 3, 2), at(i + 5) == Bytes.colon,
            let s = digits(i + 6, 2)
        else { return nil }
        var j = i + 8
        var ns: Int32 = 0
        if at(j) == UInt8(ascii: "."), Bytes.isDigit(at(j + 1)) {
            j += 1
            var scale: Int32 = 100_000_000
            while Bytes.isDigit(at(j)) {
                ns += Int32(at(j) &- 0x30) * scale
                scale /= 10
                j += 1
            }
        }
        return (j, h, mi, s, ns)
    }

    /// Month from a three-letter English abbreviation, any case.
    func month(_ i: Int) -> Int? {
        let a = Bytes.lower(at(i)), b = Bytes.lower(at(i + 1)), c = Bytes.lower(at(i + 2))
        let key = UInt32(a) << 16 | UInt32(b) << 8 | UInt32(c)
        switch key {
        case 0x6A616E: return 1  // jan
        case 0x666562: return 2  // feb
        case 0x6D6172: return 3  // mar
        case 0x617072: return 4  // apr
        case 0x6D6179: return 5  // may
        case 0x6A756E: return 6  // jun
        case 0x6A756C: return 7  // jul
        case 0x617567: return 8  // aug
        case 0x736570: return 9  // sep
        case 0x6F6374: return 10  // oct
        case 0x6E6F76: return 11  // nov
        case 0x646563: return 12  // dec
        default: return nil
        }
    }

    // MARK: - RFC 3339

    /// `YYYY-MM-DD(T| )hh:mm:ss[.frac][Z|±hh:mm|±hhmm| UTC]` starting at `i`, not past `limit`.
    func parseRFC3339(_ i: Int, limit: Int) -> (Int, TimestampValue)? {
        guard let y = digits(i, 4), at(i + 4) == Bytes.dash, let mo = digits(i + 5, 2), at(i + 7) == Bytes.dash,
            let d = digits(i + 8, 2)
        else { return nil }
        let sep = at(i + 10)
        guard sep == UInt8(ascii: "T") || sep == UInt8(ascii: "t") || sep == Bytes.space,
            let c = clock(i + 11), c.end <= limit
        else { return nil }
        var j = c.end
        var offset: Int?
        let z = j < limit ? at(j) : 0
        if z == UInt8(ascii: "Z") || z == UInt8(ascii: "z") {
            offset = 0
            j += 1
        } else if z == UInt8(ascii: "+") || z == Bytes.dash {
            if let oh = digits(j + 1, 2), at(j + 3) == Bytes.colon, let om = digits(j + 4, 2), j + 6 <= limit {
                offset = (oh * 3600 + om * 60) * (z == Bytes.dash ? -1 : 1)
                j += 6
            } else if let oh = digits(j + 1, 2), let om = digits(j + 3, 2), j + 5 <= limit {
                offset = (oh * 3600 + om * 60) * (z == Bytes.dash ? -1 : 1)
                j += 5
            }
        } else if z == Bytes.space, let (zEnd, zOff) = zoneName(j + 1, limit: limit, requireColon: false) {
            offset = zOff
            j = zEnd
        }
        let civil = CivilTime(year: y, month: mo, day: d, hour: c.h, minute: c.m, second: c.s)
        return (j, instant(civil, ns: c.ns, offset: offset, hasYear: true))
    }

    /// A zone abbreviation at `i` (`UTC`, `CET`...). In legacy headers (`requireColon`) it must be followed by `:`
    /// as Cisco writes it, so a host called `EST` stays a host. Unknown upper-case names followed by `:` (Cisco's
    /// `clock timezone NAME`) count too, and mean "the configured local zone".
    func zoneName(_ i: Int, limit: Int, requireColon: Bool) -> (Int, Int?)? {
        var j = i
        while j < limit, j - i < 6, Bytes.isAlpha(at(j)) { j += 1 }
        let n = j - i
        guard n >= 1, n <= 5 else { return nil }
        let after = j < limit ? at(j) : 0
        guard after == Bytes.colon || after == Bytes.space || j >= limit else { return nil }
        if let known = MessageScanner.zoneOffset(raw, i, j) {
            if requireColon && after != Bytes.colon { return nil }
            return (j, known)
        }
        // An unknown upper-case name directly followed by `:` is a zone (`*Mar 1 10:00:00.123 EST5EDT:` aside).
        if after == Bytes.colon, n >= 2 {
            var allUpper = true
            for k in i..<j where !Bytes.isUpper(raw[k]) { allUpper = false }
            if allUpper { return (j, nil) }
        }
        return nil
    }

    static let zoneTable: [(String, Int)] = [
        ("UTC", 0), ("GMT", 0), ("UT", 0), ("Z", 0), ("WET", 0), ("WEST", 3600), ("BST", 3600), ("CET", 3600),
        ("CEST", 7200), ("MET", 3600), ("MEST", 7200), ("EET", 7200), ("EEST", 10800), ("MSK", 10800),
        ("EST", -18000), ("EDT", -14400), ("CST", -21600), ("CDT", -18000), ("MST", -25200), ("MDT", -21600),
        ("PST", -28800), ("PDT", -25200), ("AKST", -32400), ("AKDT", -28800), ("HST", -36000), ("JST", 32400),
        ("KST", 32400), ("HKT", 28800), ("SGT", 28800), ("AWST", 28800), ("ACST", 34200), ("AEST", 36000),
        ("AEDT", 39600), ("NZST", 43200), ("NZDT", 46800),
    ]
    static let zoneTableUTF8: [([UInt8], Int)] = zoneTable.map { (Array($0.0.utf8), $0.1) }

    static func zoneOffset(_ raw: [UInt8], _ lo: Int, _ hi: Int) -> Int? {
        let s = ByteSpan(lo, hi)
        for (name, off) in zoneTableUTF8 where name.count == hi - lo {
            if Bytes.equal(raw, s, name) { return off }
        }
        return nil
    }

    // MARK: - Instants

    /// Turns civil fields into a value; `offset == nil` means "use the configured zone".
    func instant(_ c: CivilTime, ns: Int32, offset: Int?, hasYear: Bool) -> TimestampValue {
        guard c.isValid else {
            return TimestampValue(instant: nil, offset: Int32(offset ?? 0), hasYear: hasYear, hasZone: offset != nil)
        }
        let local = c.secondsSince1970
        let off = offset ?? options.timeZone.offset(forLocal: local)
        return TimestampValue(
            instant: SyslogInstant(secondsSince1970: local - Int64(off), nanoseconds: ns),
            offset: Int32(truncatingIfNeeded: off), hasYear: hasYear, hasZone: offset != nil)
    }

    /// For a timestamp without a year: the year (of last, this or next) that puts it nearest the reception time.
    func nearestYear(month: Int, day: Int, h: Int, mi: Int, s: Int, ns: Int32, offset: Int?) -> TimestampValue {
        // Years 1 ... 9999 only: keeps the arithmetic below in range whatever the caller passed as receivedAt.
        let received = min(max(m.receivedAt.secondsSince1970, -62_135_596_800), 253_402_300_799)
        let approxOffset = offset ?? options.timeZone.offset(forLocal: received)
        let year = CivilTime(secondsSince1970: received + Int64(approxOffset)).year
        var best: TimestampValue?
        var bestDistance = Int64.max
        for delta in 0..<3 {
            let y = year + (delta == 2 ? 1 : -delta)
            let c = CivilTime(year: y, month: month, day: day, hour: h, minute: mi, second: s)
            guard c.isValid else { continue }
            let v = instant(c, ns: ns, offset: offset, hasYear: false)
            guard let t = v.instant?.secondsSince1970 else { continue }
            let distance = abs(t - received)
            if distance < bestDistance {
                best = v
                bestDistance = distance
            }
        }
        return best
            ?? TimestampValue(instant: nil, offset: Int32(offset ?? 0), hasYear: false, hasZone: offset != nil)
    }

    // MARK: - BSD shapes

    /// Tries every timestamp shape at `i`: RFC 3339; `YYYY Mmm dd hh:mm:ss` (NX-OS); `Mmm dd [YYYY] hh:mm:ss[.f]`
    /// (BSD, Cisco, ASA); `Mmm dd hh:mm:ss YYYY` (Aruba); each optionally followed by a zone name.
    /// Returns the end and the value.
    func parseLegacyTimestamp(_ i: Int) -> (Int, TimestampValue)? {
        let first = at(i)
        if Bytes.isDigit(first) {
            if let r = parseRFC3339(i, limit: end) { return r }
            // NX-OS: 2024 Mar  1 00:01:02[.345][ UTC]
            if let y = digits(i, 4), at(i + 4) == Bytes.space, let mo = month(i + 5), at(i + 8) == Bytes.space,
                let (dEnd, d) = dayOfMonth(i + 9), at(dEnd) == Bytes.space, let c = clock(dEnd + 1)
            {
                var j = c.end
                var offset: Int?
                if at(j) == Bytes.space, let (zEnd, zOff) = zoneName(j + 1, limit: end, requireColon: true) {
                    offset = zOff
                    j = zEnd
                }
                let civil = CivilTime(year: y, month: mo, day: d, hour: c.h, minute: c.m, second: c.s)
                return (j, instant(civil, ns: c.ns, offset: offset, hasYear: true))
            }
            return nil
        }
        guard let mo = month(i), at(i + 3) == Bytes.space else { return nil }
        guard let (dEnd, d) = dayOfMonth(i + 4), at(dEnd) == Bytes.space else { return nil }
        var j = dEnd + 1
        var year: Int?
        // Mmm dd YYYY hh:mm:ss (ASA, IOS `service timestamps log datetime year`)
        if let y = digits(j, 4), at(j + 4) == Bytes.space {
            year = y
            j += 5
        }
        guard let c = clock(j) else { return nil }
        j = c.end
        // Mmm dd hh:mm:ss YYYY (Aruba controllers)
        if year == nil, at(j) == Bytes.space, let y = digits(j + 1, 4), y >= 1970, y < 2200,
            at(j + 5) == Bytes.space || j + 5 >= end
        {
            year = y
            j += 5
        }
        var offset: Int?
        if at(j) == Bytes.space, let (zEnd, zOff) = zoneName(j + 1, limit: end, requireColon: true) {
            offset = zOff
            j = zEnd
        }
        if let year {
            let civil = CivilTime(year: year, month: mo, day: d, hour: c.h, minute: c.m, second: c.s)
            return (j, instant(civil, ns: c.ns, offset: offset, hasYear: true))
        }
        return (j, nearestYear(month: mo, day: d, h: c.h, mi: c.m, s: c.s, ns: c.ns, offset: offset))
    }

    /// `dd`, ` d` (space-padded, after the month's space) or `d`.
    func dayOfMonth(_ i: Int) -> (Int, Int)? {
        var j = i
        if at(j) == Bytes.space { j += 1 }
        guard Bytes.isDigit(at(j)) else { return nil }
        if Bytes.isDigit(at(j + 1)) {
            return (j + 2, Int(at(j) &- 0x30) * 10 + Int(at(j + 1) &- 0x30))
        }
        return (j + 1, Int(at(j) &- 0x30))
    }

    /// Cisco uptime stamps (`service timestamps log uptime`): `00:01:23`, `1d02h`, `2w3d`, `1y2w` — before a `:`.
    func ciscoUptime(_ i: Int) -> Int? {
        if digits(i, 2) != nil, at(i + 2) == Bytes.colon, digits(i + 3, 2) != nil, at(i + 5) == Bytes.colon,
            digits(i + 6, 2) != nil, at(i + 8) == Bytes.colon
        {
            var j = i + 8
            if at(j) == UInt8(ascii: ".") { j += 1; while Bytes.isDigit(at(j)) { j += 1 } }
            return j
        }
        var j = i
        var units = 0
        while units < 3 {
            let s = j
            while Bytes.isDigit(at(j)) { j += 1 }
            guard j > s, j - s <= 3 else { break }
            let u = at(j)
            guard u == UInt8(ascii: "y") || u == UInt8(ascii: "w") || u == UInt8(ascii: "d") || u == UInt8(ascii: "h")
                || u == UInt8(ascii: "m")
            else { return nil }
            j += 1
            units += 1
        }
        return units >= 2 && at(j) == Bytes.colon ? j : nil
    }
}
