/// The OIDs of consecutive lines mostly share all but their last arcs
/// (`1.3.6.1.2.1.2.2.1.10.7`, `1.3.6.1.2.1.2.2.1.10.8`), so each line's encoding starts as a
/// copy of the previous one's for the text the two have in common, and only the rest is parsed.
final class PrefixCache {
    /// For arc j of the previous OID: where the dot after it is (relative to the OID's text),
    /// and how many octets the encoding had after that arc.
    private(set) var previousDots: UnsafeMutablePointer<Int32>
    private(set) var previousKeyEnds: UnsafeMutablePointer<Int32>
    private(set) var currentDots: UnsafeMutablePointer<Int32>
    private(set) var currentKeyEnds: UnsafeMutablePointer<Int32>
    /// Arcs of the previous OID with a dot recorded; 0 when there is nothing to reuse.
    var previousArcs = 0
    var previousTextStart = 0
    var previousTextLength = 0
    var previousKeyStart = 0
    var currentArcs = 0
    var currentTextStart = 0
    var currentTextLength = 0

    /// Room for 128 arcs, plus empty arcs (`1..3`) that are skipped but still take a slot.
    let capacity = 256

    init() {
        previousDots = .allocate(capacity: capacity)
        previousKeyEnds = .allocate(capacity: capacity)
        currentDots = .allocate(capacity: capacity)
        currentKeyEnds = .allocate(capacity: capacity)
    }

    deinit {
        previousDots.deallocate()
        previousKeyEnds.deallocate()
        currentDots.deallocate()
        currentKeyEnds.deallocate()
    }

    /// The current line was stored with its key at `keyStart`: it becomes the previous line.
    func commit(keyStart: Int) {
        swap(&previousDots, &currentDots)
        swap(&previousKeyEnds, &currentKeyEnds)
        previousArcs = currentArcs
        previousTextStart = currentTextStart
        previousTextLength = currentTextLength
        previousKeyStart = keyStart
    }
}

extension RecordingParser {
    enum KeyOutcome {
        /// The key was appended; the OID field ends at `bar`.
        case parsed(bar: Int)
        /// The line is not `OID|...`.
        case malformed(String)
        case invalid(OIDKey.ParseFailure)
    }

    /// Parses the OID field that starts the line at `start` and appends its encoding to `keys`.
    ///
    /// Accepts what ``OIDKey/appendDotted(_:_:_:to:)`` accepts; also finds the first `|`.
    mutating func parseKey(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> KeyOutcome {
        keys.reserve(end - start + 5)
        let keyStart = keys.count
        var position = keyStart
        let base = keys.base
        let cache = prefixCache
        let bytes = text.baseAddress!
        var arcs = 0
        var first: UInt32 = 0
        var i = start

        if cache.previousArcs > 1 {
            let previous = bytes + cache.previousTextStart, current = bytes + start
            let limit = Swift.min(cache.previousTextLength, end - start)
            var common = 0
            while common &+ 8 <= limit
                    && UnsafeRawPointer(previous + common).loadUnaligned(as: UInt64.self)
                    == UnsafeRawPointer(current + common).loadUnaligned(as: UInt64.self) {
                common &+= 8
            }
            while common < limit && previous[common] == current[common] { common &+= 1 }
            var k = cache.previousArcs - 1
            while k >= 1 && Int(cache.previousDots[k]) >= common { k -= 1 }
            if k >= 1 {
                // The text through the dot after arc k is identical, so is everything parsed from it.
                let reused = Int(cache.previousKeyEnds[k])
                (base + position).update(from: base + cache.previousKeyStart, count: reused)
                position &+= reused
                cache.currentDots.update(from: cache.previousDots, count: k + 1)
                cache.currentKeyEnds.update(from: cache.previousKeyEnds, count: k + 1)
                arcs = k + 1
                i = start + Int(cache.previousDots[k]) + 1
            }
        }

        var slots = arcs  // arcs plus skipped empty arcs, for the dot table
        while true {
            let arcStart = i
            var value: UInt64 = 0
            while i < end {
                let digit = bytes[i] &- UInt8(ascii: "0")
                if digit >= 10 { break }
                value = value &* 10 &+ UInt64(digit)
                i &+= 1
            }
            let terminator: UInt8 = i < end ? bytes[i] : 0
            let digits = i &- arcStart
            if digits == 0 {
                if terminator == UInt8(ascii: ".") {
                    i &+= 1  // an empty arc, as in ".1.3" or "1..3"
                    continue
                }
                if terminator == UInt8(ascii: "|") { break }
                return keyFailure(.notNumeric, text, i, end)
            }
            guard digits <= 10, value <= UInt64(UInt32.max) else { return keyFailure(.arcTooLarge, text, i, end) }
            let arc = UInt32(truncatingIfNeeded: value)
            if arcs == 0 {
                first = arc
            } else if arcs == 1 {
                guard first <= 2, first == 2 || arc < 40 else { return keyFailure(.firstArcsOutOfRange, text, i, end) }
                let head = UInt64(first) * 40 + UInt64(arc)
                guard head <= UInt64(UInt32.max) else { return keyFailure(.firstArcsOutOfRange, text, i, end) }
                position &+= OIDKey.writeArc(UInt32(head), to: base + position)
            } else {
                guard arcs < 128 else { return keyFailure(.tooManyArcs, text, i, end) }
                position &+= OIDKey.writeArc(arc, to: base + position)
            }
            arcs &+= 1
            if terminator == UInt8(ascii: ".") {
                if slots < cache.capacity {
                    cache.currentDots[arcs - 1] = Int32(truncatingIfNeeded: i - start)
                    cache.currentKeyEnds[arcs - 1] = Int32(truncatingIfNeeded: position - keyStart)
                    slots = arcs
                }
                i &+= 1
                continue
            }
            if terminator == UInt8(ascii: "|") { break }
            return keyFailure(.notNumeric, text, i, end)
        }
        // Here bytes[i] is the first '|'.
        if i == start { return .malformed("empty OID or tag") }
        if arcs < 2 { return keyFailure(.tooFewArcs, text, i, end) }
        keys.count = position
        cache.currentArcs = slots
        cache.currentTextStart = start
        cache.currentTextLength = i - start
        return .parsed(bar: i)
    }

    /// A bad OID field, unless the line lacks the two bars, which snmpsim checks first.
    private func keyFailure(_ failure: OIDKey.ParseFailure, _ text: UnsafeBufferPointer<UInt8>,
                            _ at: Int, _ end: Int) -> KeyOutcome {
        guard let bar1 = RecordingParser.find(UInt8(ascii: "|"), text, at, end),
              RecordingParser.find(UInt8(ascii: "|"), text, bar1 + 1, end) != nil else {
            return .malformed("expected OID|TAG|VALUE")
        }
        return .invalid(failure)
    }
}
