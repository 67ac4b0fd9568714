public import NIOCore
public import SNMPCodec

/// The command responder of RFC 3416 section 4.2, without I/O: a request datagram in, a
/// response datagram (or nothing) out.
///
/// It serves Get, GetNext, GetBulk and Set (always refused: views are read-only) over
/// community-based SNMPv1 and SNMPv2c, with v1's error mapping (exceptions become
/// noSuchName). A request with an unknown community, a malformed datagram or a PDU an
/// agent does not answer is dropped, as real agents do, and counted.
public struct SNMPAgentEngine: Sendable {
    /// Finds the view a community may read; nil drops the request.
    public typealias ViewResolver = @Sendable (_ community: OctetString) -> (any SNMPAgentView)?

    /// A notification that arrived (SNMPv2-Trap, InformRequest or SNMPv1 Trap), after its
    /// community or USM checks.
    public struct Notification: Sendable {
        public let version: SNMPVersion
        /// Community (v1/v2c) or USM user name (v3).
        public let securityName: OctetString
        public let pdu: AnyPDU
        /// The sender, when the transport passed it (``SNMPAgentEngine/respond(to:from:)``).
        public let source: SocketAddress?
        /// SNMPv3: the message's authoritative engine ID — the sender's for a trap, ours for an inform.
        public let engineID: OctetString?

        public init(version: SNMPVersion, securityName: OctetString, pdu: AnyPDU, source: SocketAddress? = nil,
                    engineID: OctetString? = nil) {
            self.version = version
            self.securityName = securityName
            self.pdu = pdu
            self.source = source
            self.engineID = engineID
        }
    }
    public typealias NotificationHandler = @Sendable (Notification) -> Void

    public struct Configuration: Sendable {
        /// Largest response datagram; bigger GetBulk answers are trimmed, others get tooBig.
        public var maxMessageSize: Int
        /// Cap on the varbinds of one GetBulk response, whatever max-repetitions asks.
        public var maxBulkVarBinds: Int

        public init(maxMessageSize: Int = 65_507, maxBulkVarBinds: Int = 2_000) {
            self.maxMessageSize = maxMessageSize
            self.maxBulkVarBinds = maxBulkVarBinds
        }
    }

    /// Why a datagram got no answer.
    public enum Drop: Error, Sendable, Hashable {
        case malformed(SNMPCodecError)
        case unknownCommunity
        case unsupportedVersion
        case notARequest(PDUType)
    }

    public let configuration: Configuration
    private let resolve: ViewResolver
    /// SNMPv3: the users this agent knows; their context name selects the view, as the
    /// community does for v1/v2c. Without it SNMPv3 requests are dropped.
    private let usm: USMAuthority?

    /// Receives notifications; informs are acknowledged only when it is set.
    private let notifications: NotificationHandler?
    /// v1/v2c notifications are accepted only with these communities; nil accepts any.
    private let notificationCommunities: Set<OctetString>?

    public init(configuration: Configuration = Configuration(), usm: USMAuthority? = nil,
                notifications: NotificationHandler? = nil, notificationCommunities: Set<OctetString>? = nil,
                resolve: @escaping ViewResolver) {
        self.configuration = configuration
        self.usm = usm
        self.notifications = notifications
        self.notificationCommunities = notificationCommunities
        self.resolve = resolve
    }

    /// Answers one request datagram.
    public func respond(to datagram: [UInt8]) -> Result<[UInt8], Drop> {
        respond(to: datagram, from: nil)
    }

