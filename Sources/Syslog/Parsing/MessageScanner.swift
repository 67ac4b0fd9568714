/// The parse of one message: a cursor over the raw bytes that fills in a ``SyslogMessage``.
///
/// Every read goes through ``at(_:)``, which answers 0 past the end, so the grammar code below never indexes out of
/// range; NUL is not a structural byte anywhere, so it ends every pattern like the end of input does.
struct MessageScanner {
    let raw: [UInt8]
    /// The end of the parsed region: trailing LF/CR/NUL and anything past the size limit excluded.
    var end: Int
    var pos: Int = 0
    var m: SyslogMessage
    let options: SyslogParser.Options

    // Hints gathered on the way, for dialect detection.
    var ciscoCounterSeen = false
    var nxosHint = false
    var xrNodeSeen = false

    init(raw: [UInt8], receivedAt: SyslogInstant, sourceAddress: String?, options: SyslogParser.Options) {
        self.raw = raw
        self.options = options
        self.m = SyslogMessage(raw: raw, receivedAt: receivedAt, sourceAddress: sourceAddress)
        self.end = raw.count
    }

    @inline(__always) func at(_ i: Int) -> UInt8 { i < end ? raw[i] : 0 }

    @inline(__always) func span(_ lo: Int, _ hi: Int) -> ByteSpan { ByteSpan(lo, hi) }

    /// The end of the token starting at `i`: the next space (or the end).
    @inline(__always) func tokenEnd(_ i: Int) -> Int {
        var j = i
        while j < end, raw[j] != Bytes.space { j += 1 }
        return j
    }

    @inline(__always) mutating func skipSpaces() {
        while pos < end, raw[pos] == Bytes.space { pos += 1 }
    }

    mutating func run() {
        if raw.count > options.maximumMessageSize {
            end = options.maximumMessageSize
            m.flags.insert(.oversize)
        }
        // Framing leftovers: a trailing LF (UDP senders), CRLF, NUL terminators (Python's SysLogHandler).
        while end > 0, raw[end - 1] == Bytes.lf || raw[end - 1] == Bytes.cr || raw[end - 1] == 0 { end -= 1 }
        validate()
        parsePRI()
        if !parseRFC5424() {
            parseLegacyHeader()
        }
        if m.format != .rfc5424 {
            m.format = (m.priority != nil || m.timestampSpan != nil) ? .rfc3164 : .unknown
        }
        if let msg = m.messageSpan {
            analyzeContent(msg.lower, msg.upper)
        } else {
            m.flags.insert(.emptyMessage)
        }
    }

    // MARK: - UTF-8, NUL, control characters

