import Foundation
@testable import Mail
import Testing

/// Rendering a message for DATA: headers, RFC 2047 subjects, quoted-printable bodies,
/// dot-stuffing, and content that must not break out of its header or its line.
struct MailMessageTests {
    static let date = Date(timeIntervalSince1970: 1_765_288_407)  // 2025-12-09 13:53:27 UTC, a Tuesday

    static func message(subject: String = "[CRITICAL] acme/hq core: down", body: String = "core is down\n") -> MailMessage {
        MailMessage(from: "netwarden@example.net", to: ["noc@example.net", "oncall@example.org"], subject: subject, body: body,
                    date: date, messageID: "netwarden.7.1765288407000@example.net")
    }

    static func headers(_ rendered: String) -> [String] {
        let head = rendered.components(separatedBy: "\r\n\r\n")[0]
        // Unfold: a line starting with a blank continues the previous one.
        return head.replacingOccurrences(of: "\r\n ", with: " ").components(separatedBy: "\r\n")
    }

    @Test func rendersTheRFC5322HeadersAnd7bitASCII() {
        let rendered = Self.message().rendered()
        #expect(Self.headers(rendered) == [
            "From: netwarden@example.net",
            "To: noc@example.net, oncall@example.org",
            "Subject: [CRITICAL] acme/hq core: down",
            "Date: Tue, 09 Dec 2025 13:53:27 +0000",
            "Message-ID: <netwarden.7.1765288407000@example.net>",
            "Auto-Submitted: auto-generated",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 7bit",
        ])
        #expect(rendered.hasSuffix("\r\n\r\ncore is down\r\n"))
    }

    @Test func everyLineEndsWithCRLFWhateverTheBodyUsed() {
        let rendered = Self.message(body: "one\ntwo\r\nthree\rfour").rendered()
        let bytes = Array(rendered.utf8)
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            #expect(index > 0 && bytes[index - 1] == UInt8(ascii: "\r"))
        }
        #expect(!bytes.enumerated().contains { $0.element == UInt8(ascii: "\r") && ($0.offset + 1 == bytes.count || bytes[$0.offset + 1] != UInt8(ascii: "\n")) })
        #expect(rendered.hasSuffix("\r\n\r\none\r\ntwo\r\nthree\r\nfour\r\n"))
    }

    @Test func aSubjectCannotInjectHeaders() {
        let rendered = Self.message(subject: "down\r\nBcc: victim@example.com\nX-Evil: 1").rendered()
        let headers = Self.headers(rendered)
        #expect(!headers.contains { $0.hasPrefix("Bcc:") || $0.hasPrefix("X-Evil:") })
        #expect(headers.contains("Subject: down  Bcc: victim@example.com X-Evil: 1"))
    }

    @Test func nonASCIISubjectsAreEncodedWordsOfWholeCharacters() throws {
        let subject = "[CRITICAL] zürich/läbor kern-sw: Schnittstelle ge-0/0/1 ist ausgefallen — 🔥 Ärger über Ölpreis"
        let line = MailMessage.subjectHeader(subject)
        let words = line.dropFirst("Subject: ".count).components(separatedBy: "\r\n ")
        #expect(words.count > 1)
        var decoded = Data()
        for word in words {
            #expect(word.count <= 75, "\(word)")
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            let chunk = try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
            // Each word decodes to whole characters on its own (RFC 2047 §5).
            #expect(String(data: chunk, encoding: .utf8) != nil, "\(word) splits a character")
            decoded += chunk
        }
        #expect(String(decoding: decoded, as: UTF8.self) == subject)
        for physical in line.components(separatedBy: "\r\n") { #expect(physical.count <= 78) }
    }

    @Test func longASCIISubjectsAreFoldedAndCut() {
        let long = Array(repeating: "word", count: 100).joined(separator: " ")
        let line = MailMessage.subjectHeader(long)
        let physical = line.components(separatedBy: "\r\n")
        #expect(physical.count > 1)
        #expect(physical.allSatisfy { $0.count <= 78 })
        let unfolded = line.replacingOccurrences(of: "\r\n", with: "")
        #expect(unfolded.count == "Subject: ".count + MailMessage.maximumSubjectLength)
        #expect(unfolded.hasSuffix("..."))
    }

    @Test func nonASCIIBodiesGoQuotedPrintable() {
        let body = "Gerät in Zürich ist ausgefallen.\nLine with trailing space \n" + String(repeating: "é", count: 60) + "\n"
        let (encoding, content) = MailMessage.encodeBody(body)
        #expect(encoding == "quoted-printable")
        for line in content.components(separatedBy: "\r\n") {
            #expect(line.count <= 76)
            #expect(line.unicodeScalars.allSatisfy { $0.isASCII })
            #expect(!line.hasSuffix(" "))
        }
        #expect(content.hasPrefix("Ger=C3=A4t in Z=C3=BCrich ist ausgefallen.\r\n"))
        #expect(content.contains("trailing space=20\r\n"))
        #expect(Self.decodeQuotedPrintable(content) == body.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func asciiLinesOver998BytesGoQuotedPrintableToo() {
        let (encoding, content) = MailMessage.encodeBody(String(repeating: "x", count: 1200))
        #expect(encoding == "quoted-printable")
        #expect(content.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
    }

    @Test func dotStuffingDoublesLeadingDotsAndEndsWithADotLine() {
        let rendered = "Subject: x\r\n\r\n.hidden\r\n.\r\nmiddle . dot\r\n..two\r\n"
        let stuffed = String(decoding: SMTPDataEncoding.dotStuffed(rendered), as: UTF8.self)
        #expect(stuffed == "Subject: x\r\n\r\n..hidden\r\n..\r\nmiddle . dot\r\n...two\r\n.\r\n")
        // Without a final CRLF, one is added before the terminator.
        #expect(String(decoding: SMTPDataEncoding.dotStuffed("a\r\n.b"), as: UTF8.self) == "a\r\n..b\r\n.\r\n")
    }

    @Test func addressesArePlainASCII() {
        #expect(MailMessage.isAddress("noc@example.net"))
        #expect(MailMessage.isAddress("a.b+tag@sub.example.net"))
        for bad in ["noc", "@example.net", "noc@localhost", "noc@exa mple.net", "a>b@example.net", "nöc@example.net",
                    "noc@example.net\r\nRCPT TO:<x@y.z>", "a,b@example.net", "a@b@example.net"] {
            #expect(!MailMessage.isAddress(bad), "\(bad)")
        }
    }

    @Test func datesAreRFC5322InUTC() {
        #expect(MailMessage.rfc5322Date(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(MailMessage.rfc5322Date(Self.date) == "Tue, 09 Dec 2025 13:53:27 +0000")
    }

    /// An independent decoder for the test: soft breaks removed, =XX to bytes.
    static func decodeQuotedPrintable(_ text: String) -> String {
        let joined = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var bytes: [UInt8] = []
        var index = 0
        while index < joined.count {
            if joined[index] == UInt8(ascii: "="), index + 2 < joined.count,
               let value = UInt8(String(decoding: joined[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(joined[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
