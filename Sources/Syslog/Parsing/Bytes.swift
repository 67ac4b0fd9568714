/// Byte helpers shared by the parsers and the classifier. ASCII only: syslog's structure is ASCII even where
/// its text is not.
enum Bytes {
    static let space = UInt8(ascii: " ")
    static let colon = UInt8(ascii: ":")
    static let lbracket = UInt8(ascii: "[")
    static let rbracket = UInt8(ascii: "]")
    static let quote = UInt8(ascii: "\"")
    static let equals = UInt8(ascii: "=")
    static let comma = UInt8(ascii: ",")
    static let dash = UInt8(ascii: "-")
    static let percent = UInt8(ascii: "%")
    static let lt = UInt8(ascii: "<")
    static let gt = UInt8(ascii: ">")
    static let backslash = UInt8(ascii: "\\")
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")
    static let tab = UInt8(ascii: "\t")

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
    @inline(__always) static func isLower(_ b: UInt8) -> Bool { b &- 0x61 < 26 }
    @inline(__always) static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isAlpha(b) }
    @inline(__always) static func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20) &- 0x61 < 6 }
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { isUpper(b) ? b | 0x20 : b }
    /// Printable US-ASCII without space (RFC 5424 PRINTUSASCII).
    @inline(__always) static func isPrint(_ b: UInt8) -> Bool { b &- 33 < 94 }

    /// Whether `raw[span]` equals `k`.
    @inline(__always)
    static func equal(_ raw: [UInt8], _ span: ByteSpan, _ k: UnsafeBufferPointer<UInt8>) -> Bool {
        guard span.count == k.count else { return false }
        var i = span.lower
        for b in k {
            if raw[i] != b { return false }
            i += 1
        }
        return true
    }

    /// Whether `raw[span]` equals the ASCII bytes of `s`.
    static func equal(_ raw: [UInt8], _ span: ByteSpan, _ s: [UInt8]) -> Bool {
        guard span.count == s.count else { return false }
        var i = span.lower
        for b in s {
            if raw[i] != b { return false }
            i += 1
        }
        return true
    }

    /// Whether `raw[span]` equals `s` ignoring ASCII case.
    static func equalFolded(_ raw: [UInt8], _ span: ByteSpan, _ lowered: [UInt8]) -> Bool {
        guard span.count == lowered.count else { return false }
        var i = span.lower
        for b in lowered {
            if lower(raw[i]) != b { return false }
            i += 1
        }
        return true
    }

    /// The offset of the first occurrence of `needle` (already lower-cased) in `raw[lo..<hi]`, ignoring ASCII case.
    static func find(_ raw: [UInt8], _ lo: Int, _ hi: Int, folded needle: [UInt8]) -> Int? {
        let n = needle.count
        guard n > 0 else { return lo }
        guard hi - lo >= n else { return nil }
        let first = needle[0]
        let firstUpper = isLower(first) ? first & ~0x20 : first
        var i = lo
        let last = hi - n
        while i <= last {
            let b = raw[i]
            if b == first || b == firstUpper {
                var j = 1
                while j < n, lower(raw[i + j]) == needle[j] { j += 1 }
                if j == n { return i }
            }
            i += 1
        }
        return nil
    }

    /// The offset of the first occurrence of `needle` (exact bytes) in `raw[lo..<hi]`.
    static func find(_ raw: [UInt8], _ lo: Int, _ hi: Int, exact needle: [UInt8]) -> Int? {
        let n = needle.count
        guard n > 0 else { return lo }
        guard hi - lo >= n else { return nil }
        let first = needle[0]
        var i = lo
        let last = hi - n
        while i <= last {
            if raw[i] == first {
                var j = 1
                while j < n, raw[i + j] == needle[j] { j += 1 }
                if j == n { return i }
            }
            i += 1
        }
        return nil
    }

    /// FNV-1a over a byte range, folding the key kind in first.
    @inline(__always)
    static func hash(kind: UInt8, _ raw: [UInt8], _ lo: Int, _ hi: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        h = (h ^ UInt64(kind)) &* 0x100_0000_01b3
        var i = lo
        while i < hi {
            h = (h ^ UInt64(raw[i])) &* 0x100_0000_01b3
            i += 1
        }
        return h
    }

    static func hash(kind: UInt8, _ bytes: [UInt8]) -> UInt64 { hash(kind: kind, bytes, 0, bytes.count) }

    /// Parses ASCII decimal digits in `raw[lo..<hi]`; `nil` if empty, not all digits, or over 18 digits.
    static func decimal(_ raw: [UInt8], _ lo: Int, _ hi: Int) -> UInt64? {
        guard hi > lo, hi - lo <= 18 else { return nil }
        var v: UInt64 = 0
        for i in lo..<hi {
            let d = raw[i] &- 0x30
            guard d < 10 else { return nil }
            v = v * 10 + UInt64(d)
        }
        return v
    }
}