    /// Answers one request datagram from `source` (passed on with notifications).
    public func respond(to datagram: [UInt8], from source: SocketAddress?) -> Result<[UInt8], Drop> {
        let message: SNMPMessage
        do {
            message = try SNMPMessage.decode(datagram).message
        } catch {
            return .failure(.malformed(error))
        }
        if case .v3(let v3) = message { return respondV3(v3, datagram: datagram, source: source) }
        guard case .community(let request) = message else { return .failure(.unsupportedVersion) }
        if request.pdu.type == .trapV1 || request.pdu.type == .snmpV2Trap || request.pdu.type == .informRequest {
            guard let notifications else { return .failure(.notARequest(request.pdu.type)) }
            if let allowed = notificationCommunities, !allowed.contains(request.community) { return .failure(.unknownCommunity) }
            notifications(Notification(version: request.version, securityName: request.community, pdu: request.pdu, source: source))
            guard case .pdu(let inform) = request.pdu, inform.type == .informRequest else { return .failure(.notARequest(request.pdu.type)) }
            return .success(CommunityMessage(version: request.version, community: request.community,
                                             pdu: PDU(type: .response, requestID: inform.requestID, varBinds: inform.varBinds)).encode())
        }
        guard case .pdu(let pdu) = request.pdu else { return .failure(.notARequest(.trapV1)) }
        guard let view = resolve(request.community) else { return .failure(.unknownCommunity) }
        let response: PDU
        switch pdu.type {
        case .getRequest: response = get(pdu, view: view, version: request.version)
        case .getNextRequest: response = getNext(pdu, view: view, version: request.version)
        case .getBulkRequest:
            guard request.version != .v1 else { return .failure(.notARequest(pdu.type)) }
            response = getBulk(pdu, view: view)
        case .setRequest: response = refuseSet(pdu, version: request.version)
        default: return .failure(.notARequest(pdu.type))
        }
        return .success(encode(response, request: request))
    }

    private func respondV3(_ message: SNMPv3Message, datagram: [UInt8], source: SocketAddress?) -> Result<[UInt8], Drop> {
        guard let usm else { return .failure(.unsupportedVersion) }
        switch usm.verify(message, datagram: datagram) {
        case .drop: return .failure(.unknownCommunity)
        case .report(let bytes): return .success(bytes)
        case .accepted(let scoped, let reply, let authorized):
            let pdu = scoped.pdu
            if pdu.type == .snmpV2Trap || pdu.type == .informRequest {
                guard let notifications, authorized else { return .failure(.notARequest(pdu.type)) }
                let parameters = try? USMSecurityParameters.decode(message.msgSecurityParameters)
                notifications(Notification(version: .v3, securityName: parameters?.userName ?? "", pdu: .pdu(pdu), source: source,
                                           engineID: parameters?.authoritativeEngineID))
                guard pdu.type == .informRequest,
                      let ack = reply(PDU(type: .response, requestID: pdu.requestID, varBinds: pdu.varBinds)) else {
                    return .failure(.notARequest(pdu.type))
                }
                return .success(ack)
            }
            guard let view = resolve(scoped.contextName) else { return .failure(.unknownCommunity) }
            let response: PDU
            switch pdu.type {
            case _ where !authorized:
                response = PDU(type: .response, requestID: pdu.requestID, errorStatus: .authorizationError, varBinds: pdu.varBinds)
            case .getRequest: response = get(pdu, view: view, version: .v3)
            case .getNextRequest: response = getNext(pdu, view: view, version: .v3)
            case .getBulkRequest: response = getBulk(pdu, view: view)
            case .setRequest: response = refuseSet(pdu, version: .v3)
            default: return .failure(.notARequest(pdu.type))
            }
            guard let bytes = fitted(response, request: pdu.type, encode: reply) else { return .failure(.unsupportedVersion) }
            return .success(bytes)
        }
    }

    // MARK: - Operations

    private func get(_ pdu: PDU, view: any SNMPAgentView, version: SNMPVersion) -> PDU {
        var varBinds = pdu.varBinds
        for i in varBinds.indices {
            let value = view.get(varBinds[i].oid)
            if value.isException && version == .v1 { return v1NoSuchName(pdu, index: i) }
            varBinds[i].value = value
        }
        return response(to: pdu, varBinds)
    }

