#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SNMPCodec

extension SNMPRecording {
    /// How a recording is turned into answers.
    public struct Options: Sendable, Hashable {
        /// Serve a plain recorded sysUpTime.0 (`1.3.6.1.2.1.1.3.0|67|N`) as N plus the time since the
        /// simulator started, so pollers see the agent running. snmpsim serves it frozen; lines that
        /// already use `67:numeric` advance either way.
        public var advanceSysUpTime: Bool
        /// Warnings kept per file; the rest are counted in one last warning.
        public var maximumWarningsPerFile: Int

        /// - Parameters:
        ///   - advanceSysUpTime: Default true.
        ///   - maximumWarningsPerFile: Default 1,000.
        public init(advanceSysUpTime: Bool = true, maximumWarningsPerFile: Int = 1_000) {
            self.advanceSysUpTime = advanceSysUpTime
            self.maximumWarningsPerFile = maximumWarningsPerFile
        }
    }

    /// Parses the text of an `.snmprec` file (snmpsim 1.2.2's grammar).
    ///
    /// Each line is `OID|TAG|VALUE`; blank lines and lines starting with `#` are skipped, and
    /// surrounding whitespace is stripped, as snmpsim does. TAG is the BER tag in decimal (2, 4,
    /// 5, 6, 64, 65, 66, 67, 68, 70, 128, 129, 130), optionally followed by `x` (VALUE is hex) or
    /// `e` (VALUE has Python escapes), optionally followed by `:module` naming a variation module
    /// whose parameters are in VALUE (`numeric` and `writecache` are implemented). Lines may come
    /// in any order; the later of two lines with one OID wins.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents (decompressed).
    ///   - name: The recording's name (its community).
    ///   - file: The path reported in warnings; defaults to `name`.
    ///   - options: How to serve the recording.
    /// - Returns: The recording, and one warning per line that was skipped or served differently
    ///   from snmpsim. Parsing never fails: at worst the recording is empty.
    public static func parse(_ bytes: [UInt8], name: String, file: String? = nil,
                             options: Options = Options()) -> (recording: SNMPRecording, warnings: [SNMPRecordingWarning]) {
        bytes.withUnsafeBufferPointer { parse($0, name: name, file: file, options: options) }
    }

    /// ``parse(_:name:file:options:)`` over any contiguous bytes, such as a mapped file.
    ///
    /// The recording's arrays are written in place while parsing: their capacities are bounds that
    /// parsing cannot exceed (an OID or value never takes more octets than its text, a line holds at
    /// most one variable), and capacity that stays untouched costs address space, not memory.
    static func parse(_ text: UnsafeBufferPointer<UInt8>, name: String, file: String?,
                      options: Options) -> (recording: SNMPRecording, warnings: [SNMPRecordingWarning]) {
        let lineCount = RecordingParser.countLines(text)
        let bound = text.count + 16
        var parser: RecordingParser?
        var octets: [UInt8] = [], entries: [Entry] = [], offsets: [UInt32] = []
        var keys = [UInt8](unsafeUninitializedCapacity: bound) { keyBuffer, keyCount in
            octets = [UInt8](unsafeUninitializedCapacity: bound) { octetBuffer, octetCount in
                entries = [Entry](unsafeUninitializedCapacity: lineCount + 1) { entryBuffer, entryCount in
                    offsets = [UInt32](unsafeUninitializedCapacity: lineCount + 2) { offsetBuffer, offsetCount in
                        var p = RecordingParser(file: file ?? name, options: options, lineCount: lineCount,
                                                keys: .init(external: keyBuffer), octets: .init(external: octetBuffer),
                                                entries: .init(external: entryBuffer),
                                                keyOffsets: .init(external: offsetBuffer))
                        p.parse(text)
                        p.finish()
                        // A buffer that outgrew its bound moved out; it is copied below instead.
                        keyCount = p.keys.isExternal ? p.keys.count : 0
                        octetCount = p.octets.isExternal ? p.octets.count : 0
                        entryCount = p.entries.isExternal ? p.entries.count : 0
                        offsetCount = p.keyOffsets.isExternal ? p.keyOffsets.count : 0
                        parser = p
                    }
                }
            }
        }
        let p = parser!
        if !p.keys.isExternal { keys = p.keys.toArray() }
        if !p.octets.isExternal { octets = p.octets.toArray() }
        if !p.entries.isExternal { entries = p.entries.toArray() }
        if !p.keyOffsets.isExternal { offsets = p.keyOffsets.toArray() }
        let recording = SNMPRecording(name: name, keys: keys, keyOffsets: offsets, entries: entries,
                                      octets: octets, oidValues: p.oidValues, numerics: p.numerics)
        return (recording, p.warnings)
    }
}

