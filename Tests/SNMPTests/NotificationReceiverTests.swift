import NIOCore
import Synchronization
import Testing
@testable import SNMP

/// The receiver side the trap listener builds on: traps and informs of every version reach
/// the handler after their checks; informs are acknowledged; SNMPv3 traps are verified with
/// the user's keys localised to the *sender's* engine ID, informs with ours.
struct NotificationReceiverTests {
    final class Inbox: Sendable {
        let received = Mutex<[SNMPAgentEngine.Notification]>([])
        func add(_ n: SNMPAgentEngine.Notification) { received.withLock { $0.append(n) } }
        var trapOIDs: [String] {
            received.withLock { list in
                list.compactMap { n -> String? in
                    if case .trapV1(let trap) = n.pdu { return "v1:\(trap.specificTrap)" }
                    return n.pdu.varBinds.dropFirst().first.map { varBind in
                        if case .objectIdentifier(let oid) = varBind.value { return "\(n.version)/\(n.pdu.type):\(oid)" }
                        return "?"
                    }
                }
            }
        }
    }

    @Test func trapsAndInformsOfEveryVersionArrive() async throws {
        let user = try USMUser(name: "trapper", level: .authPriv, authProtocol: .sha256, authPassword: "trap-auth-pass",
                               privProtocol: .aes128, privPassword: "trap-priv-pass")
        let receiverEngine = SNMPLocalEngine(engineID: SNMPLocalEngine.textEngineID("receiver"))
        let inbox = Inbox()
        let engine = SNMPAgentEngine(usm: try USMAuthority(engine: receiverEngine, users: [user]),
                                     notifications: { inbox.add($0) }, resolve: { _ in nil })
        let responder = try await SNMPResponder.start(endpoints: [("127.0.0.1", 0)], engine: engine)
        let port = responder.localAddresses[0].port!
        let client = try await SNMPClient()

        let v2 = try await client.agent("127.0.0.1", port: port, security: CommunitySecurity("public"))
        try v2.sendTrap(trapOID: "1.3.6.1.6.3.1.1.5.3", uptime: 100)
        #expect(try await v2.inform(trapOID: "1.3.6.1.6.3.1.1.5.4", uptime: 200).count == 2)
        let v1 = try await client.agent("127.0.0.1", port: port, security: CommunitySecurity("public", version: .v1))
        try v1.sendTrapV1(TrapV1PDU(enterprise: "1.3.6.1.4.1.8072", agentAddress: IPv4Address(127, 0, 0, 1),
                                    genericTrap: 6, specificTrap: 42, timeStamp: 1, varBinds: []))
        let v3 = try await client.agent("127.0.0.1", port: port, security: USMSecurity(user: user, cache: USMEngineCache()))
        // A trap signed by the sender's own engine, which the receiver has never seen.
        try v3.sendTrap(trapOID: "1.3.6.1.6.3.1.1.5.1", uptime: 300, engine: SNMPLocalEngine(engineID: SNMPLocalEngine.textEngineID("sender-1")))
        // An inform: the receiver is authoritative, discovered like an agent.
        #expect(try await v3.inform(trapOID: "1.3.6.1.6.3.1.1.5.2", uptime: 400).count == 2)
        // A trap with the wrong password is dropped.
        let impostor = try USMUser(name: "trapper", level: .authPriv, authProtocol: .sha256, authPassword: "wrong-password",
                                   privProtocol: .aes128, privPassword: "trap-priv-pass")
        let bad = try await client.agent("127.0.0.1", port: port, security: USMSecurity(user: impostor, cache: USMEngineCache()))
        try bad.sendTrap(trapOID: "1.3.6.1.6.3.1.1.5.5", uptime: 1, engine: SNMPLocalEngine(engineID: SNMPLocalEngine.textEngineID("sender-2")))

        try await Task.sleep(for: .milliseconds(300))
        #expect(Set(inbox.trapOIDs) == [
            "2c/SNMPv2-Trap:1.3.6.1.6.3.1.1.5.3", "2c/InformRequest:1.3.6.1.6.3.1.1.5.4", "v1:42",
            "3/SNMPv2-Trap:1.3.6.1.6.3.1.1.5.1", "3/InformRequest:1.3.6.1.6.3.1.1.5.2",
        ])
        await client.shutdown()
        await responder.close()
    }

    @Test func communitiesAreCheckedAndTheSenderAndEngineIDArePassedOn() async throws {
        let inbox = Inbox()
        let engine = SNMPAgentEngine(notifications: { inbox.add($0) }, notificationCommunities: ["ops"], resolve: { _ in nil })
        let responder = try await SNMPResponder.start(endpoints: [("127.0.0.1", 0)], engine: engine)
        let port = responder.localAddresses[0].port!
        let client = try await SNMPClient()
        let wrong = try await client.agent("127.0.0.1", port: port, security: CommunitySecurity("public"),
                                           options: .init(retry: RetryPolicy(timeout: .milliseconds(200), retries: 0)))
        try wrong.sendTrap(trapOID: "1.3.6.1.6.3.1.1.5.3", uptime: 1)
        // An inform with a community we do not accept is not acknowledged.
        await #expect(throws: (any Error).self) { _ = try await wrong.inform(trapOID: "1.3.6.1.6.3.1.1.5.4", uptime: 2) }
        let right = try await client.agent("127.0.0.1", port: port, security: CommunitySecurity("ops"))
        try right.sendTrap(trapOID: "1.3.6.1.6.3.1.1.5.1", uptime: 3)
        try await Task.sleep(for: .milliseconds(200))
        let received = inbox.received.withLock { $0 }
        #expect(received.count == 1)
        #expect(received.first?.securityName == "ops" && received.first?.source?.ipAddress == "127.0.0.1")
        #expect(received.first?.engineID == nil)
        await client.shutdown()
        await responder.close()
    }
}
