/// The RFC 3164 header in the shapes devices send:
///
/// ```
/// [<PRI>] [SEQ: [SEQ: ]] [ORIGIN: | NODE:] [*|.]TIMESTAMP[:] [HOSTNAME [:]] [NNNNN ] [TAG[[PID]]:] MSG
/// ```
///
/// Every part is optional; each is recognised by its shape and skipped when absent.
extension MessageScanner {
    mutating func parseLegacyHeader() {
        // A stray space after the PRI (`<13> Mar  1 ...`).
        var spaces = 0
        while at(pos) == Bytes.space, spaces < 2 { pos += 1; spaces += 1 }
        parseCiscoCounters()
        parseLegacyTimestampField()
        skipSpaces()
        if m.hostnameSpan == nil {
            parseLegacyHostname()
        }
        skipSpaces()
        parseTag()
        if pos < end { m.messageSpan = span(pos, end) }
    }

    // MARK: - Cisco counters, origin ID, IOS-XR node

    mutating func parseCiscoCounters() {
        // NX-OS sends an empty counter: `<189>: 2024 Mar  1 ...`.
        if at(pos) == Bytes.colon, at(pos + 1) == Bytes.space {
            pos += 2
            nxosHint = true
            ciscoCounterSeen = true
        }
        var counters = 0
        while counters < 2 {
            var i = pos
            while Bytes.isDigit(at(i)), i - pos < 20 { i += 1 }
            guard i > pos, at(i) == Bytes.colon, at(i + 1) == Bytes.space || i + 1 >= end else { break }
            let value = Bytes.decimal(raw, pos, i)
            if counters == 0 { m.sequenceNumber = value } else { m.secondarySequenceNumber = value }
            counters += 1
            ciscoCounterSeen = true
            pos = min(i + 2, end)
        }
        guard ciscoCounterSeen else { return }
        // `logging origin-id hostname` (`R1: *Mar  1 ...`) or an IOS-XR node (`RP/0/RSP0/CPU0:Mar  1 ...`).
        var i = pos
        while i < end, i - pos < 64, raw[i] != Bytes.space, raw[i] != Bytes.colon { i += 1 }
        guard i > pos, at(i) == Bytes.colon else { return }
        var t = i + 1
        if at(t) == Bytes.space { t += 1 }
        var ts = t
        if at(ts) == UInt8(ascii: "*") || at(ts) == UInt8(ascii: ".") { ts += 1 }
        guard parseLegacyTimestamp(ts) != nil else { return }
        if at(i + 1) == Bytes.space {
            m.hostnameSpan = span(pos, i)
        } else {
            xrNodeSeen = true
        }
        pos = t
    }

    // MARK: - Timestamp

    mutating func parseLegacyTimestampField() {
        var i = pos
        var unsynchronized = false
        if at(i) == UInt8(ascii: "*") || at(i) == UInt8(ascii: ".") {
            unsynchronized = true
            i += 1
        }
        if let (tsEnd, value) = parseLegacyTimestamp(i) {
            if unsynchronized { m.flags.insert(.unsynchronizedClock) }
            m.timestampSpan = span(i, tsEnd)
            m.timestampValue = value
            if value.instant == nil { m.flags.insert(.invalidTimestamp) }
            if !value.hasYear { m.flags.insert(.inferredYear) }
            if !value.hasZone { m.flags.insert(.assumedTimeZone) }
            if Bytes.isDigit(at(i)), at(i + 4) == Bytes.space { nxosHint = true }
            pos = tsEnd
            // Cisco ends its timestamp with a colon.
            if at(pos) == Bytes.colon { pos += 1 }
            return
        }
        m.flags.insert(.noTimestamp)
        if ciscoCounterSeen, let upEnd = ciscoUptime(i) {
            pos = upEnd + 1
        }
    }

    // MARK: - Hostname

    /// RFC 3164's HOSTNAME follows the TIMESTAMP; without a timestamp there is none to look for.
    mutating func parseLegacyHostname() {
        guard m.timestampSpan != nil, !ciscoCounterSeen, pos < end else {
            m.flags.insert(.noHostname)
            return
        }
        let start = pos
        let e = tokenEnd(start)
        let first = raw[start]
        if isUniFiIdentity(start, e) {
            return
        }
        // A tag (`sshd[12]:`, `kernel:`), Cisco text (`%...`), key=value or CSV content, MikroTik topics,
        // or a single word that is the whole message: no hostname.
        if first == Bytes.percent || e >= end || isMikroTikTopics(start, e) {
            m.flags.insert(.noHostname)
            return
        }
        var i = start
        while i < e {
            let b = raw[i]
            if b == Bytes.lbracket || b == Bytes.equals || b == Bytes.lt { m.flags.insert(.noHostname); return }
            if b == Bytes.comma, Bytes.isDigit(first) { m.flags.insert(.noHostname); return }
            i += 1
        }
        if raw[e - 1] == Bytes.colon {
            m.flags.insert(.noHostname)
            return
        }
        m.hostnameSpan = span(start, e)
        pos = e
        // Cisco ASA with `logging device-id`: `asa1 : %ASA-...`.
        if at(pos) == Bytes.space, at(pos + 1) == Bytes.colon, at(pos + 2) == Bytes.space { pos += 2 }
    }