    private func getNext(_ pdu: PDU, view: any SNMPAgentView, version: SNMPVersion) -> PDU {
        var varBinds = pdu.varBinds
        for i in varBinds.indices {
            if let next = view.next(after: varBinds[i].oid) {
                varBinds[i] = next
            } else {
                if version == .v1 { return v1NoSuchName(pdu, index: i) }
                varBinds[i].value = .endOfMibView
            }
        }
        return response(to: pdu, varBinds)
    }

    /// RFC 3416 section 4.2.3.
    private func getBulk(_ pdu: PDU, view: any SNMPAgentView) -> PDU {
        let requested = pdu.varBinds
        let nonRepeaters = min(max(pdu.nonRepeaters, 0), requested.count)
        let repeaters = requested.count - nonRepeaters
        let maxRepetitions = max(pdu.maxRepetitions, 0)
        var out: [VarBind] = []
        out.reserveCapacity(min(nonRepeaters + repeaters * maxRepetitions, configuration.maxBulkVarBinds))
        for varBind in requested[..<nonRepeaters] {
            out.append(view.next(after: varBind.oid) ?? VarBind(varBind.oid, .endOfMibView))
        }
        guard repeaters > 0 else { return response(to: pdu, out) }
        var cursors = requested[nonRepeaters...].map(\.oid)
        var ended = Array(repeating: false, count: repeaters)
        repetitions: for _ in 0..<maxRepetitions {
            for c in 0..<repeaters {
                guard out.count < configuration.maxBulkVarBinds else { break repetitions }
                if !ended[c], let next = view.next(after: cursors[c]) {
                    cursors[c] = next.oid
                    out.append(next)
                } else {
                    ended[c] = true
                    out.append(VarBind(cursors[c], .endOfMibView))
                }
            }
            if !ended.contains(false) { break }
        }
        return response(to: pdu, out)
    }

    private func refuseSet(_ pdu: PDU, version: SNMPVersion) -> PDU {
        var response = response(to: pdu, pdu.varBinds)
        response.errorStatusField = Int32(version == .v1 ? ErrorStatus.noSuchName.rawValue : ErrorStatus.notWritable.rawValue)
        response.errorIndexField = pdu.varBinds.isEmpty ? 0 : 1
        return response
    }

    private func v1NoSuchName(_ pdu: PDU, index: Int) -> PDU {
        var response = response(to: pdu, pdu.varBinds)
        response.errorStatusField = Int32(ErrorStatus.noSuchName.rawValue)
        response.errorIndexField = Int32(index + 1)
        return response
    }

    private func response(to pdu: PDU, _ varBinds: [VarBind]) -> PDU {
        PDU(type: .response, requestID: pdu.requestID, varBinds: varBinds)
    }

    private func encode(_ response: PDU, request: CommunityMessage) -> [UInt8] {
        fitted(response, request: request.pdu.type) {
            CommunityMessage(version: request.version, community: request.community, pdu: $0).encode()
        }!
    }

    /// Encodes `response` within ``Configuration/maxMessageSize`` (RFC 3416 4.2): a GetBulk
    /// answer loses trailing varbinds, any other becomes tooBig with no varbinds.
    /// Nil only when `encode` fails (an SNMPv3 protection error).
    private func fitted(_ response: PDU, request: PDUType, encode: (PDU) -> [UInt8]?) -> [UInt8]? {
        var response = response
        while let bytes = encode(response) {
            if bytes.count <= configuration.maxMessageSize || response.varBinds.isEmpty { return bytes }
            if request == .getBulkRequest && response.varBinds.count > 1 {
                // Drop a share proportional to the excess, at least one varbind.
                let excess = Double(bytes.count - configuration.maxMessageSize) / Double(bytes.count)
                let drop = max(1, Int((Double(response.varBinds.count) * excess).rounded(.up)))
                response.varBinds.removeLast(min(drop, response.varBinds.count - 1))
            } else {
                response = PDU(type: .response, requestID: response.requestID, errorStatus: .tooBig, varBinds: [])
            }
        }
        return nil
    }
}
