import SNMPCodec

/// RFC 2579 section 3.1 DISPLAY-HINTs, applied as net-snmp applies them.
enum DisplayHint {
    /// An OCTET STRING hint (`1x:`, `255a`, `2d-1d-1d,1d:1d:1d.1d,1a1d:1d`): octets as text,
    /// or nil for a hint net-snmp rejects (it then prints "(Bad hint ignored: …)").
    ///
    /// Each specification is `[*]width code [separator] [terminator]`; the last one repeats
    /// until the octets run out.
    static func octets(_ bytes: ArraySlice<UInt8>, hint: String) -> [UInt8]? {
        let h = Array(hint.utf8)
        var hp = 0
        var out: [UInt8] = []
        var cp = bytes.startIndex
        let end = bytes.endIndex
        var width = 1
        var code = UInt8(ascii: "d"), separator: UInt8 = 0, terminator: UInt8 = 0
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        func at(_ i: Int) -> UInt8 { i < h.count ? h[i] : 0 }
        // A separator or terminator: not a digit, not '*', and after a zero width not a code letter.
        func takesSeparator(_ c: UInt8) -> Bool {
            c != 0 && c != UInt8(ascii: "*") && !isDigit(c)
                && (width != 0 || (c != UInt8(ascii: "x") && c != UInt8(ascii: "d") && c != UInt8(ascii: "o")))
        }
        while cp < end {
            var repeatCount = 1
            if at(hp) != 0 {
                if at(hp) == UInt8(ascii: "*") {
                    repeatCount = Int(bytes[cp])
                    cp += 1
                    hp += 1
                }
                width = 0
                while isDigit(at(hp)) {
                    width = width &* 10 &+ Int(at(hp) - 0x30)
                    hp += 1
                }
                code = at(hp)
                if hp < h.count { hp += 1 }
                if takesSeparator(at(hp)) { separator = at(hp); hp += 1 } else { separator = 0 }
                if takesSeparator(at(hp)) { terminator = at(hp); hp += 1 } else { terminator = 0 }
                if width == 0 { width = 1 }
            }
            while repeatCount > 0 && cp < end {
                switch code {
                case UInt8(ascii: "x"), UInt8(ascii: "d"), UInt8(ascii: "o"):
                    // A number wider than the octets left takes zeros for the missing ones
                    // (net-snmp reads on past the value, into its zeroed buffer).
                    var value: Int64 = 0
                    for _ in 0..<width {
                        value = value &* 256 &+ (cp < end ? Int64(bytes[cp]) : 0)
                        if cp < end { cp += 1 }
                    }
                    let radix = code == UInt8(ascii: "x") ? 16 : code == UInt8(ascii: "o") ? 8 : 10
                    out.append(contentsOf: String(value, radix: radix).utf8)
                case UInt8(ascii: "a"), UInt8(ascii: "t"):
                    // Octets as they are; but a run holding a NUL prints as net-snmp prints
                    // a plain string: quotes and backslashes escaped, non-printables as dots.
                    let run = bytes[cp..<min(end, cp + width)]
                    if run.contains(0) {
                        for byte in run {
                            if NetSNMPFormat.isTextual(byte) {
                                if byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\"") { out.append(UInt8(ascii: "\\")) }
                                out.append(byte)
                            } else {
                                out.append(UInt8(ascii: "."))
                            }
                        }
                    } else {
                        out.append(contentsOf: run)
                    }
                    cp = run.endIndex
                default:
                    return nil
                }
                if cp < end && separator != 0 { out.append(separator) }
                repeatCount -= 1
            }
            if terminator != 0 && cp < end { out.append(terminator) }
        }
        return out
    }

    /// An integer hint (`d-2`, `x`, `o`, `b`): C's `%ld`/`%lu`/`%lx`/`%lo`/`%lb` of the value, with
    /// a decimal point inserted `n` digits from the right for `d-n`.
    static func integer(_ value: Int64, hint: String, unsigned: Bool) -> String {
        let h = Array(hint.utf8)
        var text: [UInt8]
        var sign = ""
        let bits = UInt64(bitPattern: value)
        switch h.first {
        case UInt8(ascii: "x"): text = Array(String(bits, radix: 16).utf8)
        case UInt8(ascii: "o"): text = Array(String(bits, radix: 8).utf8)
        case UInt8(ascii: "b"): text = Array(String(bits, radix: 2).utf8)
        default:
            // The sign stays in front of the decimal point: -5 with d-3 is -.005.
            if !unsigned && value < 0 { sign = "-" }
            text = Array((unsigned ? String(bits) : String(value.magnitude)).utf8)
        }
        var shift = 0
        if h.count > 1, h[1] == UInt8(ascii: "-") {
            // atoi: leading digits only.
            for c in h.dropFirst(2) {
                guard c >= 0x30 && c <= 0x39 else { break }
                shift = shift &* 10 &+ Int(c - 0x30)
            }
        }
        guard shift > 0, shift < 64 else { return sign + String(decoding: text, as: UTF8.self) }
        if shift <= text.count {
            text.insert(UInt8(ascii: "."), at: text.count - shift)
        } else {
            text = [UInt8(ascii: ".")] + Array(repeating: UInt8(ascii: "0"), count: shift - text.count) + text
        }
        return sign + String(decoding: text, as: UTF8.self)
    }
}
