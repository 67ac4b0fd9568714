#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable buffer written through its pointer, for the parser's hot appends.
///
/// `Array.append` checks uniqueness and capacity per element; here the parser reserves once per
/// line and writes, and the final copy into an `Array` is one `memcpy`.
final class GrowableBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    var count = 0
    private(set) var capacity: Int
    /// True while the elements live in memory the caller owns (an `Array` being initialized).
    private(set) var isExternal: Bool

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 16)
        base = GrowableBuffer.allocate(self.capacity)
        isExternal = false
    }

    /// A buffer over caller-owned memory, such as the storage of an `Array` being initialized with
    /// `init(unsafeUninitializedCapacity:)`. If it must grow, it moves to memory of its own and
    /// ``isExternal`` turns false.
    init(external: UnsafeMutableBufferPointer<Element>) {
        base = external.baseAddress ?? GrowableBuffer.allocate(16)
        capacity = external.baseAddress == nil ? 16 : external.count
        isExternal = external.baseAddress != nil
    }

    deinit { if !isExternal { free(base) } }

    private static func allocate(_ capacity: Int) -> UnsafeMutablePointer<Element> {
        let bytes = capacity * MemoryLayout<Element>.stride
        guard let raw = malloc(bytes) else { fatalError("out of memory allocating \(bytes) bytes") }
        return raw.bindMemory(to: Element.self, capacity: capacity)
    }

    /// Makes room for `extra` more elements.
    @inline(__always)
    func reserve(_ extra: Int) {
        if count &+ extra > capacity { grow(count + extra) }
    }

    private func grow(_ needed: Int) {
        let newCapacity = Swift.max(needed, capacity * 2)
        let newBase = GrowableBuffer.allocate(newCapacity)
        newBase.update(from: base, count: count)
        if !isExternal { free(base) }
        isExternal = false
        base = newBase
        capacity = newCapacity
    }

    /// Appends without a capacity check: call ``reserve(_:)`` first.
    @inline(__always)
    func appendUnchecked(_ element: Element) {
        base[count] = element
        count &+= 1
    }

    @inline(__always)
    func append(_ element: Element) {
        reserve(1)
        appendUnchecked(element)
    }

    func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        guard let source = elements.baseAddress, !elements.isEmpty else { return }
        reserve(elements.count)
        (base + count).update(from: source, count: elements.count)
        count += elements.count
    }

    @inline(__always)
    subscript(index: Int) -> Element {
        get { base[index] }
        set { base[index] = newValue }
    }

    var last: Element? { count > 0 ? base[count - 1] : nil }

    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    /// The elements as an array, one copy.
    func toArray() -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 { buffer.baseAddress!.update(from: base, count: count) }
            initialized = count
        }
    }
}

extension GrowableBuffer where Element == UInt8 {
    func elementsEqual(_ start: Int, _ end: Int, _ other: [UInt8]) -> Bool {
        end - start == other.count && UnsafeBufferPointer(start: base + start, count: end - start).elementsEqual(other)
    }
}

typealias ByteArena = GrowableBuffer<UInt8>
