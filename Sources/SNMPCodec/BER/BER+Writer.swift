extension BER {
    /// Appends BER elements to a byte array.
    ///
    /// Constructed elements are written through a closure; the writer reserves one length octet
    /// and moves the contents only when the length turns out to need the long form, so callers
    /// never compute lengths ahead.
    public struct Writer: Sendable {
        public private(set) var bytes: [UInt8]

        public init(capacity: Int = 256) {
            bytes = []
            bytes.reserveCapacity(capacity)
        }

        public mutating func writeConstructed(tag: UInt8, _ body: (inout Writer) throws -> Void) rethrows {
            bytes.append(tag)
            let lengthOffset = bytes.count
            bytes.append(0)
            try body(&self)
            let length = bytes.count - lengthOffset - 1
            patchLength(length, at: lengthOffset)
        }

        private mutating func patchLength(_ length: Int, at offset: Int) {
            if length < 0x80 {
                bytes[offset] = UInt8(length)
                return
            }
            let count = (Int.bitWidth - length.leadingZeroBitCount + 7) / 8
            bytes.insert(contentsOf: repeatElement(0, count: count), at: offset + 1)
            bytes[offset] = 0x80 | UInt8(count)
            for i in 0..<count {
                bytes[offset + 1 + i] = UInt8(truncatingIfNeeded: length >> (8 * (count - 1 - i)))
            }
        }

        mutating func writeLength(_ length: Int) {
            if length < 0x80 {
                bytes.append(UInt8(length))
                return
            }
            let count = (Int.bitWidth - length.leadingZeroBitCount + 7) / 8
            bytes.append(0x80 | UInt8(count))
            for i in (0..<count).reversed() {
                bytes.append(UInt8(truncatingIfNeeded: length >> (8 * i)))
            }
        }

        /// A signed INTEGER in the fewest octets.
        public mutating func writeInteger(_ value: Int64, tag: UInt8 = BER.Tag.integer) {
            var count = 8
            while count > 1 {
                let top = value >> (8 * (count - 1) - 1)  // the top octet and the next sign bit
                guard top == 0 || top == -1 else { break }
                count -= 1
            }
            bytes.append(tag)
            bytes.append(UInt8(count))
            for i in (0..<count).reversed() {
                bytes.append(UInt8(truncatingIfNeeded: value >> (8 * i)))
            }
        }

        /// An unsigned application type (Counter32, Gauge32, TimeTicks, Counter64): a leading
        /// 0x00 keeps values with the top bit set positive.
        public mutating func writeUnsigned(_ value: UInt64, tag: UInt8) {
            var count = 1
            while count < 8 && value >> (8 * count) != 0 { count += 1 }
            let pad = (value >> (8 * count - 1)) & 1 == 1
            bytes.append(tag)
            bytes.append(UInt8(count + (pad ? 1 : 0)))
            if pad { bytes.append(0) }
            for i in (0..<count).reversed() {
                bytes.append(UInt8(truncatingIfNeeded: value >> (8 * i)))
            }
        }

        public mutating func writeOctets(_ octets: some Collection<UInt8>, tag: UInt8 = BER.Tag.octetString) {
            bytes.append(tag)
            writeLength(octets.count)
            bytes.append(contentsOf: octets)
        }

        public mutating func writeNull(tag: UInt8 = BER.Tag.null) {
            bytes.append(tag)
            bytes.append(0)
        }

        public mutating func writeObjectIdentifier(_ oid: OID) {
            writeOctets(oid.encoded, tag: BER.Tag.objectIdentifier)
        }

        /// Appends bytes that are already a complete BER element.
        public mutating func writeRaw(_ raw: some Collection<UInt8>) {
            bytes.append(contentsOf: raw)
        }
    }
}
