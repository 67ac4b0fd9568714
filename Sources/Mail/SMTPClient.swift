import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Submits one message per connection (RFC 5321): greeting, EHLO (HELO if refused), STARTTLS
/// and EHLO again when asked, AUTH PLAIN or LOGIN when credentials are set, MAIL FROM, one RCPT
/// TO per recipient, DATA with dot-stuffing, QUIT.
///
/// The whole session shares one deadline: past it the connection is closed and the attempt
/// fails as transient. A recipient deferred with 4xx fails the whole attempt (RSET, nothing sent)
/// so that a retry reaches everyone exactly once; recipients refused with 5xx are left out when
/// others are accepted, and reported.
public enum SMTPClient {
    public static func send(_ message: MailMessage, via server: SMTPServer, timeout: Duration,
                            heloName: String? = nil) async throws(SMTPError) -> SMTPDelivery {
        let name = server.description
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        let time = TimeAmount.nanoseconds(Int64(seconds * 1e9))
        let deadline = NIODeadline.now() + time
        for address in [message.from] + message.to where !MailMessage.isAddress(address) {
            throw SMTPError(server: name, stage: address == message.from ? .mailFrom : .recipients,
                            reason: "'\(address)' is not a plain ASCII local@domain address", isPermanent: true)
        }
        guard !message.to.isEmpty else {
            throw SMTPError(server: name, stage: .recipients, reason: "no recipients", isPermanent: true)
        }

        var tls: NIOSSLContext?
        if server.security != .none {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.minimumTLSVersion = .tlsv12
            if let caFile = server.caFile { configuration.trustRoots = .file(caFile) }
            do { tls = try NIOSSLContext(configuration: configuration) } catch {
                throw SMTPError(server: name, stage: .tls, reason: "cannot set up TLS (ca_file \(server.caFile ?? "none")): \(error)",
                                isPermanent: true)
            }
        }
        let hostname = SMTPServer.isIPAddress(server.host) ? nil : server.host

        let tlsGuard = NIOLockedValueBox(SMTPReplyDecoder.TLSGuard.off)
        let channel: NIOAsyncChannel<SMTPReply, ByteBuffer>
        do {
            let implicit = server.security == .implicitTLS ? tls : nil
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(time)
                .connect(host: server.host, port: server.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let implicit {
                            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: implicit, serverHostname: hostname))
                        }
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder(tlsGuard: tlsGuard)))
                        return try NIOAsyncChannel<SMTPReply, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw SMTPError(server: name, stage: .connect, reason: describe(connectError: error, timeout: seconds), isPermanent: false)
        }

        let timedOut = NIOLockedValueBox(false)
        let timer = channel.channel.eventLoop.scheduleTask(deadline: deadline) {
            timedOut.withLockedValue { $0 = true }
            channel.channel.close(promise: nil)
        }
        defer { timer.cancel() }
        let helo = heloName ?? defaultHeloName(local: channel.channel.localAddress)
        do {
            return try await channel.executeThenClose { inbound, outbound in
                var session = Session(server: server, name: name, helo: helo, tls: tls, tlsHostname: hostname, tlsGuard: tlsGuard,
                                      channel: channel.channel, replies: inbound.makeAsyncIterator(), outbound: outbound)
                do {
                    return try await session.run(message)
                } catch let error as SMTPError {
                    throw error
                } catch {
                    if timedOut.withLockedValue({ $0 }) {
                        throw SMTPError(server: name, stage: session.stage, reason: "no answer within \(format(seconds))s",
                                        isPermanent: false)
                    }
                    if error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError {
                        throw SMTPError(server: name, stage: .tls, reason: describe(tlsError: error), isPermanent: false)
                    }
                    let stage = session.stage
                    let reason = error is Session.ConnectionClosed ? "the server closed the connection" : "\(error)"
                    if error is SMTPReplyDecoder.InjectionError {
                        throw SMTPError(server: name, stage: .startTLS, reason: reason, isPermanent: false)
                    }
                    throw SMTPError(server: name, stage: stage, reason: reason, isPermanent: false)
                }
            }
        } catch let error as SMTPError {
            throw error
        } catch {
            throw SMTPError(server: name, stage: .connect, reason: "\(error)", isPermanent: false)
        }
    }

    /// The conversation, on a connected channel.
    struct Session {
        struct ConnectionClosed: Error {}

        let server: SMTPServer
        let name: String
        let helo: String
        let tls: NIOSSLContext?
        let tlsHostname: String?
        let tlsGuard: NIOLockedValueBox<SMTPReplyDecoder.TLSGuard>
        let channel: any Channel
        var replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator
        let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
        var stage = SMTPError.Stage.greeting

        mutating func run(_ message: MailMessage) async throws -> SMTPDelivery {
            stage = .greeting
            let greeting = try await read()
            guard greeting.code == 220 else { throw refusal(greeting, "the server does not take mail") }

            var extensions = try await hello()
            var secure = server.security == .implicitTLS
            if server.security == .startTLS {
                stage = .startTLS
                guard let tls else { throw failure("no TLS context", permanent: true) }
                guard extensions.supports("STARTTLS") else {
                    throw failure("the server does not offer STARTTLS; Netwarden will not go on in clear (starttls: true)", permanent: true)
                }
                tlsGuard.withLockedValue { $0 = .awaitingReply }
                let reply = try await command("STARTTLS")
                guard reply.code == 220 else { throw refusal(reply, "STARTTLS refused") }
                let hostname = tlsHostname
                try await channel.eventLoop.submit { [channel, tlsGuard] in
                    try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: hostname), position: .first)
                    // From here on bytes reach the decoder only through TLS.
                    tlsGuard.withLockedValue { $0 = .off }
                }.get()
                secure = true
                // RFC 3207 §4.2: what was learnt before TLS is forgotten; ask again.
                extensions = try await hello()
            }
            if let credentials = server.credentials {
                stage = .auth
                guard secure || server.isLoopback else {
                    throw failure("a password goes only over TLS (or to a loopback host): use starttls or port 465", permanent: true)
                }
                try await authenticate(credentials, offered: extensions.authMechanisms)
            }

            stage = .mailFrom
            let mail = try await command("MAIL FROM:<\(message.from)>")
            guard mail.code == 250 else { throw refusal(mail, "sender <\(message.from)> refused") }

            stage = .recipients
            var accepted: [String] = []
            var refused: [SMTPDelivery.Refusal] = []
            var deferred: [SMTPDelivery.Refusal] = []
            for recipient in message.to {
                let reply = try await command("RCPT TO:<\(recipient)>")
                switch reply.code {
                case 250, 251: accepted.append(recipient)
                case 400..<500: deferred.append(.init(recipient: recipient, reply: reply))
                default: refused.append(.init(recipient: recipient, reply: reply))
                }
            }
            func list(_ refusals: [SMTPDelivery.Refusal]) -> String {
                refusals.map { "<\($0.recipient)> \($0.reply)" }.joined(separator: "; ")
            }
            if !deferred.isEmpty {
                _ = try? await command("RSET")
                await quit()
                throw SMTPError(server: name, stage: .recipients, reason: "recipient deferred, the message waits for all: \(list(deferred))",
                                reply: deferred[0].reply, isPermanent: false)
            }
            if accepted.isEmpty {
                await quit()
                throw SMTPError(server: name, stage: .recipients, reason: "every recipient refused: \(list(refused))",
                                reply: refused.first?.reply, isPermanent: refused.allSatisfy(\.reply.isPermanent))
            }

            stage = .data
            let go = try await command("DATA")
            guard go.code == 354 else { throw refusal(go, "DATA refused") }
            try await outbound.write(ByteBuffer(bytes: SMTPDataEncoding.dotStuffed(message.rendered())))
            let taken = try await read()
            guard taken.code == 250 else { throw refusal(taken, "message refused") }
            // The server has the message; how QUIT goes no longer matters.
            await quit()
            return SMTPDelivery(accepted: accepted, refused: refused)
        }

        /// EHLO, or HELO when the server refuses EHLO for good (then no extensions).
        mutating func hello() async throws -> SMTPExtensions {
            stage = .hello
            let reply = try await command("EHLO \(helo)")
            if reply.code == 250 { return SMTPExtensions(ehlo: reply) }
            guard reply.isPermanent else { throw refusal(reply, "EHLO refused") }
            let fallback = try await command("HELO \(helo)")
            guard fallback.code == 250 else { throw refusal(fallback, "EHLO and HELO refused") }
            return SMTPExtensions()
        }

        /// AUTH PLAIN (RFC 4616) when offered, else LOGIN. The password is sent, never logged or quoted.
        mutating func authenticate(_ credentials: SMTPServer.Credentials, offered: Set<String>) async throws {
            func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
            let reply: SMTPReply
            if offered.contains("PLAIN") {
                let token = base64("\u{0}\(credentials.user)\u{0}\(credentials.password)")
                let first = try await command("AUTH PLAIN \(token)")
                // A server may ignore the initial response and ask for it with an empty 334.
                reply = first.code == 334 ? try await command(token) : first
            } else if offered.contains("LOGIN") {
                let start = try await command("AUTH LOGIN")
                guard start.code == 334 else { throw refusal(start, "AUTH LOGIN refused") }
                let user = try await command(base64(credentials.user))
                guard user.code == 334 else { throw refusal(user, "user \(credentials.user) refused") }
                reply = try await command(base64(credentials.password))
            } else if offered.isEmpty {
                throw failure("the server offers no AUTH but a user is configured\(server.security == .none ? " (it may offer it only over TLS)" : "")",
                              permanent: true)
            } else {
                throw failure("the server offers AUTH \(offered.sorted().joined(separator: " ")); Netwarden speaks PLAIN and LOGIN",
                              permanent: true)
            }
            guard reply.code == 235 else { throw refusal(reply, "authentication refused for \(credentials.user)") }
        }

        mutating func quit() async {
            _ = try? await command("QUIT")
        }

        mutating func command(_ line: String) async throws -> SMTPReply {
            do {
                try await outbound.write(ByteBuffer(string: line + "\r\n"))
            } catch {
                // The cause is usually on the inbound side (a failed TLS handshake closed the
                // channel): reading throws it; else the write's own error stands.
                _ = try await replies.next()
                throw error
            }
            return try await read()
        }

        mutating func read() async throws -> SMTPReply {
            guard let reply = try await replies.next() else { throw ConnectionClosed() }
            return reply
        }

        /// A reply other than the one expected: 5xx permanent, anything else transient.
        func refusal(_ reply: SMTPReply, _ what: String) -> SMTPError {
            SMTPError(server: name, stage: stage, reason: "\(what): \(reply)", reply: reply, isPermanent: reply.isPermanent)
        }

        func failure(_ reason: String, permanent: Bool) -> SMTPError {
            SMTPError(server: name, stage: stage, reason: reason, isPermanent: permanent)
        }
    }

    /// The host's name when it is a fully qualified one, else the address literal of our end of
    /// the connection (RFC 5321 §4.1.4), which every server accepts.
    static func defaultHeloName(local: SocketAddress?) -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        if gethostname(&buffer, buffer.count - 1) == 0 {
            let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if name.contains("."), !name.hasSuffix("."), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }) {
                return name
            }
        }
        switch local {
        case .v4?: return "[\(local?.ipAddress ?? "127.0.0.1")]"
        case .v6?: return "[IPv6:\(local?.ipAddress ?? "::1")]"
        default: return "[127.0.0.1]"
        }
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds))" : "\(seconds)"
    }

    /// `TLS handshake failed: CERTIFICATE_VERIFY_FAILED`: BoringSSL's reason, without its
    /// error number and source path.
    static func describe(tlsError error: any Error) -> String {
        var stack: NIOBoringSSLErrorStack?
        if let error = error as? NIOSSLError, case .handshakeFailed(.sslError(let errors)) = error { stack = errors }
        if let error = error as? BoringSSLError, case .sslError(let errors) = error { stack = errors }
        guard let stack, !stack.isEmpty else { return "TLS: \(error)" }
        let reasons = stack.map { entry -> String in
            let text = "\(entry)".components(separatedBy: " at /").first ?? "\(entry)"
            return text.split(separator: ":").last.map(String.init) ?? text
        }
        var reason = "TLS handshake failed: " + reasons.joined(separator: ", ")
        if reasons.contains("CERTIFICATE_VERIFY_FAILED") {
            reason += " (the server's certificate is not signed by a CA in ca_file or the system store, or has expired)"
        }
        return reason
    }

    /// "Connection refused", "cannot resolve smtp.example.net", "no connection within 10s".
    static func describe(connectError error: any Error, timeout: Double) -> String {
        if let error = error as? NIOConnectionError {
            if let failure = error.connectionErrors.first {
                if let io = failure.error as? IOError { return String(cString: strerror(io.errnoCode)) }
                return "\(failure.error)"
            }
            return "cannot resolve \(error.host)"
        }
        if let error = error as? ChannelError, case .connectTimeout = error { return "no connection within \(format(timeout))s" }
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)) }
        return "\(error)"
    }
}

