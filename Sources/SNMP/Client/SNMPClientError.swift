public import SNMPCodec

/// A request that did not produce a usable answer. Equality compares ``code`` only.
///
/// ``description`` is one line meant for an operator: it names the agent and says what
/// happened, never a secret.
public struct SNMPClientError: Error, Hashable, CustomStringConvertible, Sendable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// No response after every attempt.
        public static let timeout = Code("timeout")
        /// The agent answered with a non-zero error-status.
        public static let agentError = Code("agentError")
        /// The response could not be decoded.
        public static let malformedResponse = Code("malformedResponse")
        /// The response decoded but does not answer the request (wrong version, PDU or id).
        public static let unexpectedResponse = Code("unexpectedResponse")
        /// A walk got an OID that does not increase: the agent loops.
        public static let nonIncreasingOID = Code("nonIncreasingOID")
        /// A walk returned more varbinds than its bound allows.
        public static let walkLimitExceeded = Code("walkLimitExceeded")
        /// The host name does not resolve.
        public static let unresolvableHost = Code("unresolvableHost")
        /// The datagram could not be sent.
        public static let sendFailed = Code("sendFailed")
        /// The request does not fit in a message even with one varbind or one repetition.
        public static let tooBig = Code("tooBig")
        /// The security model refused the exchange (reported by USM, for instance).
        public static let securityError = Code("securityError")
        /// SNMPv3: the agent does not know the user (usmStatsUnknownUserNames).
        public static let unknownUserName = Code("unknownUserName")
        /// SNMPv3: the agent rejected our MAC (usmStatsWrongDigests): wrong authentication password or protocol.
        public static let wrongDigest = Code("wrongDigest")
        /// SNMPv3: the agent cannot decrypt our messages: wrong privacy password or protocol.
        public static let decryptionError = Code("decryptionError")
        /// SNMPv3: still outside the agent's time window after resynchronising.
        public static let notInTimeWindow = Code("notInTimeWindow")
        /// SNMPv3: the agent does not allow this user at this security level.
        public static let unsupportedSecurityLevel = Code("unsupportedSecurityLevel")
        /// The client was shut down.
        public static let shutDown = Code("shutDown")

        public var description: String { name }
    }

    public let code: Code
    /// The agent, as the user named it (`host:port`).
    public let agent: String
    public let reason: String
    /// For ``Code/agentError``: the error-status, error-index and the varbind it names.
    public let errorStatus: ErrorStatus?
    public let errorIndex: Int?
    public let failedOID: OID?

    public init(_ code: Code, agent: String, _ reason: String,
                errorStatus: ErrorStatus? = nil, errorIndex: Int? = nil, failedOID: OID? = nil) {
        self.code = code
        self.agent = agent
        self.reason = reason
        self.errorStatus = errorStatus
        self.errorIndex = errorIndex
        self.failedOID = failedOID
    }

    public var description: String { "\(agent): \(reason)" }

    public static func == (lhs: SNMPClientError, rhs: SNMPClientError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    static func agentError(_ pdu: PDU, agent: String) -> SNMPClientError {
        let index = pdu.errorIndex
        let oid = index >= 1 && index <= pdu.varBinds.count ? pdu.varBinds[index - 1].oid : nil
        let named = oid.map { " (failed object: .\($0))" } ?? ""
        return SNMPClientError(.agentError, agent: agent, "agent returned \(pdu.errorStatus)\(named)",
                               errorStatus: pdu.errorStatus, errorIndex: index, failedOID: oid)
    }
}
