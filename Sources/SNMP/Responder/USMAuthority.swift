import SNMPCodec
import Synchronization

/// The authoritative side of USM (RFC 3414 section 3.2) for the responder: this engine's ID,
/// boots and time, the users it knows, and the checks every incoming SNMPv3 message passes
/// before its PDU is served — engine ID, user, security level, MAC, time window, decryption —
/// each failure answered with the Report a real agent sends.
public final class USMAuthority: Sendable {
    public let engine: SNMPLocalEngine
    private let users: [OctetString: (user: USMUser, keys: USMLocalizedKeys)]
    private let counters = Counters()
    /// Keys localised to the engine IDs of trap senders (RFC 3414 1.5.1: an unconfirmed
    /// notification is authoritative at its sender), computed once per sender and user.
    private let senderKeys = Mutex<[SenderKey: USMLocalizedKeys]>([:])

    struct SenderKey: Hashable {
        let engineID: [UInt8]
        let user: OctetString
    }

    final class Counters: Sendable {
        let unsupportedSecLevels = Atomic<UInt32>(0)
        let notInTimeWindows = Atomic<UInt32>(0)
        let unknownUserNames = Atomic<UInt32>(0)
        let unknownEngineIDs = Atomic<UInt32>(0)
        let wrongDigests = Atomic<UInt32>(0)
        let decryptionErrors = Atomic<UInt32>(0)
    }

    /// Keys are localised to this engine once, here.
    public init(engine: SNMPLocalEngine, users: [USMUser]) throws(USMError) {
        self.engine = engine
        var table: [OctetString: (USMUser, USMLocalizedKeys)] = [:]
        for user in users { table[user.name] = (user, try user.keys.localized(to: engine.engineID)) }
        self.users = table
    }

    /// What became of an incoming message.
    enum Verdict {
        /// Serve `pdu` and answer through `reply`; `authorized` is false when the message came at
        /// a lower level than the user's (access control then refuses it, as snmpd's does).
        case accepted(ScopedPDU, reply: @Sendable (PDU) -> [UInt8]?, authorized: Bool)
        /// Answer with this Report right away.
        case report([UInt8])
        /// Drop silently (not reportable, or malformed).
        case drop
    }

    func verify(_ message: SNMPv3Message, datagram: [UInt8]) -> Verdict {
        guard message.msgSecurityModel == USM.securityModel,
              let parameters = try? USMSecurityParameters.decode(message.msgSecurityParameters) else { return .drop }
        let reportable = message.msgFlags.contains(.reportable)
        func report(_ counter: borrowing Atomic<UInt32>, _ oid: OID, authenticatedWith keys: USMLocalizedKeys? = nil, level: SecurityLevel = .noAuthNoPriv) -> Verdict {
            let value = counter.wrappingAdd(1, ordering: .relaxed).newValue
            guard reportable else { return .drop }
            let pdu = PDU(type: .report, requestID: requestID(of: message, parameters: parameters, keys: keys),
                          varBinds: [VarBind(oid, .counter32(value))])
            return encode(pdu, msgID: message.msgID, userName: keys == nil ? "" : parameters.userName, keys: keys, level: level)
                .map(Verdict.report) ?? .drop
        }
        let senderEngineID = Array(parameters.authoritativeEngineID.bytes)
        // A message that is not reportable and names another engine is a trap from that
        // engine: its keys are the user's localised to the sender, and there is no time
        // window to hold it to (we never synchronised with the sender).
        let fromSender = senderEngineID != engine.engineID && !reportable && !senderEngineID.isEmpty
        guard senderEngineID == engine.engineID || fromSender else {
            return report(counters.unknownEngineIDs, USMSecurity.ReportKind.unknownEngineIDs)
        }
        guard let (user, ownKeys) = users[parameters.userName] else {
            return report(counters.unknownUserNames, USMSecurity.ReportKind.unknownUserNames)
        }
        let keys: USMLocalizedKeys
        if fromSender {
            let id = SenderKey(engineID: senderEngineID, user: user.name)
            if let cached = senderKeys.withLock({ $0[id] }) {
                keys = cached
            } else {
                guard let computed = try? user.keys.localized(to: senderEngineID) else { return .drop }
                senderKeys.withLock { table in
                    if table.count >= 10_000 { table.removeAll() }  // bound: senders are few; a flood of IDs is not
                    table[id] = computed
                }
                keys = computed
            }
        } else {
            keys = ownKeys
        }
        let flags = message.msgFlags
        let level: SecurityLevel = flags.contains(.priv) ? .authPriv : flags.contains(.auth) ? .authNoPriv : .noAuthNoPriv
        guard !(flags.contains(.priv) && !flags.contains(.auth)), Self.rank(level) <= Self.rank(user.level) else {
            return report(counters.unsupportedSecLevels, USMSecurity.ReportKind.unsupportedSecLevels)
        }
        if level != .noAuthNoPriv {
            guard let authKey = keys.authKey,
                  (try? keys.authProtocol.verify(message: datagram, authenticationParametersRange: parameters.authenticationParameters.bytes.indices,
                                                 key: authKey)) == true else {
                return report(counters.wrongDigests, USMSecurity.ReportKind.wrongDigests)
            }
            // RFC 3414 3.2 step 7a: outside 150 s of our clock, or another boot, is too old.
            let time = engine.time
            guard fromSender || (parameters.authoritativeEngineBoots == engine.boots && abs(Int(parameters.authoritativeEngineTime) - Int(time)) <= 150) else {
                return report(counters.notInTimeWindows, USMSecurity.ReportKind.notInTimeWindows, authenticatedWith: keys, level: .authNoPriv)
            }
        }
        let scoped: ScopedPDU
        switch message.msgData {
        case .plaintext(let plain):
            guard level != .authPriv else { return .drop }
            scoped = plain
        case .encrypted(let encrypted):
            guard level == .authPriv, let privKey = keys.privKey,
                  let plain = try? keys.privProtocol.decrypt(encryptedPDU: encrypted.bytes, privacyParameters: parameters.privacyParameters.bytes,
                                                             key: privKey, engineBoots: parameters.authoritativeEngineBoots,
                                                             engineTime: parameters.authoritativeEngineTime) else {
                return report(counters.decryptionErrors, USMSecurity.ReportKind.decryptionErrors)
            }
            // Decryption with the wrong key "succeeds" into garbage; agents drop what does not parse.
            guard let decoded = try? ScopedPDU.decode(plain) else { return .drop }
            scoped = decoded
        }
        let userName = parameters.userName
        let msgID = message.msgID
        let reply: @Sendable (PDU) -> [UInt8]? = { [self] response in
            encode(response, msgID: msgID, userName: userName, keys: keys, level: level,
                   contextEngineID: scoped.contextEngineID, contextName: scoped.contextName)
        }
        return .accepted(scoped, reply: reply, authorized: Self.rank(level) >= Self.rank(user.level))
    }