/// Lines to replies, with the parser's limits.
///
/// Around STARTTLS it also guards against response injection (a man in the middle appending
/// clear-text replies after `220 Ready to start TLS`, which a client would read as answers
/// given under TLS): once the reply to STARTTLS is out, any further clear-text byte is an error
/// until the TLS handler sits in front.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    enum TLSGuard: Sendable { case off, awaitingReply, sealed }
    struct InjectionError: Error, CustomStringConvertible {
        var description: String { "the server sent clear text after its STARTTLS reply" }
    }

    typealias InboundOut = SMTPReply
    var parser = SMTPReplyParser()
    let tlsGuard: NIOLockedValueBox<TLSGuard>

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let state = tlsGuard.withLockedValue { $0 }
        if state == .sealed, buffer.readableBytes > 0 { throw InjectionError() }
        let view = buffer.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > SMTPReplyParser.maximumLineLength + 2 {
                throw SMTPReplyParser.Failure(description: "reply line longer than \(SMTPReplyParser.maximumLineLength) bytes")
            }
            return .needMoreData
        }
        let length = view.distance(from: view.startIndex, to: newline)
        let line = buffer.readBytes(length: length) ?? []
        buffer.moveReaderIndex(forwardBy: 1)
        if let reply = try parser.parse(line: line) {
            if state == .awaitingReply {
                tlsGuard.withLockedValue { $0 = .sealed }
                if buffer.readableBytes > 0 { throw InjectionError() }
            }
            context.fireChannelRead(wrapInboundOut(reply))
        }
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        try decode(context: context, buffer: &buffer)
    }
}
