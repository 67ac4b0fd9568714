public import SNMPCodec

/// One snmpsim recording, parsed once into an immutable, sorted view that answers Get and
/// GetNext in well under a microsecond.
///
/// The variables live in a few flat arrays rather than one object per variable, so that even
/// a recording of three million lines loads in a fraction of a second and costs a few dozen
/// bytes per variable:
/// - the OIDs' minimal BER encodings, back to back in sorted order, with an offsets array;
/// - one 16-byte ``Entry`` per OID: the value's kind and either the value itself (numbers,
///   addresses) or where its octets are in a shared octets array;
/// - side tables for the rare values that need more (OID values, `numeric` variations).
///
/// Lookups binary-search the encodings with an arc-aware comparison and build the answer from
/// the entry. Values that change with time (sysUpTime, `numeric` variations) are computed from
/// the ``SimulationTime`` passed in, so an answer is a pure function of the request and the time.
public struct SNMPRecording: Sendable {
    /// The recording's name: its file's path under the loaded directory without `.snmprec`,
    /// which snmpsim uses as the community (`network/switch/cisco-c3560`).
    public let name: String

    /// OID encodings, concatenated in sorted order.
    let keys: [UInt8]
    /// `keys[keyOffsets[i] ..< keyOffsets[i + 1]]` is the OID of entry `i`.
    let keyOffsets: [UInt32]
    let entries: [Entry]
    /// Octets of OCTET STRING and Opaque values.
    let octets: [UInt8]
    /// OBJECT IDENTIFIER values, indexed by ``Entry/payload``.
    let oidValues: [OID]
    /// `numeric` variations, indexed by ``Entry/payload``.
    let numerics: [NumericVariation]
    /// Every ``fenceStride``-th key again, packed together: the first steps of a search stay in
    /// this small array (cache-resident) instead of striding across the whole key storage.
    let fenceKeys: [UInt8]
    let fenceOffsets: [UInt32]

    /// Entries per fence; recordings with fewer than four fences' worth of entries have none.
    static let fenceStride = 32

    init(name: String, keys: [UInt8], keyOffsets: [UInt32], entries: [Entry], octets: [UInt8],
         oidValues: [OID], numerics: [NumericVariation]) {
        self.name = name
        self.keys = keys
        self.keyOffsets = keyOffsets
        self.entries = entries
        self.octets = octets
        self.oidValues = oidValues
        self.numerics = numerics
        var fenceKeys: [UInt8] = []
        var fenceOffsets: [UInt32] = [0]
        if entries.count >= 4 * SNMPRecording.fenceStride {
            fenceOffsets.reserveCapacity(entries.count / SNMPRecording.fenceStride + 2)
            for index in stride(from: 0, to: entries.count, by: SNMPRecording.fenceStride) {
                fenceKeys.append(contentsOf: keys[Int(keyOffsets[index])..<Int(keyOffsets[index + 1])])
                fenceOffsets.append(UInt32(fenceKeys.count))
            }
        }
        self.fenceKeys = fenceKeys
        self.fenceOffsets = fenceOffsets
    }

    /// Number of variables.
    public var count: Int { entries.count }

    /// True when the recording has no variables.
    public var isEmpty: Bool { entries.isEmpty }

    // MARK: - Lookup

    /// The value of `oid` at `time`, as an agent answers a Get.
    ///
    /// - Returns: The recorded value (computed for time-varying ones); ``SNMPValue/noSuchInstance``
    ///   when no variable has this OID but one lies directly under its parent (the object exists,
    ///   this instance does not: `ifDescr.99`, `sysName.1`); ``SNMPValue/noSuchObject`` otherwise.
    ///   Exceptions recorded with tags 128–130 are returned as recorded.
    public func get(_ oid: OID, at time: SimulationTime) -> SNMPValue {
        let index = lowerBound(oid)
        if index < entries.count && keyEquals(index, oid) {
            return value(at: index, time: time)
        }
        return parentHasChildren(of: oid, near: index) ? .noSuchInstance : .noSuchObject
    }

    /// The first variable whose OID is strictly greater than `oid`, as an agent answers a
    /// GetNext; nil at the end of the recording (the responder answers endOfMibView).
    ///
    /// Variables recorded as exceptions (tags 128–130) are skipped, as a real agent never returns
    /// them from a GetNext.
    public func next(after oid: OID, at time: SimulationTime) -> VarBind? {
        var index = lowerBound(oid)
        if index < entries.count && keyEquals(index, oid) { index += 1 }
        return firstVarBind(from: index, time: time)
    }

    /// A GetNext answer for one varbind: the next variable, or `oid` with
    /// ``SNMPValue/endOfMibView`` at the end.
    public func getNext(_ oid: OID, at time: SimulationTime) -> VarBind {
        next(after: oid, at: time) ?? VarBind(oid, .endOfMibView)
    }