// MARK: - Parser

/// The BER tags snmpsim's grammar knows, by their decimal sums.
enum RecordTag: UInt8 {
    case integer, octetString, null, objectIdentifier, ipAddress, counter32, gauge32, timeTicks, opaque,
         counter64, noSuchObject, noSuchInstance, endOfMibView

    init?(decimal: Int) {
        switch decimal {
        case 2: self = .integer
        case 4: self = .octetString
        case 5: self = .null
        case 6: self = .objectIdentifier
        case 64: self = .ipAddress
        case 65: self = .counter32
        case 66: self = .gauge32
        case 67: self = .timeTicks
        case 68: self = .opaque
        case 70: self = .counter64
        case 128: self = .noSuchObject
        case 129: self = .noSuchInstance
        case 130: self = .endOfMibView
        default: return nil
        }
    }
}

enum ValueEncoding {
    case plain, hex, escaped
}

struct RecordingParser {
    typealias Entry = SNMPRecording.Entry

    let file: String
    let options: SNMPRecording.Options
    let keys: ByteArena
    let keyOffsets: GrowableBuffer<UInt32>
    let entries: GrowableBuffer<Entry>
    let lines: GrowableBuffer<UInt32>
    let prefixCache = PrefixCache()
    let octets: ByteArena
    var oidValues: [OID] = []
    var numerics: [NumericVariation] = []
    var warnings: [SNMPRecordingWarning] = []
    var suppressedWarnings = 0
    var isSorted = true

    /// sysUpTime.0: 1.3.6.1.2.1.1.3.0.
    static let sysUpTime: [UInt8] = [0x2B, 6, 1, 2, 1, 1, 3, 0]

    init(file: String, options: SNMPRecording.Options, lineCount: Int, keys: ByteArena, octets: ByteArena,
         entries: GrowableBuffer<Entry>, keyOffsets: GrowableBuffer<UInt32>) {
        self.file = file
        self.options = options
        self.keys = keys
        self.octets = octets
        self.entries = entries
        self.keyOffsets = keyOffsets
        keyOffsets.append(0)
        lines = GrowableBuffer(capacity: lineCount + 1)
    }

    mutating func warn(_ code: SNMPRecordingWarning.Code, line: Int, _ reason: @autoclosure () -> String) {
        guard warnings.count < options.maximumWarningsPerFile else {
            suppressedWarnings += 1
            return
        }
        warnings.append(SNMPRecordingWarning(code, file: file, line: line, reason()))
    }

    static func countLines(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = text.baseAddress else { return 0 }
        var lines = 1
        var position = 0
        while position < text.count, let newline = memchr(base + position, 0x0A, text.count - position) {
            lines += 1
            position = UnsafeRawPointer(newline) - UnsafeRawPointer(base) + 1
        }
        return lines
    }

