@testable import Mail
import Testing

/// Replies as servers write them: single and multi-line, bare LF, and what is not SMTP.
struct SMTPReplyTests {
    static func parse(_ text: String) throws -> [SMTPReply] {
        var parser = SMTPReplyParser()
        var replies: [SMTPReply] = []
        // By bytes: in a Swift String "\r\n" is one Character, so a split on "\n" would miss it.
        for line in Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast() {
            if let reply = try parser.parse(line: line) { replies.append(reply) }
        }
        return replies
    }

    @Test func multiLineRepliesAreOneReply() throws {
        let replies = try Self.parse("220 mail.example.net ESMTP\r\n250-mail.example.net\r\n250-SIZE 35882577\r\n250-AUTH=LOGIN\r\n250-AUTH PLAIN LOGIN\r\n250-8BITMIME\r\n250 STARTTLS\r\n")
        #expect(replies.count == 2)
        #expect(replies[0] == SMTPReply(code: 220, lines: ["mail.example.net ESMTP"]))
        #expect(replies[1].code == 250 && replies[1].lines.count == 6)
        let extensions = SMTPExtensions(ehlo: replies[1])
        #expect(extensions.supports("starttls") && extensions.supports("8BITMIME") && extensions.supports("SIZE"))
        #expect(extensions.authMechanisms == ["PLAIN", "LOGIN"])
        #expect(!extensions.supports("PIPELINING"))
    }

    @Test func bareLineFeedsAndCodeOnlyLinesAreAccepted() throws {
        let replies = try Self.parse("250\n354 go ahead\n")
        #expect(replies.map(\.code) == [250, 354])
        #expect(replies[0].description == "250")
    }

    @Test func classesOfReplies() throws {
        let replies = try Self.parse("421 4.3.2 shutting down\r\n535 5.7.8 Authentication credentials invalid\r\n")
        #expect(replies[0].isTransient && !replies[0].isPermanent)
        #expect(replies[1].isPermanent && !replies[1].isPositive)
        #expect(replies[1].description == "535 5.7.8 Authentication credentials invalid")
    }

    @Test func whatIsNotSMTPIsRefused() {
        for bad in ["HTTP/1.1 400 Bad Request\r\n", "25\r\n", "250xOK\r\n", "999 nine\r\n", "250-a\r\n251 b\r\n"] {
            #expect(throws: SMTPReplyParser.Failure.self, "\(bad)") { _ = try Self.parse(bad) }
        }
        var parser = SMTPReplyParser()
        #expect(throws: SMTPReplyParser.Failure.self) { _ = try parser.parse(line: Array(("250 " + String(repeating: "x", count: 5000)).utf8)) }
        var endless = SMTPReplyParser()
        #expect(throws: SMTPReplyParser.Failure.self) {
            for _ in 0..<1000 { _ = try endless.parse(line: Array("250-more".utf8)) }
        }
    }

    @Test func longReplyTextIsCutInDescriptions() {
        let reply = SMTPReply(code: 550, lines: [String(repeating: "y", count: 1000)])
        #expect(reply.description.count <= 303)
    }

    @Test func loopbackHosts() {
        for host in ["localhost", "127.0.0.1", "127.1.2.3", "::1"] { #expect(SMTPServer.isLoopback(host), "\(host)") }
        for host in ["smtp.example.net", "10.0.0.1", "::2", "128.0.0.1"] { #expect(!SMTPServer.isLoopback(host), "\(host)") }
    }

    @Test func credentialsNeverPrintThePassword() {
        let server = SMTPServer(host: "smtp.example.net", port: 587, security: .startTLS,
                                credentials: .init(user: "nw", password: "hunter2-secret"))
        #expect(!"\(server)".contains("hunter2"))
        #expect(!"\(server.credentials!)".contains("hunter2"))
        #expect(!String(describing: server.credentials).contains("hunter2"))
    }
}
