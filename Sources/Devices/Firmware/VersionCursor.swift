/// A position in the UTF-8 bytes of a version or of a text that contains one.
///
/// Scheme parsers read from a cursor and leave it after what they recognised; on failure the
/// caller restores its copy, so every parser is a plain "longest match at this position" reader.
/// Numbers are capped at nine digits: nothing a vendor prints is longer, and no input can overflow.
struct VersionCursor {
    let bytes: [UInt8]
    var index: Int

    init(_ text: some StringProtocol) {
        self.bytes = Array(text.utf8)
        self.index = 0
    }

    init(bytes: [UInt8], index: Int) {
        self.bytes = bytes
        self.index = index
    }

    static let maximumDigits = 9

    var isAtEnd: Bool { index >= bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    func peek(at offset: Int) -> UInt8? {
        let position = index + offset
        return position >= 0 && position < bytes.count ? bytes[position] : nil
    }

    /// The text between two positions, as written.
    func text(from start: Int, to end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    // MARK: - Reading

    /// Reads a decimal number of at most ``maximumDigits`` digits; `nil` and no move when there is none
    /// or when it is longer.
    mutating func number() -> Int? {
        var value = 0
        var end = index
        while end < bytes.count, bytes[end].isDigit {
            guard end - index < Self.maximumDigits else { return nil }
            value = value * 10 + Int(bytes[end] - UInt8(ascii: "0"))
            end += 1
        }
        guard end > index else { return nil }
        index = end
        return value
    }

    /// Reads a run of bytes that satisfy `predicate`, possibly empty.
    mutating func run(while predicate: (UInt8) -> Bool) -> String {
        let start = index
        while index < bytes.count, predicate(bytes[index]) { index += 1 }
        return text(from: start, to: index)
    }

    /// Reads one byte if it is `byte`.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        index += 1
        return true
    }

    /// Reads `word` if the text continues with it, ignoring ASCII case.
    mutating func consume(caseInsensitive word: String) -> Bool {
        let utf8 = Array(word.utf8)
        guard index + utf8.count <= bytes.count else { return false }
        for (offset, byte) in utf8.enumerated() where bytes[index + offset].asciiLowercased != byte.asciiLowercased {
            return false
        }
        index += utf8.count
        return true
    }

    /// Skips spaces and tabs.
    mutating func skipSpaces() {
        while let byte = peek, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1 }
    }

    /// Reads `N(.N)*`, at most `limit` components; `nil` and no move without a first number.
    /// A dot is read only when a digit follows it.
    mutating func dottedNumbers(limit: Int = 8) -> [Int]? {
        guard let first = number() else { return nil }
        var numbers = [first]
        while numbers.count < limit, peek == UInt8(ascii: "."), peek(at: 1)?.isDigit == true {
            let save = index
            index += 1
            guard let next = number() else {
                index = save
                break
            }
            numbers.append(next)
        }
        return numbers
    }

    // MARK: - Boundaries

    /// Whether the version read so far ends here in a longer text: at the end, or before a byte
    /// that cannot continue a version token. `.`, `-` and `+` end it only when no letter or digit
    /// follows them (the end of a sentence, a dash before a space).
    var isAtTokenEnd: Bool {
        guard let byte = peek else { return true }
        if byte.isAlphanumeric || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "(") { return false }
        if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") {
            return peek(at: 1)?.isAlphanumeric != true
        }
        return true
    }

    /// Whether a token may start here: at the start, or after a byte that is not a letter, digit,
    /// dot or underscore.
    var isAtTokenStart: Bool {
        guard index > 0 else { return true }
        let before = bytes[index - 1]
        return !(before.isAlphanumeric || before == UInt8(ascii: ".") || before == UInt8(ascii: "_"))
    }
}

extension UInt8 {
    var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    var isUppercase: Bool { self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z") }
    var isLowercase: Bool { self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z") }
    var isLetter: Bool { isUppercase || isLowercase }
    var isAlphanumeric: Bool { isDigit || isLetter }
    var isWhitespace: Bool {
        self == UInt8(ascii: " ") || self == UInt8(ascii: "\t") || self == UInt8(ascii: "\r") || self == UInt8(ascii: "\n")
    }
    var asciiLowercased: UInt8 { isUppercase ? self + 32 : self }
}
