/// Why a message was not submitted, and whether trying again can help.
///
/// Permanent: the server answered 5xx (a wrong password, every recipient refused, the message
/// refused), or the configuration cannot work (no STARTTLS offered, no AUTH mechanism in
/// common, a password that would go in clear). Transient: a 4xx answer, no connection, TLS
/// failures, silence past the timeout, a closed connection.
public struct SMTPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where in the session it happened.
    public enum Stage: String, Sendable, Hashable {
        case connect = "connect"
        case tls = "TLS"
        case greeting = "greeting"
        case hello = "EHLO"
        case startTLS = "STARTTLS"
        case auth = "AUTH"
        case mailFrom = "MAIL FROM"
        case recipients = "RCPT TO"
        case data = "DATA"
    }

    public var server: String
    public var stage: Stage
    public var reason: String
    /// The server's reply that decided it, if one did.
    public var reply: SMTPReply?
    public var isPermanent: Bool

    public init(server: String, stage: Stage, reason: String, reply: SMTPReply? = nil, isPermanent: Bool) {
        self.server = server
        self.stage = stage
        self.reason = reason
        self.reply = reply
        self.isPermanent = isPermanent
    }

    /// `permanent failure at AUTH with smtp.example.net:587: authentication refused for
    /// netwarden@example.net: 535 5.7.8 Authentication credentials invalid`
    public var description: String {
        "\(isPermanent ? "permanent" : "transient") failure at \(stage.rawValue) with \(server): \(reason)"
    }
}

/// What a submission achieved: the recipients the server took, and those it refused for good
/// while taking others (the message went to the rest).
public struct SMTPDelivery: Sendable, Hashable {
    public struct Refusal: Sendable, Hashable {
        public var recipient: String
        public var reply: SMTPReply
    }

    public var accepted: [String]
    public var refused: [Refusal]
}