    /// Up to `count` consecutive variables after `oid`: the repetitions GetBulk asks for one
    /// repeater. Fewer come back at the end of the recording; the caller pads with endOfMibView.
    public func bulk(after oid: OID, count: Int, at time: SimulationTime) -> [VarBind] {
        guard count > 0 else { return [] }
        var result: [VarBind] = []
        result.reserveCapacity(Swift.min(count, 64))
        var index = lowerBound(oid)
        if index < entries.count && keyEquals(index, oid) { index += 1 }
        while result.count < count, index < entries.count {
            if let varBind = varBind(at: index, time: time) { result.append(varBind) }
            index += 1
        }
        return result
    }

    /// A complete GetBulk answer (RFC 3416 section 4.2.3), without size limits.
    ///
    /// - Parameters:
    ///   - nonRepeaters: How many leading varbinds get one GetNext each (clamped to 0...count).
    ///   - maxRepetitions: How many GetNexts each remaining varbind gets (negative counts as 0).
    ///   - varBinds: The request's varbinds; only their OIDs are read.
    ///   - maxVarBinds: Stop once this many varbinds are in the answer.
    /// - Returns: The non-repeaters' answers, then the repetitions row by row; a repeater at the
    ///   end of the recording gets endOfMibView, and the rows stop once every repeater is there.
    public func getBulk(nonRepeaters: Int, maxRepetitions: Int, _ varBinds: [VarBind],
                        at time: SimulationTime, maxVarBinds: Int = .max) -> [VarBind] {
        let n = Swift.min(Swift.max(nonRepeaters, 0), varBinds.count)
        var result: [VarBind] = []
        for i in 0..<n where result.count < maxVarBinds {
            result.append(getNext(varBinds[i].oid, at: time))
        }
        let repeaters = varBinds.count - n
        guard repeaters > 0, maxRepetitions > 0 else { return result }
        // Each repeater walks on from where its previous row ended, by entry index.
        var cursors: [Int] = varBinds[n...].map { varBind in
            let index = lowerBound(varBind.oid)
            return index < entries.count && keyEquals(index, varBind.oid) ? index + 1 : index
        }
        var lastOIDs = varBinds[n...].map(\.oid)
        for _ in 0..<maxRepetitions {
            var anyLeft = false
            for r in 0..<repeaters {
                guard result.count < maxVarBinds else { return result }
                var index = cursors[r]
                var found: VarBind?
                while index < entries.count {
                    found = varBind(at: index, time: time)
                    index += 1
                    if found != nil { break }
                }
                cursors[r] = index
                if let found {
                    anyLeft = true
                    lastOIDs[r] = found.oid
                    result.append(found)
                } else {
                    result.append(VarBind(lastOIDs[r], .endOfMibView))
                }
            }
            if !anyLeft { break }
        }
        return result
    }

    /// Every variable in order at `time`, exceptions included: for tests and dumps.
    public func varBinds(at time: SimulationTime) -> [VarBind] {
        var result: [VarBind] = []
        result.reserveCapacity(entries.count)
        for index in entries.indices {
            result.append(VarBind(oid(at: index), value(at: index, time: time)))
        }
        return result
    }

    // MARK: - Entries

    private func firstVarBind(from start: Int, time: SimulationTime) -> VarBind? {
        var index = start
        while index < entries.count {
            if let varBind = varBind(at: index, time: time) { return varBind }
            index += 1
        }
        return nil
    }

    /// The variable at `index`, or nil for recorded exceptions, which walks skip.
    @inline(__always)
    private func varBind(at index: Int, time: SimulationTime) -> VarBind? {
        if entries[index].kind.isException { return nil }
        return VarBind(oid(at: index), value(at: index, time: time))
    }

    /// The OID of entry `index`: a slice of the recording's key storage, so no copy and no allocation.
    @inline(__always)
    func oid(at index: Int) -> OID {
        let slice = keys[Int(keyOffsets[index])..<Int(keyOffsets[index + 1])]
        // Keys were validated when the recording was parsed, so this cannot fail.
        return (try? OID(encoded: slice)) ?? OID(stringLiteral: "0.0")
    }

    /// The value of entry `index` at `time`.
    @inline(__always)
    func value(at index: Int, time: SimulationTime) -> SNMPValue {
        let entry = entries[index]
        switch entry.kind {
        case .integer: return .integer(Int32(truncatingIfNeeded: entry.payload))
        case .octetString:
            let start = Int(entry.payload)
            return .octetString(OctetString(octets[start..<start + Int(entry.extra)]))
        case .null: return .null
        case .objectIdentifier: return .objectIdentifier(oidValues[Int(entry.payload)])
        case .ipAddress: return .ipAddress(IPv4Address(UInt32(truncatingIfNeeded: entry.payload)))
        case .counter32: return .counter32(UInt32(truncatingIfNeeded: entry.payload))
        case .gauge32: return .gauge32(UInt32(truncatingIfNeeded: entry.payload))
        case .timeTicks: return .timeTicks(UInt32(truncatingIfNeeded: entry.payload))
        case .opaque:
            let start = Int(entry.payload)
            return .opaque(OctetString(octets[start..<start + Int(entry.extra)]))
        case .counter64: return .counter64(entry.payload)
        case .noSuchObject: return .noSuchObject
        case .noSuchInstance: return .noSuchInstance
        case .endOfMibView: return .endOfMibView
        case .numeric: return numerics[Int(entry.payload)].value(at: time)
        case .upTime:
            // The recorded uptime plus the time since the simulator started, wrapping like TimeTicks.
            let ticks = UInt64(truncatingIfNeeded: Int64(entry.payload) &+ time.elapsedTicks)
            return .timeTicks(UInt32(truncatingIfNeeded: ticks))
        }
    }

