/// Vendor content inside MSG: Cisco mnemonics, Junos event tags, Aruba message numbers, key=value (FortiOS,
/// SonicWall) and CSV (PAN-OS, filterlog).
extension MessageScanner {
    mutating func analyzeContent(_ lo: Int, _ hi: Int) {
        let first = at(lo)
        if first == Bytes.percent, parseMnemonic(lo, hi) { return }
        if m.format == .rfc5424, detectJunos5424() { return }
        if Bytes.isUpper(first), parseJunosTag(lo, hi) { return }
        if first == Bytes.lt, m.dialect == .generic, parseArubaWireless(lo, hi) { return }
        // Cisco text behind a relay's header (`<189>Mar  1 ... 10.0.0.1 123: *Mar  1 ...: %LINK-3-UPDOWN: ...`):
        // a mnemonic after a space within the first 96 bytes.
        if m.dialect == .generic, first != Bytes.percent {
            var i = lo + 1
            let stop = min(hi, lo + 96)
            while i < stop {
                if raw[i] == Bytes.percent, raw[i - 1] == Bytes.space, Bytes.isUpper(at(i + 1)), parseMnemonic(i, hi) {
                    return
                }
                i += 1
            }
        }
        if let app = m.appNameSpan, Bytes.equal(raw, app, MessageScanner.filterlogName) {
            parseCSV(lo, hi)
            m.dialect = .filterlog
            let ipVersion = m.fieldSpans.count > 8 ? m.fieldSpans[8].value : nil
            m.fieldSchema =
                ipVersion.map { Bytes.equal(raw, $0, [0x34]) ? .filterlogIPv4 : Bytes.equal(raw, $0, [0x36]) ? .filterlogIPv6 : .filterlogOther }
                ?? .filterlogOther
            return
        }
        if Bytes.isDigit(first), isPANOS(lo, hi) {
            parsePANOS(lo, hi)
            return
        }
        if Bytes.isAlpha(first), m.dialect == .generic || m.dialect == .unifi {
            parseKeyValues(lo, hi)
        }
    }

    static let filterlogName = Array("filterlog".utf8)

    // MARK: - Cisco

    /// `%FAC[-SUB]-SEV-MNEMONIC` followed by `:` or ` :`.
    mutating func parseMnemonic(_ lo: Int, _ hi: Int) -> Bool {
        var i = lo + 1
        var lastDash = -1, prevDash = -1
        var dashes = 0
        while i < hi, i - lo < 96 {
            let b = raw[i]
            if b == Bytes.dash {
                prevDash = lastDash
                lastDash = i
                dashes += 1
            } else if !(Bytes.isAlnum(b) || b == UInt8(ascii: "_")) {
                break
            }
            i += 1
        }
        guard dashes >= 2, lastDash == prevDash + 2, prevDash > lo + 1, lastDash + 1 < i else { return false }
        let sev = raw[prevDash + 1] &- 0x30
        guard sev < 8 else { return false }
        let after = at(i)
        guard after == Bytes.colon || after == Bytes.space || i >= hi else { return false }
        m.mnemonicFacilitySpan = span(lo + 1, prevDash)
        m.mnemonicSeverity = sev
        m.mnemonicNameSpan = span(lastDash + 1, i)
        let facility = span(lo + 1, prevDash)
        if MessageScanner.asaFacilities.contains(where: { Bytes.equal(raw, facility, $0) }),
            let id = Bytes.decimal(raw, lastDash + 1, i)
        {
            m.asaMessageID = Int(id)
            m.dialect = .ciscoASA
        } else if xrNodeSeen {
            m.dialect = .ciscoIOSXR
        } else if nxosHint {
            m.dialect = .ciscoNXOS
        } else if m.hostnameSpan != nil, let app = m.appNameSpan, Bytes.isAlpha(raw[app.lower]), !ciscoCounterSeen,
            lo == m.messageSpan?.lower
        {
            m.dialect = .aristaEOS
        } else {
            m.dialect = .ciscoIOS
        }
        return true
    }

    static let asaFacilities: [[UInt8]] = ["ASA", "FTD", "PIX", "FWSM"].map { Array($0.utf8) }

    // MARK: - Junos

    /// `UI_COMMIT: ...`, `SNMP_TRAP_LINK_DOWN: ...`: an upper-case tag with an underscore, then `:`.
    mutating func parseJunosTag(_ lo: Int, _ hi: Int) -> Bool {
        var i = lo
        var underscore = false
        while i < hi, i - lo < 64 {
            let b = raw[i]
            if b == UInt8(ascii: "_") {
                underscore = true
            } else if !(Bytes.isUpper(b) || Bytes.isDigit(b)) {
                break
            }
            i += 1
        }
        guard underscore, i > lo + 2, at(i) == Bytes.colon else { return false }
        m.eventIDSpan = span(lo, i)
        if m.dialect == .generic { m.dialect = .junos }
        return true
    }