    /// UniFi devices send `MODEL,MAC,vFIRMWARE[:]` where the hostname goes.
    mutating func isUniFiIdentity(_ start: Int, _ e: Int) -> Bool {
        var c1 = start
        while c1 < e, raw[c1] != Bytes.comma { c1 += 1 }
        guard c1 > start, c1 + 14 < e, at(c1 + 13) == Bytes.comma, at(c1 + 14) == UInt8(ascii: "v") else {
            return false
        }
        for k in (c1 + 1)...(c1 + 12) where !Bytes.isHex(raw[k]) { return false }
        var fwEnd = e
        if raw[fwEnd - 1] == Bytes.colon { fwEnd -= 1 }
        guard fwEnd > c1 + 15 else { return false }
        m.hostnameSpan = span(start, fwEnd)
        m.deviceModelSpan = span(start, c1)
        m.deviceMACSpan = span(c1 + 1, c1 + 13)
        m.deviceFirmwareSpan = span(c1 + 15, fwEnd)
        m.dialect = .unifi
        pos = e
        return true
    }

    /// RouterOS topics: lower-case words joined by commas, one of them a severity (`system,info,account`).
    func isMikroTikTopics(_ start: Int, _ e: Int) -> Bool {
        guard e - start >= 6, e - start <= 64 else { return false }
        var commas = 0
        var i = start
        var wordStart = start
        var sawSeverity = false
        while i <= e {
            let b = i < e ? raw[i] : Bytes.comma
            if b == Bytes.comma {
                if i == wordStart { return false }
                if i < e { commas += 1 }
                let w = ByteSpan(wordStart, i)
                for s in MessageScanner.mikroTikSeverities where Bytes.equal(raw, w, s) { sawSeverity = true }
                wordStart = i + 1
            } else if !(Bytes.isLower(b) || Bytes.isDigit(b) || b == Bytes.dash) {
                return false
            }
            i += 1
        }
        return commas >= 1 && sawSeverity
    }

    static let mikroTikSeverities: [[UInt8]] = ["debug", "info", "warning", "error", "critical"].map { Array($0.utf8) }

    // MARK: - Tag

    mutating func parseTag() {
        guard pos < end else { return }
        let start = pos
        let e = tokenEnd(start)
        // MikroTik topics stand where the tag would.
        if isMikroTikTopics(start, e), e < end {
            m.appNameSpan = span(start, e)
            m.dialect = .mikroTik
            pos = e + 1
            return
        }
        // ArubaOS-Switch / ProCurve: `00076 ports: port 1 is now off-line`.
        if e - start == 5, digits(start, 5) != nil, at(e) == Bytes.space {
            var j = e + 1
            while Bytes.isLower(at(j)) || Bytes.isDigit(at(j)) || at(j) == Bytes.dash || at(j) == UInt8(ascii: "_")
                || at(j) == UInt8(ascii: ".")
            {
                j += 1
            }
            if j > e + 1, at(j) == Bytes.colon {
                m.eventIDSpan = span(start, e)
                m.appNameSpan = span(e + 1, j)
                m.dialect = .arubaSwitch
                pos = j + 1
                if at(pos) == Bytes.space { pos += 1 }
                return
            }
        }
        let first = raw[start]
        guard first != Bytes.percent, first != Bytes.lt, first != Bytes.lbracket else { return }
        var i = start
        while i < end, i - start <= 64 {
            let b = raw[i]
            if b == Bytes.colon || b == Bytes.lbracket || b == Bytes.space || b == Bytes.equals || b == Bytes.comma
                || b == 0
            {
                break
            }
            i += 1
        }
        guard i > start, i < end else { return }
        if raw[i] == Bytes.lbracket {
            var j = i + 1
            while j < end, j - i <= 32, raw[j] != Bytes.rbracket, raw[j] != Bytes.space { j += 1 }
            guard at(j) == Bytes.rbracket else { return }
            m.appNameSpan = span(start, i)
            if j > i + 1 { m.procIDSpan = span(i + 1, j) }
            pos = j + 1
            if at(pos) == Bytes.colon { pos += 1 }
            if at(pos) == Bytes.space { pos += 1 }
            return
        }
        guard raw[i] == Bytes.colon, at(i + 1) == Bytes.space || i + 1 >= end else { return }
        m.appNameSpan = span(start, i)
        pos = min(i + 2, end)
    }
}