    // MARK: - Search

    /// The index of the first entry whose OID is not below `oid`.
    @inline(__always)
    func lowerBound(_ oid: OID) -> Int {
        oid.encoded.withUnsafeBufferPointer { key in
            var low = 0, high = entries.count
            if fenceOffsets.count > 1 {
                // Fence f is entry f * stride; the answer lies after the last fence below `oid`.
                let fence = SNMPRecording.lowerBound(key, keys: fenceKeys, offsets: fenceOffsets,
                                                     low: 0, high: fenceOffsets.count - 1)
                if fence == 0 { return 0 }
                low = (fence - 1) * SNMPRecording.fenceStride + 1
                high = Swift.min(fence * SNMPRecording.fenceStride, entries.count)
            }
            return SNMPRecording.lowerBound(key, keys: keys, offsets: keyOffsets, low: low, high: high)
        }
    }

    /// Binary search for the first key in `low..<high` not below `key`; `high` when there is none.
    @inline(__always)
    static func lowerBound(_ key: UnsafeBufferPointer<UInt8>, keys: [UInt8], offsets: [UInt32],
                           low: Int, high: Int) -> Int {
        keys.withUnsafeBufferPointer { all in
            offsets.withUnsafeBufferPointer { offsets in
                var low = low, high = high
                while low < high {
                    let mid = (low + high) >> 1
                    let start = Int(offsets[mid]), end = Int(offsets[mid + 1])
                    if OIDKey.compare(all.baseAddress! + start, end - start, key.baseAddress!, key.count) < 0 {
                        low = mid + 1
                    } else {
                        high = mid
                    }
                }
                return low
            }
        }
    }

    @inline(__always)
    private func keyEquals(_ index: Int, _ oid: OID) -> Bool {
        let start = Int(keyOffsets[index]), end = Int(keyOffsets[index + 1])
        guard end - start == oid.encoded.count else { return false }
        return keys[start..<end].elementsEqual(oid.encoded)
    }

    @inline(__always)
    private func keyHasPrefix(_ index: Int, _ prefix: ArraySlice<UInt8>) -> Bool {
        let start = Int(keyOffsets[index]), end = Int(keyOffsets[index + 1])
        guard end - start > prefix.count else { return false }
        return keys[start..<start + prefix.count].elementsEqual(prefix)
    }

    /// True when some entry lies under `oid`'s parent (its OID minus the last arc). Entries
    /// under one prefix are contiguous and `oid` sorts among them, so only the neighbours of
    /// `oid`'s insertion point need a look.
    private func parentHasChildren(of oid: OID, near index: Int) -> Bool {
        let encoded = oid.encoded
        // The last arc is the final octet plus the continuation octets before it.
        var end = encoded.endIndex - 1
        while end > encoded.startIndex && encoded[end - 1] & 0x80 != 0 { end -= 1 }
        // An OID of two arcs has no parent that an entry could sit under.
        guard end > encoded.startIndex else { return false }
        let parent = encoded[encoded.startIndex..<end]
        if index < entries.count && keyHasPrefix(index, parent) { return true }
        return index > 0 && keyHasPrefix(index - 1, parent)
    }
}

// MARK: - Entry

extension SNMPRecording {
    /// One variable's value, 16 bytes.
    struct Entry: Sendable {
        /// The value (integers, addresses, TimeTicks), or the offset into ``SNMPRecording/octets``,
        /// or the index into a side table.
        var payload: UInt64
        /// Octet count of OCTET STRING and Opaque values.
        var extra: UInt32
        var kind: Kind

        init(_ kind: Kind, payload: UInt64, extra: UInt32 = 0) {
            self.kind = kind
            self.payload = payload
            self.extra = extra
        }
    }

    enum Kind: UInt8, Sendable {
        case integer, octetString, null, objectIdentifier, ipAddress, counter32, gauge32, timeTicks
        case opaque, counter64, noSuchObject, noSuchInstance, endOfMibView
        /// A `numeric` variation, computed at lookup.
        case numeric
        /// sysUpTime: the recorded TimeTicks plus the time since the simulator started.
        case upTime

        var isException: Bool { self == .noSuchObject || self == .noSuchInstance || self == .endOfMibView }
    }
}
