/// An OBJECT IDENTIFIER, validated once and kept as its minimal BER contents.
///
/// Because the encoding is minimal, equal OIDs have equal octets, a prefix of the octets that
/// ends on an arc is a prefix of the arcs, and order can be decided arc by arc from octet
/// counts: walks compare and test subtrees without decoding. Arcs are computed on demand.
/// Decoded OIDs share the storage of the message they came from.
public struct OID: Sendable, Hashable, Comparable {
    /// Minimal BER contents octets (no tag, no length).
    public let encoded: ArraySlice<UInt8>

    init(uncheckedEncoding encoded: ArraySlice<UInt8>) {
        self.encoded = encoded
    }

    /// Re-encodes contents that carried non-minimal (0x80-padded) arcs; the input was validated.
    init(reencoding raw: ArraySlice<UInt8>) {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var atArcStart = true
        for byte in raw {
            if atArcStart && byte == 0x80 { continue }
            out.append(byte)
            atArcStart = byte & 0x80 == 0
        }
        self.encoded = out[...]
    }

    /// An OID from its arcs.
    /// - Throws: ``SNMPCodecError/Code/invalidObjectIdentifier`` for fewer than two arcs, a first
    ///   arc over 2, a second arc over 39 under 0 or 1, or more than 128 arcs.
    public init(_ arcs: some Collection<UInt32>) throws(SNMPCodecError) {
        guard arcs.count >= 2 else {
            throw .init(.invalidObjectIdentifier, "an OID needs at least two arcs")
        }
        guard arcs.count <= BER.maximumObjectIdentifierArcs else {
            throw .init(.invalidObjectIdentifier, "an OID has at most \(BER.maximumObjectIdentifierArcs) arcs")
        }
        var iterator = arcs.makeIterator()
        let first = iterator.next()!, second = iterator.next()!
        guard first <= 2, first == 2 || second < 40 else {
            throw .init(.invalidObjectIdentifier, "first arcs \(first).\(second) are out of range")
        }
        let head = UInt64(first) * 40 + UInt64(second)
        guard head <= UInt64(UInt32.max) else {
            throw .init(.invalidObjectIdentifier, "first arcs \(first).\(second) are out of range")
        }
        var out: [UInt8] = []
        out.reserveCapacity(arcs.count + 4)
        OID.appendArc(UInt32(head), to: &out)
        while let arc = iterator.next() { OID.appendArc(arc, to: &out) }
        self.encoded = out[...]
    }

    /// An OID from minimal BER contents octets, sharing their storage: no copy, no allocation.
    ///
    /// For callers that keep many OIDs encoded back to back (the simulator's recordings) and
    /// hand out slices of that storage.
    /// - Throws: ``SNMPCodecError/Code/invalidObjectIdentifier`` for empty contents, a
    ///   non-minimal arc (leading 0x80), an arc over 32 bits, contents that end inside an arc, or
    ///   more than 128 arcs.
    public init(encoded: ArraySlice<UInt8>) throws(SNMPCodecError) {
        let failure: String? = encoded.withUnsafeBufferPointer { bytes in
            guard let last = bytes.last else { return "empty OBJECT IDENTIFIER" }
            guard last & 0x80 == 0 else { return "OID ends inside an arc" }
            // Fast path: every arc below 128, so one octet per arc.
            var high: UInt8 = 0
            for byte in bytes { high |= byte }
            if high & 0x80 == 0 {
                return bytes.count + 1 <= BER.maximumObjectIdentifierArcs ? nil : "OID has too many arcs"
            }
            var arcs = 1  // the first subidentifier carries two arcs
            var value: UInt64 = 0
            var atArcStart = true
            for byte in bytes {
                if atArcStart && byte == 0x80 { return "non-minimal OID arc" }
                value = value << 7 | UInt64(byte & 0x7F)
                if value > UInt64(UInt32.max) { return "OID arc over 32 bits" }
                atArcStart = byte & 0x80 == 0
                if atArcStart {
                    arcs += 1
                    value = 0
                }
            }
            return arcs <= BER.maximumObjectIdentifierArcs ? nil : "OID has too many arcs"
        }
        if let failure { throw .init(.invalidObjectIdentifier, failure) }
        self.encoded = encoded
    }

    /// An OID in dotted notation, with or without a leading dot: `1.3.6.1.2.1.1.1.0`.
    public init(parsing dotted: String) throws(SNMPCodecError) {
        var arcs: [UInt32] = []
        var current: UInt64 = 0
        var digits = 0
        var utf8 = Substring(dotted).utf8
        if utf8.first == UInt8(ascii: ".") { utf8 = utf8.dropFirst() }
        for byte in utf8 {
            if byte == UInt8(ascii: ".") {
                guard digits > 0 else { throw .init(.invalidObjectIdentifier, "empty arc in '\(dotted)'") }
                arcs.append(UInt32(current))
                current = 0
                digits = 0
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                current = current * 10 + UInt64(byte - UInt8(ascii: "0"))
                digits += 1
                guard current <= UInt64(UInt32.max) else {
                    throw .init(.invalidObjectIdentifier, "arc over 32 bits in '\(dotted)'")
                }
            } else {
                throw .init(.invalidObjectIdentifier, "'\(dotted)' is not a numeric OID")
            }
        }
        guard digits > 0 else { throw .init(.invalidObjectIdentifier, "'\(dotted)' is not a numeric OID") }
        arcs.append(UInt32(current))
        try self.init(arcs)
    }