    /// Junos in RFC 5424 ("structured-data" format): MSGID is the event tag, SD-ID `junos@2636...`.
    mutating func detectJunos5424() -> Bool {
        var junos = false
        for e in m.sdElementSpans {
            if let at = Bytes.find(raw, e.id.lower, e.id.upper, exact: MessageScanner.junosEnterprise) {
                _ = at
                junos = true
            }
        }
        guard junos else { return false }
        m.dialect = .junos
        m.eventIDSpan = m.msgIDSpan
        return true
    }

    static let junosEnterprise = Array("@2636".utf8)

    // MARK: - Aruba wireless

    /// `<522008> <NOTI> |authmgr| ...` after the tag.
    mutating func parseArubaWireless(_ lo: Int, _ hi: Int) -> Bool {
        var i = lo + 1
        while Bytes.isDigit(at(i)), i - lo < 10 { i += 1 }
        guard i - lo >= 4, at(i) == Bytes.gt, at(i + 1) == Bytes.space, at(i + 2) == Bytes.lt else { return false }
        m.eventIDSpan = span(lo + 1, i)
        m.dialect = .arubaWireless
        return true
    }

    // MARK: - key=value

    /// Space-separated `key=value` / `key="quoted value"` pairs; stops at the first token that is not a pair.
    /// Counts as key=value content only with two pairs or more.
    mutating func parseKeyValues(_ lo: Int, _ hi: Int) {
        var i = lo
        // Cheap look at the first token before allocating anything: most text is not key=value.
        var k = lo
        while k < hi, k - lo < 64, Bytes.isAlnum(raw[k]) || raw[k] == UInt8(ascii: "_") || raw[k] == Bytes.dash
            || raw[k] == UInt8(ascii: ".")
        {
            k += 1
        }
        guard k > lo, at(k) == Bytes.equals else { return }
        let before = m.fieldSpans.count
        m.fieldSpans.reserveCapacity(before + 32)
        while i < hi {
            while i < hi, raw[i] == Bytes.space { i += 1 }
            let keyStart = i
            while i < hi {
                let b = raw[i]
                guard Bytes.isAlnum(b) || b == UInt8(ascii: "_") || b == Bytes.dash || b == UInt8(ascii: ".") else {
                    break
                }
                i += 1
            }
            guard i > keyStart, i < hi, raw[i] == Bytes.equals else { break }
            let key = span(keyStart, i)
            i += 1
            if i < hi, raw[i] == Bytes.quote {
                i += 1
                let vStart = i
                while i < hi, raw[i] != Bytes.quote {
                    if raw[i] == Bytes.backslash { i += 1 }
                    i += 1
                }
                let vEnd = min(i, hi)
                m.fieldSpans.append(FieldSpan(key: key, value: span(vStart, vEnd)))
                i = min(i + 1, hi)
            } else {
                let vStart = i
                while i < hi, raw[i] != Bytes.space { i += 1 }
                m.fieldSpans.append(FieldSpan(key: key, value: span(vStart, i)))
            }
            if m.fieldSpans.count - before >= 512 { break }
        }
        guard m.fieldSpans.count - before >= 2 else {
            m.fieldSpans.removeSubrange(before...)
            return
        }
        if m.dialect == .unifi { return }
        if has("logid") || has("devid") {
            m.dialect = .fortiOS
            m.eventIDSpan = value("logid")
            if m.timestampSpan == nil { fortiOSTimestamp() }
        } else if has("sn"), has("m"), has("fw") || has("pri") {
            m.dialect = .sonicWall
            m.eventIDSpan = value("m")
            if m.timestampSpan == nil, let t = value("time") { sonicWallTimestamp(t) }
        } else {
            m.dialect = .keyValue
        }
    }

    func value(_ key: StaticString) -> ByteSpan? {
        key.withUTF8Buffer { k in m.fieldSpan(named: k) }
    }

    func has(_ key: StaticString) -> Bool { value(key) != nil }