    private static func rank(_ level: SecurityLevel) -> Int {
        switch level {
        case .noAuthNoPriv: 0
        case .authNoPriv: 1
        case .authPriv: 2
        }
    }

    /// The request-id to echo in a Report: readable only from a plaintext scoped PDU.
    private func requestID(of message: SNMPv3Message, parameters: USMSecurityParameters, keys: USMLocalizedKeys?) -> Int32 {
        if case .plaintext(let scoped) = message.msgData { return scoped.pdu.requestID }
        return 0
    }

    private func encode(_ pdu: PDU, msgID: Int32, userName: OctetString, keys: USMLocalizedKeys?, level: SecurityLevel,
                        contextEngineID: OctetString? = nil, contextName: OctetString = "") -> [UInt8]? {
        let scoped = ScopedPDU(contextEngineID: contextEngineID ?? OctetString(engine.engineID), contextName: contextName, pdu: pdu)
        let time = engine.time
        var privacyParameters: [UInt8] = []
        let data: SNMPv3Message.Data
        if level == .authPriv, let keys, let privKey = keys.privKey {
            guard let encrypted = try? keys.privProtocol.encrypt(scopedPDU: scoped.encode(), key: privKey, engineBoots: engine.boots,
                                                                 engineTime: time, salt: USMSalt.next()) else { return nil }
            privacyParameters = encrypted.privacyParameters
            data = .encrypted(OctetString(encrypted.encryptedPDU))
        } else {
            data = .plaintext(scoped)
        }
        let authenticated = level != .noAuthNoPriv && keys?.authKey != nil
        let parameters = USMSecurityParameters(
            authoritativeEngineID: OctetString(engine.engineID), authoritativeEngineBoots: engine.boots, authoritativeEngineTime: time,
            userName: userName,
            authenticationParameters: OctetString(Array(repeating: 0, count: authenticated ? keys!.authProtocol.macLength : 0)),
            privacyParameters: OctetString(privacyParameters))
        var bytes = SNMPv3Message(msgID: msgID, msgMaxSize: 65_507, msgFlags: authenticated ? level.flags : [],
                                  msgSecurityParameters: OctetString(parameters.encode()), msgData: data).encode()
        if authenticated, let keys, let authKey = keys.authKey, let range = USM.authenticationParametersRange(in: bytes) {
            guard (try? keys.authProtocol.authenticate(message: &bytes, authenticationParametersRange: range, key: authKey)) != nil else { return nil }
        }
        return bytes
    }
}
