extension BER {
    /// Reads TLVs from bytes without copying: contents come back as index ranges and slices
    /// that share the storage of the received message.
    ///
    /// Every length is checked against the bytes of the enclosing element before anything is
    /// sliced, nesting is capped at ``BER/maximumDepth``, and a constructed element must be
    /// consumed exactly.
    struct Reader {
        let bytes: ArraySlice<UInt8>
        private(set) var position: Int
        let end: Int
        let depth: Int
        let rules: Rules
        var tolerances: Tolerances = []

        init(bytes: ArraySlice<UInt8>, range: Range<Int>, rules: Rules, depth: Int = 0) {
            self.bytes = bytes
            self.position = range.lowerBound
            self.end = range.upperBound
            self.rules = rules
            self.depth = depth
        }

        var isAtEnd: Bool { position >= end }

        // MARK: - TLV framing

        /// Reads a tag and a length; returns the tag and the range of the contents.
        @inline(__always)
        mutating func readHeader() throws(SNMPCodecError) -> (tag: UInt8, content: Range<Int>) {
            guard position < end else { throw .init(.truncated, "expected a tag at offset \(position)") }
            let tag = bytes[position]
            if tag & 0x1F == 0x1F {
                throw .init(.unexpectedTag, "multi-octet tag at offset \(position) is not used by SNMP")
            }
            position += 1
            let length = try readLength()
            guard length <= end - position else {
                throw .init(.truncated, "length \(length) at offset \(position) runs past the enclosing element (\(end - position) left)")
            }
            let content = position..<(position + length)
            position += length
            return (tag, content)
        }

        @inline(__always)
        private mutating func readLength() throws(SNMPCodecError) -> Int {
            guard position < end else { throw .init(.truncated, "expected a length at offset \(position)") }
            let first = bytes[position]
            position += 1
            if first < 0x80 { return Int(first) }
            if first == 0x80 { throw .init(.indefiniteLength, "indefinite length at offset \(position - 1)") }
            let count = Int(first & 0x7F)
            // net-snmp accepts up to sizeof(long) length octets; so do we, as long as the value is sane.
            guard count <= 8 else { throw .init(.lengthTooLarge, "\(count) length octets at offset \(position - 1)") }
            guard count <= end - position else { throw .init(.truncated, "length octets run past the end at offset \(position)") }
            var length = 0
            for i in 0..<count {
                length = length << 8 | Int(bytes[position + i])
                guard length <= Int(Int32.max) else {
                    throw .init(.lengthTooLarge, "length over 2^31 at offset \(position - 1)")
                }
            }
            if length < 0x80 || bytes[position] == 0 {
                try tolerate(.nonMinimalLength, at: position - 1)
            }
            position += count
            return length
        }

        mutating func tolerate(_ tolerance: Tolerances, at offset: Int) throws(SNMPCodecError) {
            guard rules == .lenient else {
                throw .init(.invalidValue, "non-canonical encoding (\(tolerance)) at offset \(offset) rejected by strict rules")
            }
            tolerances.insert(tolerance)
        }

        /// Reads an element that must carry `tag`; returns its contents' range.
        @inline(__always)
        mutating func readElement(tag expected: UInt8, _ what: @autoclosure () -> String) throws(SNMPCodecError) -> Range<Int> {
            let start = position
            let (tag, content) = try readHeader()
            guard tag == expected else {
                throw .init(.unexpectedTag, "\(what()): expected tag 0x\(hex(expected)), found 0x\(hex(tag)) at offset \(start)")
            }
            return content
        }

        /// Reads a constructed element and hands its contents to `body`, which must consume them exactly.
        @inline(__always)
        mutating func readConstructed<T>(
            tag: UInt8,
            _ what: @autoclosure () -> String,
            _ body: (inout Reader) throws(SNMPCodecError) -> T
        ) throws(SNMPCodecError) -> T {
            let content = try readElement(tag: tag, what())
            return try nested(content, what(), body)
        }

        /// Decodes `content` (a range inside this reader) with a child reader one level deeper.
        @inline(__always)
        mutating func nested<T>(
            _ content: Range<Int>,
            _ what: @autoclosure () -> String,
            _ body: (inout Reader) throws(SNMPCodecError) -> T
        ) throws(SNMPCodecError) -> T {
            guard depth + 1 <= BER.maximumDepth else {
                throw .init(.nestingTooDeep, "\(what()) nests deeper than \(BER.maximumDepth) levels")
            }
            var child = Reader(bytes: bytes, range: content, rules: rules, depth: depth + 1)
            let value = try body(&child)
            guard child.isAtEnd else {
                throw .init(.trailingBytes, "\(child.end - child.position) bytes left over in \(what()) at offset \(child.position)")
            }
            tolerances.formUnion(child.tolerances)
            return value
        }