    @inline(__always)
    static func appendArc(_ arc: UInt32, to out: inout [UInt8]) {
        if arc < 0x80 {
            out.append(UInt8(arc))
            return
        }
        var shift = 28
        while shift > 0 && arc >> UInt32(shift) == 0 { shift -= 7 }
        while shift > 0 {
            out.append(UInt8(truncatingIfNeeded: arc >> UInt32(shift)) | 0x80)
            shift -= 7
        }
        out.append(UInt8(arc & 0x7F))
    }

    /// The arcs, decoded from the encoding.
    public var arcs: [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(encoded.count + 1)
        forEachArc { result.append($0) }
        return result
    }

    /// Number of arcs.
    public var count: Int {
        // Every arc ends with an octet whose top bit is clear; the first subidentifier holds two.
        var ends = 0
        for byte in encoded where byte & 0x80 == 0 { ends += 1 }
        return ends + 1
    }

    @inline(__always)
    func forEachArc(_ body: (UInt32) -> Void) {
        var value: UInt32 = 0
        var first = true
        for byte in encoded {
            value = value << 7 | UInt32(byte & 0x7F)
            if byte & 0x80 == 0 {
                if first {
                    let top: UInt32 = value < 40 ? 0 : (value < 80 ? 1 : 2)
                    body(top)
                    body(value - top * 40)
                    first = false
                } else {
                    body(value)
                }
                value = 0
            }
        }
    }

    /// True when `prefix` is this OID or one of its ancestors.
    @inline(__always)
    public func hasPrefix(_ prefix: OID) -> Bool {
        guard prefix.encoded.count <= encoded.count else { return false }
        return encoded.prefix(prefix.encoded.count).elementsEqual(prefix.encoded)
    }

    /// This OID with more arcs appended.
    public func appending(_ more: some Sequence<UInt32>) -> OID {
        var out = Array(encoded)
        for arc in more { OID.appendArc(arc, to: &out) }
        return OID(uncheckedEncoding: out[...])
    }

    /// The arcs after `prefix`, or nil when `prefix` is not a prefix: a table row's index.
    public func suffix(after prefix: OID) -> [UInt32]? {
        guard hasPrefix(prefix) else { return nil }
        let tail = encoded.dropFirst(prefix.encoded.count)
        var result: [UInt32] = []
        var value: UInt32 = 0
        for byte in tail {
            value = value << 7 | UInt32(byte & 0x7F)
            if byte & 0x80 == 0 {
                result.append(value)
                value = 0
            }
        }
        return result
    }

    /// Lexicographic order of arcs, computed on the encodings without decoding them: in a
    /// minimal encoding an arc of more octets is the larger arc, and arcs of equal length
    /// compare as their octets do.
    @inline(__always)
    public static func < (lhs: OID, rhs: OID) -> Bool {
        lhs.encoded.withUnsafeBufferPointer { a in
            rhs.encoded.withUnsafeBufferPointer { b in
                var i = 0, j = 0
                while i < a.count && j < b.count {
                    var endA = i, endB = j
                    while endA < a.count && a[endA] & 0x80 != 0 { endA += 1 }
                    while endB < b.count && b[endB] & 0x80 != 0 { endB += 1 }
                    let lengthA = endA - i, lengthB = endB - j
                    if lengthA != lengthB { return lengthA < lengthB }
                    for k in 0...lengthA {
                        // A validated encoding never ends inside an arc; guard anyway.
                        guard i + k < a.count, j + k < b.count else { return a.count - i < b.count - j }
                        if a[i + k] != b[j + k] { return a[i + k] < b[j + k] }
                    }
                    i = endA + 1
                    j = endB + 1
                }
                return i >= a.count && j < b.count
            }
        }
    }

    public static func == (lhs: OID, rhs: OID) -> Bool {
        lhs.encoded.count == rhs.encoded.count && lhs.encoded.elementsEqual(rhs.encoded)
    }

    public func hash(into hasher: inout Hasher) {
        encoded.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}

extension OID: CustomStringConvertible {
    /// Dotted notation without a leading dot: `1.3.6.1.2.1.1.1.0`.
    public var description: String {
        var out: [UInt8] = []
        out.reserveCapacity(encoded.count * 3)
        appendDotted(to: &out, leadingDot: false)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the dotted form as ASCII, the fast path for printing walks.
    public func appendDotted(to out: inout [UInt8], leadingDot: Bool) {
        var first = true
        forEachArc { arc in
            if leadingDot || !first { out.append(UInt8(ascii: ".")) }
            first = false
            appendDecimal(UInt64(arc), to: &out)
        }
    }
}

extension OID: ExpressibleByStringLiteral {
    /// For OIDs written in code; a malformed literal is a programmer error.
    public init(stringLiteral value: String) {
        do {
            try self.init(parsing: value)
        } catch {
            preconditionFailure("invalid OID literal '\(value)': \(error)")
        }
    }
}

/// Appends the decimal digits of `value` as ASCII.
@inline(__always)
public func appendDecimal(_ value: UInt64, to out: inout [UInt8]) {
    if value < 10 {
        out.append(UInt8(ascii: "0") + UInt8(value))
        return
    }
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                 UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    var remaining = value
    withUnsafeMutableBytes(of: &digits) { buffer in
        while remaining > 0 {
            buffer[19 - count] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
            count += 1
        }
        out.append(contentsOf: buffer[(20 - count)...])
    }
}