    /// One pass over the parsed region: printable ASCII is skipped eight bytes at a time; multi-byte sequences are
    /// checked per RFC 3629 (no overlongs, no surrogates, nothing past U+10FFFF).
    mutating func validate() {
        let end = self.end
        let (invalid, sawNUL, sawControl) = raw.withUnsafeBufferPointer { buf -> (Bool, Bool, Bool) in
            var i = 0
            var sawNUL = false, sawControl = false, invalid = false
            let high: UInt64 = 0x8080_8080_8080_8080
            let ones: UInt64 = 0x0101_0101_0101_0101
            while i < end {
                if i + 8 <= end {
                    let w = UnsafeRawPointer(buf.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    // No byte >= 0x80 and no byte < 0x20 (bytes + 0x60 carry into the high bit iff >= 0x20).
                    if w & high == 0, ((w &+ ones &* 0x60) & high) == high {
                        i += 8
                        continue
                    }
                }
                let b = buf[i]
                if b < 0x80 {
                    if b < 0x20 {
                        if b == 0 { sawNUL = true } else if b != Bytes.tab { sawControl = true }
                    }
                    i += 1
                    continue
                }
                let need: Int
                var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
                switch b {
                case 0xC2...0xDF: need = 1
                case 0xE0: need = 2; lo = 0xA0
                case 0xE1...0xEC, 0xEE, 0xEF: need = 2
                case 0xED: need = 2; hi = 0x9F
                case 0xF0: need = 3; lo = 0x90
                case 0xF1...0xF3: need = 3
                case 0xF4: need = 3; hi = 0x8F
                default: invalid = true; i += 1; continue
                }
                // Not enough bytes left for the sequence.
                if i + need >= end { invalid = true; i += 1; continue }
                let c1 = buf[i + 1]
                if c1 < lo || c1 > hi { invalid = true; i += 1; continue }
                var ok = true
                var k = 2
                while k <= need {
                    let c = buf[i + k]
                    if c < 0x80 || c > 0xBF { ok = false; break }
                    k += 1
                }
                if !ok { invalid = true; i += 1; continue }
                i += need + 1
            }
            return (invalid, sawNUL, sawControl)
        }
        if invalid { m.flags.insert(.invalidUTF8) }
        if sawNUL { m.flags.insert(.containsNUL) }
        if sawControl { m.flags.insert(.controlCharacters) }
    }

    // MARK: - PRI

    mutating func parsePRI() {
        guard at(0) == Bytes.lt else {
            m.flags.insert(.missingPRI)
            return
        }
        var i = 1
        while i <= 4, Bytes.isDigit(at(i)) { i += 1 }
        let digits = i - 1
        if digits >= 1, digits <= 3, at(i) == Bytes.gt {
            let v = Int(Bytes.decimal(raw, 1, i) ?? 999)
            if let p = SyslogPriority(value: v) {
                m.priority = p
            } else {
                m.flags.insert(.invalidPRI)
            }
            pos = i + 1
            return
        }
        // `<abc>`, `<1234>`, `<>`: a bracket that was meant as a PRI. Skip it if it closes soon; otherwise the
        // `<` is the message's first character.
        m.flags.insert(.invalidPRI)
        var j = 1
        while j <= 8, j < end, raw[j] != Bytes.gt, raw[j] != Bytes.space { j += 1 }
        if j <= 8, at(j) == Bytes.gt { pos = j + 1 }
    }

    // MARK: - RFC 5424

    /// Parses an RFC 5424 header if the bytes after the PRI look like `VERSION SP (TIMESTAMP | -)`.
    /// Returns `false` (having changed nothing) when they do not.
    mutating func parseRFC5424() -> Bool {
        let start = pos
        guard at(start) &- 0x31 < 9 else { return false }  // NONZERO-DIGIT
        var i = start + 1
        while i < start + 3, Bytes.isDigit(at(i)) { i += 1 }
        guard at(i) == Bytes.space else { return false }
        let next = at(i + 1)
        guard next == Bytes.dash || Bytes.isDigit(next) else { return false }
        // Cisco `<189>123: ...` never gets here (':' after the digits); `<13>1 2 ...` is rare enough to accept.
        if next != Bytes.dash {
            // Insist on a full date so that "<13>12 34 apples" stays RFC 3164.
            guard Bytes.isDigit(at(i + 2)), Bytes.isDigit(at(i + 3)), Bytes.isDigit(at(i + 4)),
                at(i + 5) == Bytes.dash
            else { return false }
        }
        m.format = .rfc5424
        let version = Int(Bytes.decimal(raw, start, i) ?? 0)
        m.version = version
        if version != 1 { m.flags.insert(.unsupportedVersion) }
        pos = i + 1

        // TIMESTAMP
        let tsEnd = tokenEnd(pos)
        if tsEnd - pos == 1, raw[pos] == Bytes.dash {
            m.flags.insert(.noTimestamp)
        } else {
            m.timestampSpan = span(pos, tsEnd)
            if let (stop, value) = parseRFC3339(pos, limit: tsEnd), stop == tsEnd {
                m.timestampValue = value
                if value.instant == nil { m.flags.insert(.invalidTimestamp) }
            } else {
                m.flags.insert(.invalidTimestamp)
            }
        }
        pos = tsEnd
        // HOSTNAME APP-NAME PROCID MSGID
        guard headerField(\.hostnameSpan) else { return true }
        if m.hostnameSpan == nil { m.flags.insert(.noHostname) }
        guard headerField(\.appNameSpan), headerField(\.procIDSpan), headerField(\.msgIDSpan) else { return true }
        guard at(pos) == Bytes.space, pos + 1 < end else {
            m.flags.insert(.malformedHeader)
            return true
        }
        pos += 1
        // STRUCTURED-DATA
        if at(pos) == Bytes.dash {
            pos += 1
        } else if at(pos) == Bytes.lbracket {
            parseStructuredData()
        } else {
            m.flags.insert(.malformedHeader)
        }
        // MSG
        if pos < end, raw[pos] == Bytes.space { pos += 1 }
        if pos + 2 < end, raw[pos] == 0xEF, raw[pos + 1] == 0xBB, raw[pos + 2] == 0xBF {
            m.flags.insert(.byteOrderMark)
            pos += 3
        }
        if pos < end { m.messageSpan = span(pos, end) }
        return true
    }

    /// Reads ` FIELD` into `field` (NILVALUE `-` → nil). Returns `false` if the header ends first.
    mutating func headerField(_ field: WritableKeyPath<SyslogMessage, ByteSpan?>) -> Bool {
        guard at(pos) == Bytes.space, pos + 1 < end else {
            m.flags.insert(.malformedHeader)
            return false
        }
        pos += 1
        let e = tokenEnd(pos)
        if e == pos {
            // Two spaces in a row: an empty field, which RFC 5424 does not allow.
            m.flags.insert(.malformedHeader)
        } else if !(e - pos == 1 && raw[pos] == Bytes.dash) {
            m[keyPath: field] = span(pos, e)
        }
        pos = e
        return true
    }

    /// `[SD-ID *(SP PARAM-NAME="PARAM-VALUE")]...` (RFC 5424 §6.3). On a fault the broken element and what
    /// follows become message text.
    mutating func parseStructuredData() {
        while at(pos) == Bytes.lbracket {
            let elementStart = pos
            let firstParam = m.sdParamSpans.count
            if let closed = parseSDElement(firstParam: firstParam) {
                pos = closed
            } else {
                m.sdParamSpans.removeSubrange(firstParam...)
                m.flags.insert(.malformedStructuredData)
                pos = elementStart
                return
            }
        }
        if pos < end, raw[pos] != Bytes.space {
            m.flags.insert(.malformedStructuredData)
        }
    }

    @inline(__always) func isSDNameByte(_ b: UInt8) -> Bool {
        Bytes.isPrint(b) && b != Bytes.equals && b != Bytes.rbracket && b != Bytes.quote
    }

    /// Parses one element at `pos` (`[`); returns the offset after its `]`, or nil if malformed.
    mutating func parseSDElement(firstParam: Int) -> Int? {
        var i = pos + 1
        let idStart = i
        while isSDNameByte(at(i)) { i += 1 }
        guard i > idStart else { return nil }
        let id = span(idStart, i)
        while true {
            let b = at(i)
            if b == Bytes.rbracket {
                m.sdElementSpans.append(SDElementSpan(id: id, firstParam: firstParam, endParam: m.sdParamSpans.count))
                return i + 1
            }
            guard b == Bytes.space else { return nil }
            while at(i) == Bytes.space { i += 1 }
            if at(i) == Bytes.rbracket { continue }  // trailing space before `]`: tolerated
            let nameStart = i
            while isSDNameByte(at(i)) { i += 1 }
            guard i > nameStart, at(i) == Bytes.equals, at(i + 1) == Bytes.quote else { return nil }
            let name = span(nameStart, i)
            i += 2
            let valueStart = i
            var escaped = false
            while i < end {
                let c = raw[i]
                if c == Bytes.quote { break }
                if c == Bytes.backslash {
                    escaped = true
                    i += 2
                    continue
                }
                i += 1
            }
            guard i < end, raw[i] == Bytes.quote else { return nil }
            m.sdParamSpans.append(SDParamSpan(name: name, value: span(valueStart, i), escaped: escaped))
            i += 1
        }
    }
}