    /// Python's str.isspace() on a Latin-1 character, which is what snmpsim's strip() removes.
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        (byte >= 9 && byte <= 13) || byte == 32 || (byte >= 28 && byte <= 31) || byte == 0x85 || byte == 0xA0
    }

    mutating func parse(_ text: UnsafeBufferPointer<UInt8>) {
        guard let base = text.baseAddress else { return }
        let count = text.count
        var lineStart = 0
        var lineNumber = 0
        while lineStart < count {
            lineNumber += 1
            let lineEnd: Int
            if let newline = memchr(base + lineStart, 0x0A, count - lineStart) {
                lineEnd = UnsafeRawPointer(newline) - UnsafeRawPointer(base)
            } else {
                lineEnd = count
            }
            var start = lineStart, end = lineEnd
            lineStart = lineEnd + 1
            while start < end && RecordingParser.isSpace(text[start]) { start += 1 }
            while end > start && RecordingParser.isSpace(text[end - 1]) { end -= 1 }
            if start == end || text[start] == UInt8(ascii: "#") { continue }
            parseLine(text, start, end, lineNumber)
        }
    }

    @inline(__always)
    static func find(_ byte: UInt8, _ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        guard start < end, let base = text.baseAddress,
              let found = memchr(base + start, Int32(byte), end - start) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    mutating func parseLine(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ line: Int) {
        let keyStart = keys.count
        let bar1: Int
        switch parseKey(text, start, end) {
        case .parsed(let bar): bar1 = bar
        case .malformed(let reason):
            warn(.malformedLine, line: line, reason)
            return
        case .invalid(let failure):
            let oidEnd = RecordingParser.find(UInt8(ascii: "|"), text, start, end) ?? end
            let shown = RecordingParser.preview(UnsafeBufferPointer(rebasing: text[start..<oidEnd]))
            warn(.invalidObjectIdentifier, line: line, "'\(shown)': \(failure.reason)")
            return
        }
        guard let bar2 = RecordingParser.find(UInt8(ascii: "|"), text, bar1 + 1, end) else {
            keys.count = keyStart
            warn(.malformedLine, line: line, "expected OID|TAG|VALUE")
            return
        }
        guard bar2 > bar1 + 1 else {
            keys.count = keyStart
            warn(.malformedLine, line: line, "empty OID or tag")
            return
        }
        let octetsMark = octets.count
        guard let entry = parseValue(text, tagStart: bar1 + 1, tagEnd: bar2, valueStart: bar2 + 1, valueEnd: end,
                                     keyStart: keyStart, line: line) else {
            keys.count = keyStart
            octets.count = octetsMark
            return
        }
        append(entry, keyStart: keyStart, line: line)
    }

    mutating func append(_ entry: Entry, keyStart: Int, line: Int) {
        if entries.count > 0 {
            let previousStart = Int(keyOffsets[keyOffsets.count - 2])
            let order = OIDKey.compare(keys.base + keyStart, keys.count - keyStart,
                                       keys.base + previousStart, keyStart - previousStart)
            if order == 0 {
                // snmpsim's index keeps the later line for an OID; so do we.
                let reason = "same OID as line \(lines[lines.count - 1]), which is dropped"
                warn(.duplicateObjectIdentifier, line: line, reason)
                keys.count = keyStart
                entries[entries.count - 1] = entry
                lines[lines.count - 1] = UInt32(truncatingIfNeeded: line)
                prefixCache.commit(keyStart: previousStart)
                return
            }
            if order < 0 { isSorted = false }
        }
        keyOffsets.append(UInt32(keys.count))
        entries.append(entry)
        lines.append(UInt32(truncatingIfNeeded: line))
        prefixCache.commit(keyStart: keyStart)
    }

    // MARK: Tags

    /// Parses TAG and VALUE into an entry; nil (with a warning) when the line is skipped.
    mutating func parseValue(_ text: UnsafeBufferPointer<UInt8>, tagStart: Int, tagEnd: Int,
                             valueStart: Int, valueEnd: Int, keyStart: Int, line: Int) -> Entry? {
        var typeEnd = tagEnd
        var module: Substring?
        if let colon = RecordingParser.find(UInt8(ascii: ":"), text, tagStart, tagEnd) {
            typeEnd = colon
            module = Substring(String(decoding: UnsafeBufferPointer(rebasing: text[(colon + 1)..<tagEnd]), as: UTF8.self))
        }
        var encoding = ValueEncoding.plain
        if typeEnd > tagStart {
            switch text[typeEnd - 1] {
            case UInt8(ascii: "x"): encoding = .hex; typeEnd -= 1
            case UInt8(ascii: "e"): encoding = .escaped; typeEnd -= 1
            default: break
            }
        }
        // snmpsim looks the tag up as a string, so "02" or "+2" is no tag at all.
        var decimal = 0
        var valid = typeEnd > tagStart && typeEnd - tagStart <= 3 && text[tagStart] != UInt8(ascii: "0")
        if valid {
            for i in tagStart..<typeEnd {
                let digit = text[i] &- UInt8(ascii: "0")
                guard digit < 10 else { valid = false; break }
                decimal = decimal * 10 + Int(digit)
            }
        }
        let tag = UnsafeBufferPointer(rebasing: text[tagStart..<tagEnd])
        guard valid, let type = RecordTag(decimal: decimal) else {
            if module != nil && typeEnd == tagStart {
                warn(.unknownTag, line: line, "tag '\(RecordingParser.preview(tag))' serves a subtree through a variation module, which is not supported")
            } else {
                warn(.unknownTag, line: line, "unknown tag '\(RecordingParser.preview(tag))'")
            }
            return nil
        }
        let value = UnsafeBufferPointer(rebasing: text[valueStart..<valueEnd])
        guard let module else {
            return staticValue(type, encoding, value, keyStart: keyStart, line: line, tagText: tag)
        }
        switch module {
        case "numeric":
            return numericValue(type, encoding, value, keyStart: keyStart, line: line, tagText: tag)
        case "writecache":
            return writecacheValue(type, value, keyStart: keyStart, line: line)
        default:
            warn(.unknownVariationModule, line: line, "variation module '\(module)' is not supported")
            return nil
        }
    }

    // MARK: Static values

    mutating func staticValue(_ tag: RecordTag, _ encoding: ValueEncoding, _ value: UnsafeBufferPointer<UInt8>,
                              keyStart: Int, line: Int, tagText: UnsafeBufferPointer<UInt8>) -> Entry? {
        func invalid(_ reason: String) -> Entry? {
            warn(.invalidValue, line: line, "\(reason) for tag '\(RecordingParser.preview(tagText))': '\(RecordingParser.preview(value))'")
            return nil
        }
        switch tag {
        case .octetString, .opaque, .ipAddress:
            let mark = octets.count
            switch encoding {
            case .plain: octets.append(contentsOf: value)
            case .hex:
                guard RecordingParser.appendHex(value, to: octets) else { return invalid("not hex") }
            case .escaped:
                guard RecordingParser.appendUnescaped(value, to: octets) else { return invalid("bad escape") }
            }
            let length = octets.count - mark
            if tag == .ipAddress {
                var address: UInt32
                if length == 4 || encoding != .plain {
                    guard length == 4 else { return invalid("an IpAddress needs 4 octets") }
                    address = 0
                    for i in mark..<octets.count { address = address << 8 | UInt32(octets[i]) }
                } else {
                    guard let dotted = RecordingParser.dottedQuad(value) else { return invalid("bad IpAddress") }
                    address = dotted
                }
                octets.count = mark
                return Entry(.ipAddress, payload: UInt64(address))
            }
            guard length <= Int(UInt32.max) else { return invalid("value too long") }
            return Entry(tag == .opaque ? .opaque : .octetString, payload: UInt64(mark), extra: UInt32(length))
        default:
            break
        }
        guard encoding == .plain else {
            // snmpsim builds a value without contents here and fails when it answers.
            warn(.unknownTag, line: line, "tag '\(RecordingParser.preview(tagText))': hex and escaped values are only valid for OCTET STRING, Opaque and IpAddress")
            return nil
        }
        switch tag {
        case .integer:
            guard let (negative, magnitude) = RecordingParser.pythonInt(value) else { return invalid("not an integer") }
            guard negative ? magnitude <= 0x8000_0000 : magnitude <= 0x7FFF_FFFF else { return invalid("out of Integer32 range") }
            let v = negative ? -Int64(magnitude) : Int64(magnitude)
            return Entry(.integer, payload: UInt64(bitPattern: v))
        case .counter32, .gauge32, .timeTicks, .counter64:
            guard let (negative, magnitude) = RecordingParser.pythonInt(value) else { return invalid("not an integer") }
            guard !negative || magnitude == 0 else { return invalid("negative") }
            if tag != .counter64 && magnitude > UInt64(UInt32.max) { return invalid("over 32 bits") }
            if tag == .timeTicks && options.advanceSysUpTime && isSysUpTime(keyStart) {
                return Entry(.upTime, payload: magnitude)
            }
            let kind: SNMPRecording.Kind = switch tag {
            case .counter32: .counter32
            case .gauge32: .gauge32
            case .timeTicks: .timeTicks
            default: .counter64
            }
            return Entry(kind, payload: magnitude)
        case .null, .noSuchObject, .noSuchInstance, .endOfMibView:
            guard value.isEmpty else { return invalid("expected no value") }
            let kind: SNMPRecording.Kind = switch tag {
            case .null: .null
            case .noSuchObject: .noSuchObject
            case .noSuchInstance: .noSuchInstance
            default: .endOfMibView
            }
            return Entry(kind, payload: 0)
        case .objectIdentifier:
            let encoded = ByteArena(capacity: value.count + 8)
            if let failure = OIDKey.appendDotted(value, 0, value.count, to: encoded) {
                return invalid(failure.reason)
            }
            guard let oid = RecordingParser.makeOID(encoded.buffer) else { return invalid("bad OID") }
            oidValues.append(oid)
            return Entry(.objectIdentifier, payload: UInt64(oidValues.count - 1))
        case .octetString, .opaque, .ipAddress:
            return nil  // handled above
        }
    }

    func isSysUpTime(_ keyStart: Int) -> Bool {
        keys.elementsEqual(keyStart, keys.count, RecordingParser.sysUpTime)
    }

    static func makeOID(_ encoded: UnsafeBufferPointer<UInt8>) -> OID? {
        try? OID(encoded: Array(encoded)[...])
    }

    // MARK: Variation modules

    mutating func numericValue(_ tag: RecordTag, _ encoding: ValueEncoding, _ value: UnsafeBufferPointer<UInt8>,
                               keyStart: Int, line: Int, tagText: UnsafeBufferPointer<UInt8>) -> Entry? {
        let output: NumericVariation.Output
        switch tag {
        case .integer: output = .integer
        case .counter32: output = .counter32
        case .gauge32: output = .gauge32
        case .timeTicks: output = .timeTicks
        case .counter64: output = .counter64
        default:
            warn(.unknownTag, line: line, "tag '\(RecordingParser.preview(tagText))': numeric serves INTEGER, Counter32, Gauge32, TimeTicks and Counter64 only")
            return nil
        }
        guard encoding == .plain else {
            warn(.unknownTag, line: line, "tag '\(RecordingParser.preview(tagText))': numeric values cannot be hex or escaped")
            return nil
        }
        var seed: UInt64 = 0xCBF2_9CE4_8422_2325
        for i in keyStart..<keys.count { seed = (seed ^ UInt64(keys[i])) &* 0x100_0000_01B3 }
        var ignored: [String] = []
        let parameters = Substring(String(decoding: value, as: UTF8.self))
        switch NumericVariation.parse(parameters, output: output, seed: seed, ignored: &ignored) {
        case .failure(let error):
            warn(.invalidValue, line: line, "numeric: \(error.reason)")
            return nil
        case .success(let variation):
            for reason in ignored { warn(.unsupportedVariationParameter, line: line, "numeric: \(reason)") }
            numerics.append(variation)
            return Entry(.numeric, payload: UInt64(numerics.count - 1))
        }
    }

    /// snmpsim's `writecache` serves `value=` (or `hexvalue=`) until a Set changes it; this view is
    /// read-only, so the line is a static value.
    mutating func writecacheValue(_ tag: RecordTag, _ value: UnsafeBufferPointer<UInt8>, keyStart: Int, line: Int) -> Entry? {
        // Keep the bytes as Latin-1 so a value's octets survive the round trip through String.
        let text = Substring(String(value.lazy.map { Character(Unicode.Scalar($0)) }))
        var settings: [Substring: Substring] = [:]
        for item in snmpsimSplit(text, ",") {
            let pair = snmpsimSplit(item, "=")
            guard pair.count == 2 else {
                warn(.invalidValue, line: line, "writecache: parameter '\(item)' is not key=value")
                return nil
            }
            settings[pair[0]] = pair[1]
        }
        if let status = settings["status"], settings["op"].map({ $0.lowercased() != "set" }) ?? true {
            warn(.unsupportedVariationParameter, line: line, "writecache: status=\(status) on reads is not supported")
            return nil
        }
        let latin1 = { (s: Substring) -> [UInt8] in s.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) } }
        let raw: [UInt8]
        let encoding: ValueEncoding
        if let hex = settings["hexvalue"] {
            raw = latin1(hex)
            encoding = .hex
        } else if let plain = settings["value"] {
            raw = latin1(plain)
            encoding = .plain
        } else {
            warn(.invalidValue, line: line, "writecache: neither value= nor hexvalue=")
            return nil
        }
        return raw.withUnsafeBufferPointer { buffer in
            "writecache".utf8.withContiguousStorageIfAvailable { name in
                staticValue(tag, encoding, buffer, keyStart: keyStart, line: line, tagText: name)
            } ?? nil
        }
    }

    // MARK: Value syntax

    static func preview(_ value: UnsafeBufferPointer<UInt8>) -> String {
        let shown = value.prefix(40)
        var text = String(shown.lazy.map { $0 >= 0x20 && $0 < 0x7F ? Character(Unicode.Scalar($0)) : "?" })
        if value.count > 40 { text += "..." }
        return text
    }

    /// Python's int() on text: whitespace around, one sign, digits with single underscores between.
    static func pythonInt(_ value: UnsafeBufferPointer<UInt8>) -> (negative: Bool, magnitude: UInt64)? {
        var start = 0, end = value.count
        while start < end && isSpace(value[start]) { start += 1 }
        while end > start && isSpace(value[end - 1]) { end -= 1 }
        var negative = false
        if start < end && (value[start] == UInt8(ascii: "-") || value[start] == UInt8(ascii: "+")) {
            negative = value[start] == UInt8(ascii: "-")
            start += 1
        }
        guard start < end else { return nil }
        var magnitude: UInt64 = 0
        var previousWasDigit = false
        for i in start..<end {
            let byte = value[i]
            if byte == UInt8(ascii: "_") {
                guard previousWasDigit, i + 1 < end else { return nil }
                previousWasDigit = false
                continue
            }
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = sum
            previousWasDigit = true
        }
        guard previousWasDigit else { return nil }
        return (negative, magnitude)
    }

    @inline(__always)
    static func nibble(_ c: UInt8) -> UInt8? {
        let digit = c &- UInt8(ascii: "0")
        if digit < 10 { return digit }
        let letter = (c | 0x20) &- UInt8(ascii: "a")
        return letter < 6 ? letter + 10 : nil
    }

    /// Hex digits in pairs; an odd last digit is the high nibble (pyasn1 does the same).
    static func appendHex(_ value: UnsafeBufferPointer<UInt8>, to out: ByteArena) -> Bool {
        out.reserve(value.count / 2 + 1)
        let mark = out.count
        var i = 0
        while i < value.count {
            guard let high = nibble(value[i]) else {
                out.count = mark
                return false
            }
            var low: UInt8 = 0
            if i + 1 < value.count {
                guard let l = nibble(value[i + 1]) else {
                    out.count = mark
                    return false
                }
                low = l
            }
            out.appendUnchecked(high << 4 | low)
            i += 2
        }
        return true
    }

    /// snmpsim's `e` encoding: Python string escapes `\\ \' \" \a \b \f \n \r \t \v \xHH`.
    static func appendUnescaped(_ value: UnsafeBufferPointer<UInt8>, to out: ByteArena) -> Bool {
        out.reserve(value.count)
        let mark = out.count
        var i = 0
        while i < value.count {
            let byte = value[i]
            i += 1
            guard byte == UInt8(ascii: "\\") else {
                out.appendUnchecked(byte)
                continue
            }
            guard i < value.count else { break }  // a trailing backslash is dropped, as snmpsim does
            let escape = value[i]
            i += 1
            switch escape {
            case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): out.appendUnchecked(escape)
            case UInt8(ascii: "a"): out.appendUnchecked(7)
            case UInt8(ascii: "b"): out.appendUnchecked(8)
            case UInt8(ascii: "f"): out.appendUnchecked(12)
            case UInt8(ascii: "n"): out.appendUnchecked(10)
            case UInt8(ascii: "r"): out.appendUnchecked(13)
            case UInt8(ascii: "t"): out.appendUnchecked(9)
            case UInt8(ascii: "v"): out.appendUnchecked(11)
            case UInt8(ascii: "x"):
                guard i + 2 <= value.count, let high = nibble(value[i]), let low = nibble(value[i + 1]) else {
                    out.count = mark
                    return false
                }
                out.appendUnchecked(high << 4 | low)
                i += 2
            default:
                out.count = mark
                return false
            }
        }
        return true
    }

    /// Four decimal octets separated by dots.
    static func dottedQuad(_ value: UnsafeBufferPointer<UInt8>) -> UInt32? {
        var address: UInt32 = 0
        var parts = 0
        var current: UInt32 = 0
        var digits = 0
        for i in 0...value.count {
            let byte = i < value.count ? value[i] : UInt8(ascii: ".")
            if byte == UInt8(ascii: ".") {
                guard digits > 0, current <= 255, parts < 4 else { return nil }
                address = address << 8 | current
                parts += 1
                current = 0
                digits = 0
            } else {
                let digit = byte &- UInt8(ascii: "0")
                guard digit < 10, digits < 3 else { return nil }
                current = current * 10 + UInt32(digit)
                digits += 1
            }
        }
        return parts == 4 ? address : nil
    }

    // MARK: Finishing

    /// Sorts if the lines were out of order and closes the warnings.
    mutating func finish() {
        if !isSorted { sortAndDeduplicate() }
        if suppressedWarnings > 0 {
            warnings.append(SNMPRecordingWarning(.moreWarnings, file: file, line: 0,
                                                 "\(suppressedWarnings) more warnings not shown"))
        }
    }

    /// Orders the entries by OID (ties by line, so the later line of a duplicate wins), in place.
    mutating func sortAndDeduplicate() {
        var order = Array(0..<Int32(entries.count))
        let base = keys.base
        do {
            let offsets = keyOffsets.buffer
            order.sort { a, b in
                let aStart = Int(offsets[Int(a)]), aEnd = Int(offsets[Int(a) + 1])
                let bStart = Int(offsets[Int(b)]), bEnd = Int(offsets[Int(b) + 1])
                let c = OIDKey.compare(base + aStart, aEnd - aStart, base + bStart, bEnd - bStart)
                return c != 0 ? c < 0 : a < b
            }
        }
        let newKeys = ByteArena(capacity: keys.count)
        let newOffsets = GrowableBuffer<UInt32>(capacity: keyOffsets.count)
        newOffsets.append(0)
        let newEntries = GrowableBuffer<Entry>(capacity: entries.count)
        let newLines = GrowableBuffer<UInt32>(capacity: lines.count)
        for (position, index) in order.enumerated() {
            let i = Int(index)
            let start = Int(keyOffsets[i]), end = Int(keyOffsets[i + 1])
            if position + 1 < order.count {
                let j = Int(order[position + 1])
                let nextStart = Int(keyOffsets[j]), nextEnd = Int(keyOffsets[j + 1])
                if OIDKey.compare(base + start, end - start, base + nextStart, nextEnd - nextStart) == 0 {
                    let reason = "same OID as line \(lines[i]), which is dropped"
                    warn(.duplicateObjectIdentifier, line: Int(lines[j]), reason)
                    continue
                }
            }
            newKeys.append(contentsOf: UnsafeBufferPointer(start: base + start, count: end - start))
            newOffsets.append(UInt32(newKeys.count))
            newEntries.append(entries[i])
            newLines.append(lines[i])
        }
        keyOffsets.count = 0
        keyOffsets.append(contentsOf: newOffsets.buffer)
        entries.count = 0
        entries.append(contentsOf: newEntries.buffer)
        lines.count = 0
        lines.append(contentsOf: newLines.buffer)
        keys.count = 0
        keys.append(contentsOf: newKeys.buffer)
        isSorted = true
    }
}