    /// FortiOS `date=2024-03-01 time=00:01:02 ... tz="+0100"`: the text kept is `date=... time=...`.
    mutating func fortiOSTimestamp() {
        guard let d = value("date"), let t = value("time"), d.count == 10, let c = clock(t.lower),
            let y = digits(d.lower, 4), at(d.lower + 4) == Bytes.dash, let mo = digits(d.lower + 5, 2),
            let day = digits(d.lower + 8, 2)
        else { return }
        var offset: Int?
        if let tz = value("tz"), tz.count == 5, at(tz.lower) == UInt8(ascii: "+") || at(tz.lower) == Bytes.dash,
            let oh = digits(tz.lower + 1, 2), let om = digits(tz.lower + 3, 2)
        {
            offset = (oh * 3600 + om * 60) * (at(tz.lower) == Bytes.dash ? -1 : 1)
        }
        let civil = CivilTime(year: y, month: mo, day: day, hour: c.h, minute: c.m, second: c.s)
        let v = instant(civil, ns: c.ns, offset: offset, hasYear: true)
        // The text kept runs from the `date` key to the end of the `time` value (`date=... time=...`).
        let dateKey = m.fieldSpans.first { $0.value == d }?.key?.lower ?? d.lower
        let timeKey = m.fieldSpans.first { $0.value == t }?.key?.lower ?? t.lower
        m.timestampSpan = span(min(dateKey, timeKey), max(d.upper, t.upper))
        m.timestampValue = v
        m.flags.remove(.noTimestamp)
        if offset == nil { m.flags.insert(.assumedTimeZone) }
        if v.instant == nil { m.flags.insert(.invalidTimestamp) }
    }

    /// SonicWall `time="2024-03-01 00:01:02 UTC"` (zone optional).
    mutating func sonicWallTimestamp(_ t: ByteSpan) {
        guard let (stop, v) = parseRFC3339(t.lower, limit: t.upper), stop <= t.upper else { return }
        m.timestampSpan = t
        m.timestampValue = v
        m.flags.remove(.noTimestamp)
        if !v.hasZone { m.flags.insert(.assumedTimeZone) }
        if v.instant == nil { m.flags.insert(.invalidTimestamp) }
    }

    // MARK: - CSV

    /// Comma-separated fields; `"..."` quoting with `""` for a quote. At most 512 fields.
    mutating func parseCSV(_ lo: Int, _ hi: Int) {
        var i = lo
        m.fieldSpans.reserveCapacity(m.fieldSpans.count + 32)
        while true {
            if i < hi, raw[i] == Bytes.quote {
                let vStart = i + 1
                var j = vStart
                while j < hi {
                    if raw[j] == Bytes.quote {
                        if j + 1 < hi, raw[j + 1] == Bytes.quote { j += 2; continue }
                        break
                    }
                    j += 1
                }
                m.fieldSpans.append(FieldSpan(key: nil, value: span(vStart, min(j, hi))))
                i = min(j + 1, hi)
                while i < hi, raw[i] != Bytes.comma { i += 1 }
            } else {
                let vStart = i
                while i < hi, raw[i] != Bytes.comma { i += 1 }
                m.fieldSpans.append(FieldSpan(key: nil, value: span(vStart, i)))
            }
            guard i < hi, m.fieldSpans.count < 512 else { break }
            i += 1  // the comma
        }
    }

    /// `1,2024/03/01 00:01:02,` at the start of the text.
    func isPANOS(_ lo: Int, _ hi: Int) -> Bool {
        var i = lo
        while Bytes.isDigit(at(i)), i - lo < 4 { i += 1 }
        guard i > lo, at(i) == Bytes.comma else { return false }
        let d = i + 1
        return digits(d, 4) != nil && at(d + 4) == UInt8(ascii: "/") && digits(d + 5, 2) != nil
            && at(d + 7) == UInt8(ascii: "/") && digits(d + 8, 2) != nil && at(d + 10) == Bytes.space
            && clock(d + 11) != nil && at(d + 19) == Bytes.comma
    }

    mutating func parsePANOS(_ lo: Int, _ hi: Int) {
        parseCSV(lo, hi)
        m.dialect = .panOS
        guard m.fieldSpans.count > 3 else {
            m.fieldSchema = .panOSOther
            return
        }
        let type = m.fieldSpans[3].value
        if Bytes.equal(raw, type, MessageScanner.panSystem) {
            m.fieldSchema = .panOSSystem
            m.eventIDSpan = m.fieldSpans.count > 8 ? m.fieldSpans[8].value : type
        } else {
            if Bytes.equal(raw, type, MessageScanner.panConfig) {
                m.fieldSchema = .panOSConfig
            } else if Bytes.equal(raw, type, MessageScanner.panTraffic) || Bytes.equal(raw, type, MessageScanner.panThreat) {
                m.fieldSchema = .panOSTraffic
            } else {
                m.fieldSchema = .panOSOther
            }
            m.eventIDSpan = type
        }
    }

    static let panSystem = Array("SYSTEM".utf8)
    static let panConfig = Array("CONFIG".utf8)
    static let panTraffic = Array("TRAFFIC".utf8)
    static let panThreat = Array("THREAT".utf8)
}
