public import SNMPCodec
import NIOCore
import Synchronization

/// SNMPv3 with the user-based security model, manager side (RFC 3412, RFC 3414).
///
/// The first request to an agent discovers its engine (a Report of usmStatsUnknownEngineIDs
/// carries the engine ID, boots and time); later requests use the cached state. A Report of
/// unknown engine ID or of not-in-time-window (after an agent restart, boots + 1) updates the
/// state and resends once. Reports that mean a configuration error become their own errors;
/// a timeout at authPriv is followed by an authNoPriv probe, which tells a wrong privacy
/// password (the agent answers the probe) from a dead agent (it does not).
public struct USMSecurity: SNMPSecurityModel {
    public let user: USMUser
    public let contextName: OctetString
    /// The contextEngineID to address; the agent's own engine ID when nil.
    public let contextEngineID: OctetString?
    public let cache: USMEngineCache

    public var version: SNMPVersion { .v3 }

    public init(user: USMUser, contextName: OctetString = "", contextEngineID: OctetString? = nil, cache: USMEngineCache = .shared) {
        self.user = user
        self.contextName = contextName
        self.contextEngineID = contextEngineID
        self.cache = cache
    }

    public var description: String { "SNMPv3 \(user)" }

    /// usmStats counters that a Report names (RFC 3414 section 5).
    enum ReportKind {
        static let unsupportedSecLevels: OID = "1.3.6.1.6.3.15.1.1.1.0"
        static let notInTimeWindows: OID = "1.3.6.1.6.3.15.1.1.2.0"
        static let unknownUserNames: OID = "1.3.6.1.6.3.15.1.1.3.0"
        static let unknownEngineIDs: OID = "1.3.6.1.6.3.15.1.1.4.0"
        static let wrongDigests: OID = "1.3.6.1.6.3.15.1.1.5.0"
        static let decryptionErrors: OID = "1.3.6.1.6.3.15.1.1.6.0"
    }

    public func request(_ pdu: PDU, over channel: SNMPRequestChannel) async throws -> PDU {
        do {
            return try await exchange(pdu, over: channel)
        } catch let error as SNMPClientError where error.code == .timeout && user.level == .authPriv {
            // Agents drop what they cannot decrypt without a word; an authenticated probe
            // without privacy tells that apart from an agent that is not there.
            let probe = USMSecurity(user: user.withoutPrivacy, contextName: contextName, contextEngineID: contextEngineID, cache: cache)
            let quick = SNMPRequestChannel(transport: channel.transport, address: channel.address, agent: channel.agent,
                                           policy: RetryPolicy(timeout: channel.policy.timeout, retries: 0))
            do {
                _ = try await probe.exchange(PDU(type: .getRequest, requestID: 0, varBinds: [VarBind("1.3.6.1.2.1.1.3.0")]), over: quick)
            } catch let probeError as SNMPClientError where probeError.code == .timeout {
                throw error
            } catch {
                // Any other answer means the agent is alive and authentication works.
            }
            throw SNMPClientError(.decryptionError, agent: channel.agent,
                                  "no answer at authPriv although the agent answers authNoPriv: wrong privacy password or protocol (\(user.keys.privProtocol)) for user \(user.name)")
        }
    }

    private func exchange(_ pdu: PDU, over channel: SNMPRequestChannel) async throws -> PDU {
        let address = channel.address.value
        var engine: USMEngineCache.Engine
        if let known = cache.engine(for: address) {
            engine = known
        } else {
            engine = try await discover(over: channel)
        }
        var resynchronised = false
        var rediscovered = false
        while true {
            let keys = try localized(engine, address: address, channel: channel)
            var request = pdu
            let msgID = channel.nextID()
            request.requestID = msgID
            let datagram = try encode(request, msgID: msgID, engine: engine, keys: keys, reportable: true, agent: channel.agent)
            let answer = try await channel.exchange(datagram, id: msgID)
            switch try decode(answer, keys: keys, engine: engine, address: address, channel: channel) {
            case .response(let response):
                guard response.requestID == msgID else {
                    throw SNMPClientError(.unexpectedResponse, agent: channel.agent, "the answer is not a response to this request")
                }
                return response
            case .report(let oid, let parameters, let authenticated):
                switch oid {
                case ReportKind.unknownEngineIDs where !rediscovered:
                    rediscovered = true
                    engine = adopt(parameters, address: address)
                case ReportKind.notInTimeWindows where !resynchronised && (authenticated || user.level == .noAuthNoPriv):
                    resynchronised = true
                    engine = adopt(parameters, address: address)
                case ReportKind.notInTimeWindows:
                    throw SNMPClientError(.notInTimeWindow, agent: channel.agent, "not in time window (usmStatsNotInTimeWindows) after resynchronising")
                case ReportKind.unknownUserNames:
                    throw SNMPClientError(.unknownUserName, agent: channel.agent, "unknown user '\(user.name)' (usmStatsUnknownUserNames)")
                case ReportKind.wrongDigests:
                    throw SNMPClientError(.wrongDigest, agent: channel.agent,
                                          "authentication failed (usmStatsWrongDigests): wrong authentication password or protocol (\(user.keys.authProtocol)) for user \(user.name)")
                case ReportKind.unsupportedSecLevels:
                    throw SNMPClientError(.unsupportedSecurityLevel, agent: channel.agent,
                                          "security level \(user.level.rawValue) not supported for user \(user.name) (usmStatsUnsupportedSecLevels)")
                case ReportKind.decryptionErrors:
                    throw SNMPClientError(.decryptionError, agent: channel.agent,
                                          "the agent could not decrypt the request (usmStatsDecryptionErrors): wrong privacy password or protocol")
                default:
                    throw SNMPClientError(.securityError, agent: channel.agent, "agent sent a Report for .\(oid)")
                }
            }
        }
    }

