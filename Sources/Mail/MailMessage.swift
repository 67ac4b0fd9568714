public import Foundation

/// A plain-text message (RFC 5322 with MIME, RFC 2045-2047) from one address to one or more.
///
/// Rendering never lets the content break the header: control characters in the subject become
/// spaces, a non-ASCII subject is written as RFC 2047 encoded-words, the body's line ends all
/// become CRLF, and a body that is not short-lined ASCII goes quoted-printable (so no server
/// needs 8BITMIME). Addresses are plain `local@domain` in ASCII (`isAddress`).
public struct MailMessage: Sendable, Hashable {
    public var from: String
    public var to: [String]
    public var subject: String
    public var body: String
    /// The Date header: when the message was ready to go (RFC 5322 §3.6.1).
    public var date: Date
    /// The Message-ID without its angle brackets; the same on every attempt of one message, so
    /// that a copy sent twice (a reply lost after the server took it) can be recognised.
    public var messageID: String

    /// Subjects longer than this are cut (an alert's text can be long; a subject is a line).
    public static let maximumSubjectLength = 250

    public init(from: String, to: [String], subject: String, body: String, date: Date, messageID: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.messageID = messageID
    }

    /// `local@domain`, ASCII, no blanks, controls or characters that would end an address in
    /// `MAIL FROM:<…>` or a header.
    public static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && text.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) && !"<>()[],;:\\\"".unicodeScalars.contains($0) }
    }

    /// The message as sent after DATA, before dot-stuffing: headers, a blank line, the body;
    /// every line ends with CRLF.
    public func rendered() -> String {
        let (encoding, content) = Self.encodeBody(body)
        var headers = [
            "From: \(from)",
            Self.fold("To:", words: to.enumerated().map { $0.offset == to.count - 1 ? $0.element : $0.element + "," }),
            Self.subjectHeader(subject),
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <\(messageID)>",
            // An alert is machine-made: no vacation or out-of-office replies (RFC 3834).
            "Auto-Submitted: auto-generated",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: \(encoding)",
        ]
        headers.append("")
        return headers.joined(separator: "\r\n") + "\r\n" + content
    }

    // MARK: - Subject

    /// `Subject: …`, folded; RFC 2047 B encoded-words in UTF-8 when the text is not all ASCII.
    static func subjectHeader(_ subject: String) -> String {
        var text = String(subject.unicodeScalars.map { scalar -> Character in
            scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" ? " " : Character(scalar)
        })
        text = text.trimmingCharacters(in: .whitespaces)
        if text.count > maximumSubjectLength { text = String(text.prefix(maximumSubjectLength - 3)) + "..." }
        if text.unicodeScalars.allSatisfy(\.isASCII) {
            return fold("Subject:", words: text.split(separator: " ", omittingEmptySubsequences: false).map(String.init))
        }
        return "Subject: " + encodedWords(text).joined(separator: "\r\n ")
    }

    /// Encoded-words of at most 75 characters (RFC 2047 §2), each holding whole characters
    /// (§5: a multi-byte character is never split between two words).
    static func encodedWords(_ text: String) -> [String] {
        // 42 bytes give 56 base64 characters: `=?UTF-8?B?` + 56 + `?=` = 68, so that even the
        // first line, after `Subject: `, stays within 78 characters.
        let limit = 42
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > limit {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words
    }

    /// Joins words with spaces, folding (CRLF + space) before a word that would pass column 78.
    static func fold(_ name: String, words: [String]) -> String {
        var lines = [name]
        for word in words {
            if lines[lines.count - 1].count + 1 + word.count > 78 && lines[lines.count - 1].count > 1 {
                lines.append(" " + word)
            } else {
                lines[lines.count - 1] += " " + word
            }
        }
        return lines.joined(separator: "\r\n")
    }

    // MARK: - Date

    /// `Tue, 09 Dec 2025 14:03:27 +0000` (RFC 5322 §3.3), in UTC.
    public static func rfc5322Date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(days[(c.weekday ?? 1) - 1]), \(two(c.day)) \(months[(c.month ?? 1) - 1]) \(c.year ?? 1970) "
            + "\(two(c.hour)):\(two(c.minute)):\(two(c.second)) +0000"
    }

    // MARK: - Body

    /// The body with CRLF line ends and a final CRLF, and its Content-Transfer-Encoding: `7bit`
    /// when it is ASCII with lines of at most 998 bytes (RFC 5322 §2.1.1), else
    /// `quoted-printable` (RFC 2045 §6.7).
    static func encodeBody(_ body: String) -> (encoding: String, content: String) {
        let lines = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        var trimmed = lines[...]
        if trimmed.count > 1, trimmed.last?.isEmpty == true { trimmed = trimmed.dropLast() }
        let plain = trimmed.allSatisfy { line in line.utf8.count <= 998 && line.unicodeScalars.allSatisfy { $0.isASCII && ($0.value >= 0x20 || $0 == "\t") && $0.value != 0x7F } }
        if plain {
            return ("7bit", trimmed.map { $0 + "\r\n" }.joined())
        }
        return ("quoted-printable", trimmed.map { quotedPrintable(Array($0.utf8)) }.joined())
    }

    /// One line in quoted-printable: encoded lines of at most 76 characters joined by soft
    /// breaks (`=` CRLF), the last ending with a hard CRLF.
    static func quotedPrintable(_ line: [UInt8]) -> String {
        var output = ""
        var current = ""
        let hex = Array("0123456789ABCDEF")
        for (index, byte) in line.enumerated() {
            let last = index == line.count - 1
            let token: String
            switch byte {
            case 0x21...0x3C, 0x3E...0x7E:
                token = String(UnicodeScalar(byte))
            case 0x20 where !last, 0x09 where !last:
                // Blanks are kept except at the end of a line, where transports may drop them.
                token = String(UnicodeScalar(byte))
            default:
                token = "=" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0x0F)])
            }
            // Leave room for the soft break's `=` (76 characters in all).
            if current.count + token.count > 75 {
                output += current + "=\r\n"
                current = ""
            }
            current += token
        }
        return output + current + "\r\n"
    }
}

/// The bytes sent after DATA (RFC 5321 §4.5.2): every line that starts with a dot gets another,
/// and the message ends with `.` alone on a line. `rendered` is CRLF-terminated lines.
public enum SMTPDataEncoding {
    public static func dotStuffed(_ rendered: String) -> [UInt8] {
        let bytes = Array(rendered.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 8)
        var lineStart = true
        for byte in bytes {
            if lineStart && byte == UInt8(ascii: ".") { output.append(UInt8(ascii: ".")) }
            output.append(byte)
            lineStart = byte == UInt8(ascii: "\n")
        }
        if !lineStart { output += Array("\r\n".utf8) }
        return output + Array(".\r\n".utf8)
    }
}
