/// OIDs as minimal BER contents in raw buffers: the recording's keys.
///
/// Plain byte order is not arc order for BER (arc 16383 is `FF 7F`, arc 16384 is `81 80 00`), so
/// ``compare(_:_:_:_:)`` finds the first differing octet eight at a time and then decides by
/// the arc it falls in: in a minimal encoding the arc with more octets is the larger one, and
/// arcs of equal length compare as their octets do.
enum OIDKey {
    /// Three-way comparison of two valid minimal encodings in arc order: negative, zero, positive.
    @inline(__always)
    static func compare(_ a: UnsafePointer<UInt8>, _ aCount: Int, _ b: UnsafePointer<UInt8>, _ bCount: Int) -> Int {
        let common = aCount < bCount ? aCount : bCount
        var i = 0
        while i &+ 8 <= common {
            let x = UInt64(littleEndian: UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self))
            let y = UInt64(littleEndian: UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self))
            if x != y {
                return resolve(a, aCount, b, bCount, at: i &+ ((x ^ y).trailingZeroBitCount >> 3))
            }
            i &+= 8
        }
        while i < common {
            if a[i] != b[i] { return resolve(a, aCount, b, bCount, at: i) }
            i &+= 1
        }
        // One is a prefix of the other; valid encodings end on an arc, so the shorter has fewer arcs.
        return aCount - bCount
    }

    /// Decides the order at `k`, the first octet where the encodings differ.
    @inline(__always)
    private static func resolve(_ a: UnsafePointer<UInt8>, _ aCount: Int, _ b: UnsafePointer<UInt8>, _ bCount: Int,
                                at k: Int) -> Int {
        // Everything before k is equal, so both arcs start at the same octet.
        var start = k
        while start > 0 && a[start - 1] & 0x80 != 0 { start -= 1 }
        var endA = k, endB = k
        while endA < aCount - 1 && a[endA] & 0x80 != 0 { endA += 1 }
        while endB < bCount - 1 && b[endB] & 0x80 != 0 { endB += 1 }
        if endA != endB { return endA - endB }
        return Int(a[k]) - Int(b[k])
    }

    /// Writes the BER encoding of `arc` at `out`; returns the octets written (at most 5).
    @inline(__always)
    static func writeArc(_ arc: UInt32, to out: UnsafeMutablePointer<UInt8>) -> Int {
        if arc < 0x80 {
            out[0] = UInt8(truncatingIfNeeded: arc)
            return 1
        }
        var shift: UInt32 = 28
        while arc >> shift == 0 { shift -= 7 }
        var n = 0
        while shift > 0 {
            out[n] = UInt8(truncatingIfNeeded: arc >> shift) | 0x80
            n += 1
            shift -= 7
        }
        out[n] = UInt8(truncatingIfNeeded: arc & 0x7F)
        return n + 1
    }

    /// Why dotted text is not an OID.
    enum ParseFailure: Error {
        case notNumeric, tooFewArcs, tooManyArcs, arcTooLarge, firstArcsOutOfRange

        var reason: String {
            switch self {
            case .notNumeric: "not a numeric OID"
            case .tooFewArcs: "an OID needs at least two arcs"
            case .tooManyArcs: "more than 128 arcs"
            case .arcTooLarge: "an arc over 32 bits"
            case .firstArcsOutOfRange: "first arcs out of range"
            }
        }
    }

    /// Parses dotted decimal in `text[start..<end]` and appends its BER encoding to `out`.
    ///
    /// Like snmpsim (pyasn1), a leading or trailing dot and empty arcs (`1..3`) are accepted and
    /// ignored. On failure `out` is left as it was.
    static func appendDotted(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                             to out: ByteArena) -> ParseFailure? {
        // An arc of d digits never needs more than d octets, so the text's length is enough room.
        out.reserve(end - start + 5)
        var position = out.count
        let base = out.base
        var arcs = 0
        var first: UInt32 = 0
        var i = start
        while i < end {
            // One arc: a run of digits, then a dot or the end.
            let arcStart = i
            var value: UInt64 = 0
            while i < end {
                let digit = text[i] &- UInt8(ascii: "0")
                if digit >= 10 { break }
                value = value &* 10 &+ UInt64(digit)
                i &+= 1
            }
            if i < end && text[i] != UInt8(ascii: ".") { return .notNumeric }
            i &+= 1
            let digits = i &- 1 &- arcStart
            guard digits > 0 else { continue }  // an empty arc, as in ".1.3" or "1..3"
            guard digits <= 10, value <= UInt64(UInt32.max) else { return .arcTooLarge }
            let arc = UInt32(truncatingIfNeeded: value)
            if arcs == 0 {
                first = arc
            } else if arcs == 1 {
                guard first <= 2, first == 2 || arc < 40 else { return .firstArcsOutOfRange }
                let head = UInt64(first) * 40 + UInt64(arc)
                guard head <= UInt64(UInt32.max) else { return .firstArcsOutOfRange }
                position &+= writeArc(UInt32(head), to: base + position)
            } else {
                guard arcs < 128 else { return .tooManyArcs }
                position &+= writeArc(arc, to: base + position)
            }
            arcs &+= 1
        }
        guard arcs >= 2 else { return .tooFewArcs }
        out.count = position
        return nil
    }
}
