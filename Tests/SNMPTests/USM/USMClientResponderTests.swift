import NIOCore
import Testing
@testable import SNMP

/// SNMPv3 between Netwarden's manager side (USMSecurity) and its agent side (USMAuthority)
/// on loopback: every authentication × privacy protocol, and every Report a misconfiguration earns.
struct USMClientResponderTests {
    static let combinations: [(AuthenticationProtocol, PrivacyProtocol)] =
        AuthenticationProtocol.allCases.filter { $0 != .none }.flatMap { auth in
            PrivacyProtocol.allCases.map { (auth, $0) }
        }

    static let view = StaticAgentView(ClientResponderTests.system)

    static func user(_ name: String, _ auth: AuthenticationProtocol, _ priv: PrivacyProtocol,
                     authPassword: String = "auth-password", privPassword: String = "priv-password") throws -> USMUser {
        try USMUser(name: name, level: priv == .none ? .authNoPriv : .authPriv, authProtocol: auth, authPassword: authPassword,
                    privProtocol: priv, privPassword: priv == .none ? nil : privPassword)
    }

    static func withV3Agent<T: Sendable>(users: [USMUser], boots: Int32 = 1,
                                         _ body: (SNMPClient, Int) async throws -> T) async throws -> T {
        let authority = try USMAuthority(engine: SNMPLocalEngine(engineID: SNMPLocalEngine.textEngineID("test-agent"), boots: boots), users: users)
        let engine = SNMPAgentEngine(usm: authority) { context in context == "" || context == "router" ? view : nil }
        let responder = try await SNMPResponder.start(endpoints: [("127.0.0.1", 0)], engine: engine)
        let client = try await SNMPClient()
        defer { Task { await client.shutdown(); await responder.close() } }
        return try await body(client, responder.localAddresses[0].port!)
    }

    @Test(arguments: combinations)
    func everyCombinationWalks(_ auth: AuthenticationProtocol, _ priv: PrivacyProtocol) async throws {
        let user = try Self.user("u", auth, priv)
        try await Self.withV3Agent(users: [user]) { client, port in
            let agent = try await client.agent("127.0.0.1", port: port, security: USMSecurity(user: user, cache: USMEngineCache()))
            #expect(try await agent.walk("1.3.6.1.2.1.1").collect() == ClientResponderTests.system)
            let context = try await client.agent("127.0.0.1", port: port, security: USMSecurity(user: user, contextName: "router", cache: USMEngineCache()))
            #expect(try await context.get(["1.3.6.1.2.1.1.5.0"]).first?.value == .octetString("router-1"))
        }
    }

    @Test func misconfigurationsEachGetTheirReport() async throws {
        let known = try Self.user("known", .sha256, .aes128)
        let authOnly = try Self.user("authonly", .sha1, .none)
        try await Self.withV3Agent(users: [known, authOnly]) { client, port in
            func attempt(_ user: USMUser) async -> SNMPClientError? {
                do {
                    let agent = try await client.agent("127.0.0.1", port: port, security: USMSecurity(user: user, cache: USMEngineCache()),
                                                       options: .init(retry: RetryPolicy(timeout: .milliseconds(300), retries: 0)))
                    _ = try await agent.get(["1.3.6.1.2.1.1.5.0"])
                    return nil
                } catch let error as SNMPClientError { return error } catch { return nil }
            }
            let stranger = try Self.user("stranger", .sha256, .aes128)
            let wrongAuth = try Self.user("known", .sha256, .aes128, authPassword: "not-the-password")
            let wrongProtocol = try Self.user("known", .md5, .aes128)
            let wrongPriv = try Self.user("known", .sha256, .aes128, privPassword: "not-the-password")
            let noAuth = try USMUser(name: "known", level: .noAuthNoPriv)
            #expect(await attempt(stranger)?.code == .unknownUserName)
            #expect(await attempt(wrongAuth)?.code == .wrongDigest)
            #expect(await attempt(wrongProtocol)?.code == .wrongDigest)
            #expect(await attempt(wrongPriv)?.code == .decryptionError)
            // Below the user's level: access control refuses it (authorizationError, as snmpd does).
            let refused = await attempt(noAuth)
            #expect(refused?.code == .agentError && refused?.errorStatus == .authorizationError)
            // Above the user's level: USM itself refuses (usmStatsUnsupportedSecLevels).
            let wantsPrivacy = try Self.user("authonly", .sha1, .aes128)
            #expect(await attempt(wantsPrivacy)?.code == .unsupportedSecurityLevel)
        }
    }

    @Test func engineStateIsCachedPerAgentAndResynchronisedAfterARestart() async throws {
        let user = try Self.user("u", .sha1, .aes128)
        let cache = USMEngineCache()
        let address: String
        let port: Int
        do {
            let authority = try USMAuthority(engine: SNMPLocalEngine(engineID: SNMPLocalEngine.textEngineID("boots"), boots: 1), users: [user])
            let responder = try await SNMPResponder.start(endpoints: [("127.0.0.1", 0)], engine: SNMPAgentEngine(usm: authority) { _ in Self.view })
            port = responder.localAddresses[0].port!
            address = "127.0.0.1"
            let client = try await SNMPClient()
            let agent = try await client.agent(address, port: port, security: USMSecurity(user: user, cache: cache))
            _ = try await agent.get(["1.3.6.1.2.1.1.5.0"])
            #expect(cache.count == 1)
            await client.shutdown()
            await responder.close()
        }
        // The "agent restarts": same engine ID, boots + 1, time from zero, same port.
        let authority = try USMAuthority(engine: SNMPLocalEngine(engineID: SNMPLocalEngine.textEngineID("boots"), boots: 2), users: [user])
        let responder = try await SNMPResponder.start(endpoints: [(address, port)], engine: SNMPAgentEngine(usm: authority) { _ in Self.view })
        let client = try await SNMPClient()
        let agent = try await client.agent(address, port: port, security: USMSecurity(user: user, cache: cache))
        #expect(try await agent.get(["1.3.6.1.2.1.1.5.0"]).first?.value == .octetString("router-1"))
        await client.shutdown()
        await responder.close()
    }
}
