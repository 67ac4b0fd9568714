/// Reads big-endian fields off the front of a byte slice. Every read checks the bytes left and
/// returns nil when they are too few, so a short or lying frame can never read past its end.
struct ByteCursor {
    private(set) var rest: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) { rest = bytes }

    var remaining: Int { rest.count }
    var isEmpty: Bool { rest.isEmpty }

    mutating func u8() -> UInt8? {
        guard let byte = rest.first else { return nil }
        rest = rest.dropFirst()
        return byte
    }

    mutating func u16() -> UInt16? {
        guard let bytes = take(2) else { return nil }
        return UInt16(bytes[bytes.startIndex]) << 8 | UInt16(bytes[bytes.startIndex + 1])
    }

    mutating func u32() -> UInt32? {
        guard let bytes = take(4) else { return nil }
        return bytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    /// The next `count` bytes (a view, not a copy).
    mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, count <= rest.count else { return nil }
        let taken = rest.prefix(count)
        rest = rest.dropFirst(count)
        return taken
    }

    mutating func skip(_ count: Int) -> Bool { take(count) != nil }
}

enum FrameText {
    /// Text from a frame for logs, alerts and the API: UTF-8 (invalid sequences replaced),
    /// trailing NULs and surrounding blanks dropped, control characters shown as `?`, at most
    /// 255 characters. Nil when nothing is left.
    static func text(_ bytes: some Collection<UInt8>) -> String? {
        var trimmed = Array(bytes)
        while trimmed.last == 0 { trimmed.removeLast() }
        let decoded = String(decoding: trimmed, as: UTF8.self)
        let cleaned = String(decoded.unicodeScalars.prefix(255).map { scalar -> Character in
            scalar.properties.generalCategory == .control ? "?" : Character(scalar)
        }).trimmingBlanks()
        return cleaned.isEmpty ? nil : cleaned
    }

    /// Lower-case hex, colon separated, for identifiers that are not text.
    static func hex(_ bytes: some Collection<UInt8>) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: ":")
    }

    /// Text when every byte is printable ASCII or UTF-8, else hex.
    static func identifier(_ bytes: some Collection<UInt8>) -> String? {
        guard !bytes.isEmpty else { return nil }
        let array = Array(bytes)
        if array.allSatisfy({ $0 >= 0x20 && $0 != 0x7F }) || (array.last == 0 && array.dropLast().allSatisfy({ $0 >= 0x20 && $0 != 0x7F })) {
            return text(array)
        }
        return hex(array)
    }
}

extension String {
    func trimmingBlanks() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
