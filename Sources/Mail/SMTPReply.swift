/// One SMTP reply (RFC 5321 §4.2): a three-digit code and its text lines. A multi-line reply
/// (`250-first`, `250-second`, `250 last`) is one reply with several lines.
public struct SMTPReply: Sendable, Hashable, CustomStringConvertible {
    public var code: Int
    /// The text after the code of each line, without the separator.
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// 2xx (and 3xx, an intermediate "go on": 334, 354).
    public var isPositive: Bool { (200..<400).contains(code) }
    /// 4xx: the server may accept the same thing later.
    public var isTransient: Bool { (400..<500).contains(code) }
    /// 5xx: the server will refuse the same thing again.
    public var isPermanent: Bool { (500..<600).contains(code) }

    /// `535 5.7.8 Authentication credentials invalid`: the code and the text, on one line,
    /// cut at 300 characters (a server's text is quoted into errors and the outbox row).
    public var description: String {
        let text = lines.filter { !$0.isEmpty }.joined(separator: " ")
        let line = text.isEmpty ? "\(code)" : "\(code) \(text)"
        return line.count > 300 ? String(line.prefix(300)) + "..." : line
    }
}

/// Builds replies from lines, sans I/O. Lenient about bare LF line ends; strict about the
/// shape of each line and about a multi-line reply keeping its code.
public struct SMTPReplyParser: Sendable {
    public struct Failure: Error, Hashable, CustomStringConvertible {
        public var description: String
    }

    /// A line longer than this is not SMTP (RFC 5321 allows 512 octets).
    public static let maximumLineLength = 4096
    /// A reply with more lines than this is not SMTP either (EHLO lists a dozen or two).
    public static let maximumLines = 200

    private var code: Int?
    private var lines: [String] = []

    public init() {}

    /// Takes one line without its line end; returns the reply it completes, if it does.
    public mutating func parse(line bytes: some Collection<UInt8>) throws(Failure) -> SMTPReply? {
        var bytes = Array(bytes)
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        guard bytes.count <= Self.maximumLineLength else {
            throw Failure(description: "reply line longer than \(Self.maximumLineLength) bytes")
        }
        guard bytes.count >= 3, bytes[0...2].allSatisfy({ (0x30...0x39).contains($0) }),
              (0x32...0x35).contains(bytes[0]) else {
            throw Failure(description: "not an SMTP reply line: '\(Self.printable(bytes))'")
        }
        let lineCode = Int(bytes[0] - 0x30) * 100 + Int(bytes[1] - 0x30) * 10 + Int(bytes[2] - 0x30)
        let separator: UInt8? = bytes.count > 3 ? bytes[3] : nil
        guard separator == nil || separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw Failure(description: "not an SMTP reply line: '\(Self.printable(bytes))'")
        }
        if let code, code != lineCode {
            throw Failure(description: "multi-line reply changed its code from \(code) to \(lineCode)")
        }
        code = lineCode
        lines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
        if separator == UInt8(ascii: "-") {
            guard lines.count < Self.maximumLines else {
                throw Failure(description: "reply of more than \(Self.maximumLines) lines")
            }
            return nil
        }
        defer { code = nil; lines = [] }
        return SMTPReply(code: lineCode, lines: lines)
    }

    private static func printable(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix(80).map { (0x20...0x7E).contains($0) ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
    }
}

/// What the server said it can do in its EHLO reply (RFC 5321 §4.1.1.1): the keywords of the
/// lines after the first, upper-cased, with their parameters.
public struct SMTPExtensions: Sendable, Hashable {
    public var keywords: [String: [String]] = [:]

    public init() {}

    public init(ehlo reply: SMTPReply) {
        for line in reply.lines.dropFirst() {
            var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard !words.isEmpty else { continue }
            var keyword = words.removeFirst().uppercased()
            // Old servers write `AUTH=LOGIN PLAIN` besides (or instead of) `AUTH LOGIN PLAIN`.
            if let equals = keyword.firstIndex(of: "=") {
                words.insert(String(keyword[keyword.index(after: equals)...]), at: 0)
                keyword = String(keyword[..<equals])
            }
            keywords[keyword, default: []].append(contentsOf: words.map { $0.uppercased() })
        }
    }

    public func supports(_ keyword: String) -> Bool { keywords[keyword.uppercased()] != nil }

    /// The SASL mechanisms of the AUTH keyword.
    public var authMechanisms: Set<String> { Set(keywords["AUTH"] ?? []) }
}