    /// Engine discovery (RFC 3414 section 4): an empty noAuthNoPriv GetRequest from no user.
    private func discover(over channel: SNMPRequestChannel) async throws -> USMEngineCache.Engine {
        let msgID = channel.nextID()
        let parameters = USMSecurityParameters(authoritativeEngineID: "", authoritativeEngineBoots: 0, authoritativeEngineTime: 0,
                                               userName: "", authenticationParameters: "", privacyParameters: "")
        let scoped = ScopedPDU(contextEngineID: "", contextName: "", pdu: PDU(type: .getRequest, requestID: msgID, varBinds: []))
        let message = SNMPv3Message(msgID: msgID, msgMaxSize: 65_507, msgFlags: [.reportable],
                                    msgSecurityParameters: OctetString(parameters.encode()), msgData: .plaintext(scoped))
        let answer = try await channel.exchange(message.encode(), id: msgID)
        guard case .v3(let reply) = try? SNMPMessage.decode(answer).message,
              let params = try? USMSecurityParameters.decode(reply.msgSecurityParameters),
              !params.authoritativeEngineID.bytes.isEmpty else {
            throw SNMPClientError(.securityError, agent: channel.agent, "engine discovery failed: the agent's answer carries no engine ID")
        }
        return adopt(params, address: channel.address.value)
    }

    private func adopt(_ parameters: USMSecurityParameters, address: SocketAddress) -> USMEngineCache.Engine {
        let engine = USMEngineCache.Engine(engineID: Array(parameters.authoritativeEngineID.bytes),
                                           boots: parameters.authoritativeEngineBoots, time: parameters.authoritativeEngineTime,
                                           syncedAt: .now)
        cache.store(engine, for: address)
        return engine
    }

    private func localized(_ engine: USMEngineCache.Engine, address: SocketAddress, channel: SNMPRequestChannel) throws -> USMLocalizedKeys {
        do {
            return try cache.localizedKeys(user, address: address, engineID: engine.engineID)
        } catch {
            throw SNMPClientError(.securityError, agent: channel.agent, "cannot localise keys: \(error)")
        }
    }

    // MARK: - Wire

    /// An SNMPv3 trap: this engine is the authoritative one, so keys are localised to our own
    /// engine ID and the receiver checks them against the user it knows for that ID.
    func encodeNotification(_ pdu: PDU, from local: SNMPLocalEngine, agent: String) throws -> [UInt8] {
        let keys: USMLocalizedKeys
        do { keys = try user.keys.localized(to: local.engineID) } catch {
            throw SNMPClientError(.securityError, agent: agent, "cannot localise keys: \(error)")
        }
        let engine = USMEngineCache.Engine(engineID: local.engineID, boots: local.boots, time: local.time, syncedAt: .now)
        return try encode(pdu, msgID: pdu.requestID, engine: engine, keys: keys, reportable: false, agent: agent)
    }

    private func encode(_ pdu: PDU, msgID: Int32, engine: USMEngineCache.Engine, keys: USMLocalizedKeys,
                        reportable: Bool, agent: String) throws -> [UInt8] {
        let time = engine.estimatedTime(at: .now)
        let scoped = ScopedPDU(contextEngineID: contextEngineID ?? OctetString(engine.engineID), contextName: contextName, pdu: pdu)
        var privacyParameters: [UInt8] = []
        let data: SNMPv3Message.Data
        do {
            if user.level == .authPriv, let privKey = keys.privKey {
                let encrypted = try keys.privProtocol.encrypt(scopedPDU: scoped.encode(), key: privKey, engineBoots: engine.boots,
                                                              engineTime: time, salt: USMSalt.next())
                privacyParameters = encrypted.privacyParameters
                data = .encrypted(OctetString(encrypted.encryptedPDU))
            } else {
                data = .plaintext(scoped)
            }
            let authenticated = user.level != .noAuthNoPriv
            let parameters = USMSecurityParameters(
                authoritativeEngineID: OctetString(engine.engineID), authoritativeEngineBoots: engine.boots, authoritativeEngineTime: time,
                userName: user.name,
                authenticationParameters: OctetString(Array(repeating: 0, count: authenticated ? keys.authProtocol.macLength : 0)),
                privacyParameters: OctetString(privacyParameters))
            var bytes = SNMPv3Message(msgID: msgID, msgMaxSize: 65_507, msgFlags: reportable ? user.level.flags.union(.reportable) : user.level.flags,
                                      msgSecurityParameters: OctetString(parameters.encode()), msgData: data).encode()
            if authenticated, let authKey = keys.authKey, let range = USM.authenticationParametersRange(in: bytes) {
                try keys.authProtocol.authenticate(message: &bytes, authenticationParametersRange: range, key: authKey)
            }
            return bytes
        } catch {
            throw SNMPClientError(.securityError, agent: agent, "cannot protect the request: \(error)")
        }
    }

