public import SNMPCodec

/// One agent as the client sees it: where it is, how to authenticate, how to pace requests.
/// Cheap to copy; every request goes through the client's shared sockets.
public struct SNMPAgent: Sendable {
    public struct Options: Sendable {
        public var retry: RetryPolicy
        /// max-repetitions for GetBulk walks (net-snmp's `-Cr`).
        public var maxRepetitions: Int
        /// Walk with GetNext even on SNMPv2c/v3, for agents whose GetBulk is broken.
        public var bulkDisabled: Bool
        /// A walk stops with an error after this many varbinds: a guard against agents that loop.
        public var walkLimit: Int

        public init(retry: RetryPolicy = RetryPolicy(), maxRepetitions: Int = 25, bulkDisabled: Bool = false, walkLimit: Int = 10_000_000) {
            self.retry = retry
            self.maxRepetitions = max(1, maxRepetitions)
            self.bulkDisabled = bulkDisabled
            self.walkLimit = walkLimit
        }
    }

    /// The agent as the user named it: `host:port`.
    public let name: String
    let channel: SNMPRequestChannel
    public let security: any SNMPSecurityModel
    public let options: Options

    init(name: String, channel: SNMPRequestChannel, security: any SNMPSecurityModel, options: Options) {
        self.name = name
        self.channel = channel
        self.security = security
        self.options = options
    }

    var usesBulk: Bool { security.version != .v1 && !options.bulkDisabled }

    // MARK: - RFC 3416 operations

    /// Sends `pdu` and returns the response, whatever its error-status.
    public func send(_ pdu: PDU) async throws -> PDU {
        try await security.request(pdu, over: channel)
    }

    /// GetRequest. A tooBig answer splits the varbinds into smaller requests.
    /// - Throws: ``SNMPClientError`` with ``SNMPClientError/Code/agentError`` for a non-zero error-status.
    public func get(_ oids: [OID]) async throws -> [VarBind] {
        try await splittingTooBig(oids) { part in
            try await checked(send(PDU(type: .getRequest, requestID: 0, varBinds: part.map { VarBind($0) })))
        }
    }

    /// GetNextRequest: the next variable after each OID.
    public func getNext(_ oids: [OID]) async throws -> [VarBind] {
        try await splittingTooBig(oids) { part in
            try await checked(send(PDU(type: .getNextRequest, requestID: 0, varBinds: part.map { VarBind($0) })))
        }
    }

    /// GetBulkRequest (SNMPv2c and v3 only).
    public func getBulk(_ oids: [OID], nonRepeaters: Int = 0, maxRepetitions: Int) async throws -> [VarBind] {
        try await checked(send(.getBulk(requestID: 0, nonRepeaters: nonRepeaters, maxRepetitions: maxRepetitions,
                                        varBinds: oids.map { VarBind($0) })))
    }

    /// SetRequest.
    public func set(_ varBinds: [VarBind]) async throws -> [VarBind] {
        try await checked(send(PDU(type: .setRequest, requestID: 0, varBinds: varBinds)))
    }

    /// Every variable under `root`, in order, fetched lazily.
    public func walk(_ root: OID) -> SNMPWalk {
        SNMPWalk(agent: self, root: root)
    }

    /// Every instance of one table column, in order, fetched lazily; an agent without the table
    /// costs one request (no Get of the column's own OID, as ``walk(_:)`` does for a scalar).
    public func walk(column: OID) -> SNMPWalk {
        SNMPWalk(agent: self, root: column, fetchesRootWhenEmpty: false)
    }

    /// Fetches the columns of a conceptual table and groups them into rows by index.
    public func table(columns: [OID]) async throws -> [SNMPTableRow] {
        try await SNMPTableFetch(agent: self, columns: columns).run()
    }

    // MARK: - Helpers

    func checked(_ pdu: PDU) throws -> [VarBind] {
        guard pdu.errorStatus == .noError else { throw SNMPClientError.agentError(pdu, agent: name) }
        return pdu.varBinds
    }

    /// Runs `body` on `oids`; on tooBig, on each half, down to single varbinds.
    private func splittingTooBig(_ oids: [OID], _ body: ([OID]) async throws -> [VarBind]) async throws -> [VarBind] {
        do {
            return try await body(oids)
        } catch let error as SNMPClientError where error.code == .agentError && error.errorStatus == .tooBig {
            guard oids.count > 1 else {
                throw SNMPClientError(.tooBig, agent: name, "the response to a single varbind is too big for the agent (tooBig)")
            }
            let middle = oids.count / 2
            let first = try await splittingTooBig(Array(oids[..<middle]), body)
            return try await first + splittingTooBig(Array(oids[middle...]), body)
        }
    }
}
