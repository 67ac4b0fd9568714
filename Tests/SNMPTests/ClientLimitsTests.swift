import NIOCore
import NIOPosix
import Synchronization
import Testing
@testable import SNMP

/// What the client promises about pacing and about agents that misbehave.
struct ClientLimitsTests {
    /// A UDP socket that counts requests and never answers.
    final class SilentAgent: ChannelInboundHandler, Sendable {
        typealias InboundIn = AddressedEnvelope<ByteBuffer>
        let received = Atomic<Int>(0)
        func channelRead(context: ChannelHandlerContext, data: NIOAny) { received.add(1, ordering: .relaxed) }

        static func start() async throws -> (SilentAgent, any Channel) {
            let handler = SilentAgent()
            let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .channelInitializer { $0.pipeline.addHandler(handler) }
                .bind(host: "127.0.0.1", port: 0).get()
            return (handler, channel)
        }
    }

    @Test func requestsToOneAgentAreLimitedAndQueuedInOrder() async throws {
        let (silent, channel) = try await SilentAgent.start()
        let client = try await SNMPClient(configuration: .init(maxRequestsInFlightPerAgent: 2))
        let agent = try await client.agent("127.0.0.1", port: channel.localAddress!.port!, security: CommunitySecurity("public"),
                                           options: .init(retry: RetryPolicy(timeout: .milliseconds(400), retries: 0)))
        let requests = Task {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<6 { group.addTask { _ = try? await agent.get(["1.3.6.1.2.1.1.5.0"]) } }
            }
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(silent.received.load(ordering: .relaxed) == 2, "only two requests may be outstanding")
        await requests.value
        #expect(silent.received.load(ordering: .relaxed) == 6, "the queued ones go out as slots free up")
        await client.shutdown()
        try await channel.close()
    }

    @Test func requestsOnOneSocketAreLimitedAcrossAgents() async throws {
        var agents: [(SilentAgent, any Channel)] = []
        for _ in 0..<3 { agents.append(try await SilentAgent.start()) }
        let client = try await SNMPClient(configuration: .init(maxRequestsInFlightPerAgent: 4, maxRequestsInFlight: 3))
        var targets: [SNMPAgent] = []
        for (_, channel) in agents {
            targets.append(try await client.agent("127.0.0.1", port: channel.localAddress!.port!, security: CommunitySecurity("public"),
                                                  options: .init(retry: RetryPolicy(timeout: .milliseconds(400), retries: 0))))
        }
        let all = targets
        let requests = Task {
            await withTaskGroup(of: Void.self) { group in
                for target in all { for _ in 0..<3 { group.addTask { _ = try? await target.get(["1.3.6.1.2.1.1.5.0"]) } } }
            }
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(agents.reduce(0) { $0 + $1.0.received.load(ordering: .relaxed) } == 3)
        await requests.value
        #expect(agents.reduce(0) { $0 + $1.0.received.load(ordering: .relaxed) } == 9)
        await client.shutdown()
        for (_, channel) in agents { try await channel.close() }
    }

    /// An agent whose GetNext always answers the same OID: a loop.
    struct LoopingView: SNMPAgentView {
        func get(_ oid: OID) -> SNMPValue { .noSuchObject }
        func next(after oid: OID) -> VarBind? { VarBind("1.3.6.1.2.1.2.2.1.1.1", .integer(1)) }
    }

    @Test func aLoopingAgentEndsTheWalkWithAnError() async throws {
        let engine = SNMPAgentEngine { _ in LoopingView() }
        let responder = try await SNMPResponder.start(endpoints: [("127.0.0.1", 0)], engine: engine)
        let client = try await SNMPClient()
        for bulk in [true, false] {
            let agent = try await client.agent("127.0.0.1", port: responder.localAddresses[0].port!, security: CommunitySecurity("public"),
                                               options: .init(bulkDisabled: !bulk))
            let error = await #expect(throws: SNMPClientError.self) { try await agent.walk("1.3.6.1.2.1.2").collect() }
            #expect(error?.code == .nonIncreasingOID)
        }
        await client.shutdown()
        await responder.close()
    }

    @Test func aWalkStopsAtItsBound() async throws {
        try await ClientResponderTests.withAgent { client, port in
            let agent = try await client.agent("127.0.0.1", port: port, security: CommunitySecurity("public"),
                                               options: .init(walkLimit: 150))
            let error = await #expect(throws: SNMPClientError.self) { try await agent.walk("1.3.6.1.2.1.2.2").collect() }
            #expect(error?.code == .walkLimitExceeded)
            #expect(try await agent.walk("1.3.6.1.2.1.1").collect().count == 4)
        }
    }

    @Test func hostNamesResolve() async throws {
        try await ClientResponderTests.withAgent { client, port in
            let agent = try await client.agent("localhost", port: port, security: CommunitySecurity("public"))
            #expect(try await agent.get(["1.3.6.1.2.1.1.5.0"]).first?.value == .octetString("router-1"))
        }
    }
}