    enum Outcome {
        case response(PDU)
        case report(OID, USMSecurityParameters, authenticated: Bool)
    }

    private func decode(_ answer: [UInt8], keys: USMLocalizedKeys, engine: USMEngineCache.Engine, address: SocketAddress,
                        channel: SNMPRequestChannel) throws -> Outcome {
        let message: SNMPv3Message
        let parameters: USMSecurityParameters
        do {
            guard case .v3(let m) = try SNMPMessage.decode(answer).message else {
                throw SNMPClientError(.unexpectedResponse, agent: channel.agent, "an SNMPv3 request got a community answer")
            }
            message = m
            parameters = try USMSecurityParameters.decode(m.msgSecurityParameters)
        } catch let error as SNMPCodecError {
            throw SNMPClientError(.malformedResponse, agent: channel.agent, "malformed response: \(error)")
        }
        let authenticated = message.msgFlags.contains(.auth)
        if authenticated {
            // Verify with keys for the engine that signed, before trusting anything else.
            let signerKeys = Array(parameters.authoritativeEngineID.bytes) == engine.engineID
                ? keys : try localized(USMEngineCache.Engine(engineID: Array(parameters.authoritativeEngineID.bytes), boots: 0, time: 0, syncedAt: .now),
                                       address: address, channel: channel)
            guard let authKey = signerKeys.authKey,
                  (try? signerKeys.authProtocol.verify(message: answer, authenticationParametersRange: parameters.authenticationParameters.bytes.indices,
                                                       key: authKey)) == true else {
                throw SNMPClientError(.securityError, agent: channel.agent, "the response failed authentication")
            }
            cache.synchronise(address: address, engineID: Array(parameters.authoritativeEngineID.bytes),
                              boots: parameters.authoritativeEngineBoots, time: parameters.authoritativeEngineTime, at: .now)
        }
        let scoped: ScopedPDU
        switch message.msgData {
        case .plaintext(let plain):
            scoped = plain
        case .encrypted(let encrypted):
            guard authenticated, message.msgFlags.contains(.priv), let privKey = keys.privKey else {
                throw SNMPClientError(.securityError, agent: channel.agent, "an encrypted response without authentication")
            }
            do {
                let plain = try keys.privProtocol.decrypt(encryptedPDU: encrypted.bytes, privacyParameters: parameters.privacyParameters.bytes,
                                                          key: privKey, engineBoots: parameters.authoritativeEngineBoots,
                                                          engineTime: parameters.authoritativeEngineTime)
                scoped = try ScopedPDU.decode(plain)
            } catch {
                throw SNMPClientError(.malformedResponse, agent: channel.agent, "cannot decrypt the response: \(error)")
            }
        }
        if scoped.pdu.type == .report {
            return .report(scoped.pdu.varBinds.first?.oid ?? "0.0", parameters, authenticated: authenticated)
        }
        guard scoped.pdu.type == .response else {
            throw SNMPClientError(.unexpectedResponse, agent: channel.agent, "expected a Response, got \(scoped.pdu.type)")
        }
        return .response(scoped.pdu)
    }
}

/// The 64-bit salt counter for privacy (RFC 3826 3.1.1.1, RFC 3414 8.1.1.1): one per
/// process, started at a random value, never repeating while the process lives.
enum USMSalt {
    private static let counter = Atomic<UInt64>(UInt64.random(in: 0...UInt64.max))
    static func next() -> UInt64 { counter.wrappingAdd(1, ordering: .relaxed).newValue }
}

extension SNMPAgent {
    /// Records an SNMPv3 engine ID known in advance (net-snmp's `-e`): discovery is skipped and
    /// the first request synchronises boots and time through a not-in-time-window Report.
    public func assumeEngineID(_ engineID: [UInt8]) {
        guard let usm = security as? USMSecurity else { return }
        usm.cache.store(USMEngineCache.Engine(engineID: engineID, boots: 0, time: 0, syncedAt: .now), for: channel.address.value)
    }
}