        // MARK: - Primitive values

        /// Two's-complement bits of an integer's contents, after dropping redundant sign octets.
        /// `significant` counts the octets that remain (at most 9: a leading 0x00 and 8 octets).
        @inline(__always)
        mutating func integerBits(_ content: Range<Int>) throws(SNMPCodecError) -> (bits: UInt64, negative: Bool, significant: Int) {
            guard !content.isEmpty else { throw .init(.invalidLength, "empty integer at offset \(content.lowerBound)") }
            var start = content.lowerBound
            while content.upperBound - start > 1 {
                let first = bytes[start], next = bytes[start + 1]
                guard (first == 0x00 && next & 0x80 == 0) || (first == 0xFF && next & 0x80 != 0) else { break }
                start += 1
            }
            if start != content.lowerBound { try tolerate(.nonMinimalInteger, at: content.lowerBound) }
            let significant = content.upperBound - start
            guard significant <= 9 else {
                throw .init(.integerOverflow, "integer of \(significant) octets at offset \(content.lowerBound)")
            }
            let negative = bytes[start] & 0x80 != 0
            var bits: UInt64 = negative ? .max : 0
            for i in start..<content.upperBound { bits = bits << 8 | UInt64(bytes[i]) }
            return (bits, negative, significant)
        }

        mutating func readInteger32(_ content: Range<Int>) throws(SNMPCodecError) -> Int32 {
            let (bits, _, significant) = try integerBits(content)
            guard significant <= 4 else {
                throw .init(.integerOverflow, "INTEGER of \(significant) octets at offset \(content.lowerBound) exceeds Integer32")
            }
            return Int32(truncatingIfNeeded: bits)
        }

        mutating func readUnsigned32(_ content: Range<Int>) throws(SNMPCodecError) -> UInt32 {
            let (bits, negative, significant) = try integerBits(content)
            if negative {
                guard significant <= 4 else {
                    throw .init(.integerOverflow, "negative unsigned of \(significant) octets at offset \(content.lowerBound)")
                }
                try tolerate(.negativeUnsigned, at: content.lowerBound)
                return UInt32(truncatingIfNeeded: bits)
            }
            guard bits <= UInt64(UInt32.max) else {
                throw .init(.integerOverflow, "unsigned value \(bits) at offset \(content.lowerBound) exceeds 32 bits")
            }
            return UInt32(bits)
        }

        mutating func readUnsigned64(_ content: Range<Int>) throws(SNMPCodecError) -> UInt64 {
            let (bits, negative, significant) = try integerBits(content)
            if negative {
                guard significant <= 8 else {
                    throw .init(.integerOverflow, "negative Counter64 of \(significant) octets at offset \(content.lowerBound)")
                }
                try tolerate(.negativeUnsigned, at: content.lowerBound)
            }
            return bits
        }

        /// Validates OBJECT IDENTIFIER contents; returns the OID sharing this reader's storage
        /// unless an arc had to be re-encoded.
        mutating func readObjectIdentifier(_ content: Range<Int>) throws(SNMPCodecError) -> OID {
            guard !content.isEmpty else {
                throw .init(.invalidObjectIdentifier, "empty OBJECT IDENTIFIER at offset \(content.lowerBound)")
            }
            var arcs = 1  // the first subidentifier carries two arcs
            var value: UInt64 = 0
            var atArcStart = true
            var nonMinimal = false
            for i in content {
                let byte = bytes[i]
                if atArcStart && byte == 0x80 { nonMinimal = true }
                value = value << 7 | UInt64(byte & 0x7F)
                guard value <= UInt64(UInt32.max) else {
                    throw .init(.invalidObjectIdentifier, "OID arc over 32 bits at offset \(i)")
                }
                if byte & 0x80 == 0 {
                    arcs += 1
                    value = 0
                    atArcStart = true
                } else {
                    atArcStart = false
                }
            }
            guard atArcStart else {
                throw .init(.invalidObjectIdentifier, "OID ends inside an arc at offset \(content.upperBound - 1)")
            }
            guard arcs <= BER.maximumObjectIdentifierArcs else {
                throw .init(.invalidObjectIdentifier, "OID of \(arcs) arcs exceeds \(BER.maximumObjectIdentifierArcs)")
            }
            if nonMinimal {
                try tolerate(.nonMinimalObjectIdentifier, at: content.lowerBound)
                return OID(reencoding: bytes[content])
            }
            return OID(uncheckedEncoding: bytes[content])
        }
    }
}

@inline(never)
func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
}
