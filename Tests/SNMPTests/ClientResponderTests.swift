import NIOCore
import NIOPosix
import Testing
@testable import SNMP

/// The client against the project's own responder on loopback: the engine end to end
/// without any outside peer.
struct ClientResponderTests {
    static let system: [VarBind] = [
        VarBind("1.3.6.1.2.1.1.1.0", .octetString("Test agent")),
        VarBind("1.3.6.1.2.1.1.2.0", .objectIdentifier("1.3.6.1.4.1.8072.3.2.10")),
        VarBind("1.3.6.1.2.1.1.3.0", .timeTicks(4242)),
        VarBind("1.3.6.1.2.1.1.5.0", .octetString("router-1")),
    ]

    /// An ifTable with `count` rows of seven columns.
    static func interfaces(_ count: Int) -> [VarBind] {
        var result: [VarBind] = []
        for column: UInt32 in 1...7 {
            for index in 1...UInt32(count) {
                let oid = OID("1.3.6.1.2.1.2.2.1").appending([column, index])
                let value: SNMPValue = switch column {
                case 2: .octetString(OctetString("eth\(index)"))
                case 5: .gauge32(1_000_000_000)
                case 6: .octetString(OctetString([0x02, 0, 0, 0, UInt8(index >> 8), UInt8(index & 0xFF)]))
                default: .integer(Int32(index))
                }
                result.append(VarBind(oid, value))
            }
        }
        return result
    }

    static func withAgent<T: Sendable>(
        _ varBinds: [VarBind] = system + interfaces(100),
        configuration: SNMPAgentEngine.Configuration = .init(),
        _ body: (SNMPClient, Int) async throws -> T
    ) async throws -> T {
        let view = StaticAgentView(varBinds)
        let engine = SNMPAgentEngine(configuration: configuration) { community in community == "public" ? view : nil }
        let responder = try await SNMPResponder.start(endpoints: [("127.0.0.1", 0)], engine: engine)
        let port = responder.localAddresses[0].port!
        let client = try await SNMPClient()
        do {
            let result = try await body(client, port)
            await client.shutdown()
            await responder.close()
            return result
        } catch {
            await client.shutdown()
            await responder.close()
            throw error
        }
    }

    @Test(arguments: [SNMPVersion.v1, .v2c])
    func getReturnsValuesAndExceptions(version: SNMPVersion) async throws {
        try await Self.withAgent { client, port in
            let agent = try await client.agent("127.0.0.1", port: port, security: CommunitySecurity("public", version: version))
            let answer = try await agent.get(["1.3.6.1.2.1.1.5.0", "1.3.6.1.2.1.1.3.0"])
            #expect(answer.map(\.value) == [.octetString("router-1"), .timeTicks(4242)])
            if version == .v2c {
                let missing = try await agent.get(["1.3.6.1.2.1.1.5.1", "1.3.6.1.2.1.99.0"])
                #expect(missing.map(\.value) == [.noSuchInstance, .noSuchObject])
            } else {
                let error = await #expect(throws: SNMPClientError.self) { try await agent.get(["1.3.6.1.2.1.99.0"]) }
                #expect(error?.errorStatus == .noSuchName)
                #expect(error?.failedOID == "1.3.6.1.2.1.99.0")
            }
        }
    }

    @Test(arguments: [SNMPVersion.v1, .v2c])
    func walkReturnsExactlyTheSubtree(version: SNMPVersion) async throws {
        let table = Self.interfaces(300)
        try await Self.withAgent(Self.system + table) { client, port in
            let agent = try await client.agent("127.0.0.1", port: port, security: CommunitySecurity("public", version: version),
                                               options: .init(maxRepetitions: 25))
            let walked = try await agent.walk("1.3.6.1.2.1.2.2").collect()
            #expect(walked == table)
            let system = try await agent.walk("1.3.6.1.2.1.1").collect()
            #expect(system == Self.system)
        }
    }

    @Test func walkOfAScalarInstanceReturnsIt() async throws {
        try await Self.withAgent { client, port in
            let agent = try await client.agent("127.0.0.1", port: port, security: CommunitySecurity("public"))
            #expect(try await agent.walk("1.3.6.1.2.1.1.5.0").collect() == [Self.system[3]])
            #expect(try await agent.walk("1.3.6.1.2.1.77").collect().isEmpty)
        }
    }

    @Test func walkWithGetNextWhenBulkIsDisabled() async throws {
        try await Self.withAgent { client, port in
            let agent = try await client.agent("127.0.0.1", port: port, security: CommunitySecurity("public"),
                                               options: .init(bulkDisabled: true))
            var iterator = agent.walk("1.3.6.1.2.1.2.2").makeAsyncIterator()
            var count = 0
            while try await iterator.next() != nil { count += 1 }
            #expect(count == 700)
            #expect(iterator.requests == 701)
        }
    }

    @Test func tooBigMakesTheWalkAskForFewerRepetitions() async throws {
        let table = Self.interfaces(200)
        // Small enough that 50 repetitions do not fit, large enough for a few.
        try await Self.withAgent(table, configuration: .init(maxMessageSize: 2_000, maxBulkVarBinds: 2_000)) { client, port in
            let agent = try await client.agent("127.0.0.1", port: port, security: CommunitySecurity("public"),
                                               options: .init(maxRepetitions: 50))
            #expect(try await agent.walk("1.3.6.1.2.1.2.2").collect() == table)
            // A Get too big for one message is split until each part fits.
            let oids = table.prefix(120).map(\.oid)
            #expect(try await agent.get(Array(oids)).count == 120)
        }
    }

    @Test func responsesLargerThanAReadSliceArriveWhole() async throws {
        // recvmmsg divides its buffer between datagrams; a 60 KB answer must still fit.
        let big = VarBind("1.3.6.1.2.1.1.9.0", .octetString(OctetString(Array(repeating: 0x41, count: 60_000))))
        try await Self.withAgent(Self.system + [big]) { client, port in
            let agent = try await client.agent("127.0.0.1", port: port, security: CommunitySecurity("public"))
            let answer = try await agent.get(["1.3.6.1.2.1.1.9.0", "1.3.6.1.2.1.1.5.0"])
            #expect(answer.first == big)
            // Several large answers in flight at once land in one vector read.
            let all = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<20 { group.addTask { try await agent.get(["1.3.6.1.2.1.1.9.0"]).count } }
                return try await group.reduce(0, +)
            }
            #expect(all == 20)
        }
    }

    @Test func tableGroupsColumnsByIndex() async throws {
        try await Self.withAgent { client, port in
            let agent = try await client.agent("127.0.0.1", port: port, security: CommunitySecurity("public"))
            let rows = try await agent.table(columns: ["1.3.6.1.2.1.2.2.1.1", "1.3.6.1.2.1.2.2.1.2", "1.3.6.1.2.1.2.2.1.9"])
            #expect(rows.count == 100)
            #expect(rows[41].index == [42])
            #expect(rows[41].values == [.integer(42), .octetString("eth42"), nil])
        }
    }

    @Test func setIsRefusedWithTheAgentsErrorStatus() async throws {
        try await Self.withAgent { client, port in
            let agent = try await client.agent("127.0.0.1", port: port, security: CommunitySecurity("public"))
            let error = await #expect(throws: SNMPClientError.self) {
                try await agent.set([VarBind("1.3.6.1.2.1.1.5.0", .octetString("x"))])
            }
            #expect(error?.errorStatus == .notWritable)
            #expect(error?.description.contains("notWritable") == true)
        }
    }

    @Test func wrongCommunityTimesOutNamingTheAgentAndTries() async throws {
        try await Self.withAgent { client, port in
            let agent = try await client.agent("127.0.0.1", port: port, security: CommunitySecurity("wrong"),
                                               options: .init(retry: RetryPolicy(timeout: .milliseconds(100), retries: 2)))
            let clock = ContinuousClock()
            let start = clock.now
            let error = await #expect(throws: SNMPClientError.self) { try await agent.get(["1.3.6.1.2.1.1.5.0"]) }
            #expect(error?.code == .timeout)
            #expect(error?.description == "127.0.0.1:\(port): timeout: no response after 3 tries of 0.1 s")
            #expect(clock.now - start >= .milliseconds(300))
        }
    }

    @Test func unresolvableHostIsOneClearError() async throws {
        let client = try await SNMPClient()
        let error = await #expect(throws: SNMPClientError.self) {
            _ = try await client.agent("no-such-host.invalid", security: CommunitySecurity("public"))
        }
        #expect(error?.code == .unresolvableHost)
        await client.shutdown()
    }

    @Test func ipv6Loopback() async throws {
        let view = StaticAgentView(Self.system)
        let engine = SNMPAgentEngine { _ in view }
        let responder = try await SNMPResponder.start(endpoints: [("::1", 0)], engine: engine)
        let client = try await SNMPClient()
        let agent = try await client.agent("::1", port: responder.localAddresses[0].port!, security: CommunitySecurity("public"))
        #expect(try await agent.get(["1.3.6.1.2.1.1.5.0"]).first?.value == .octetString("router-1"))
        await client.shutdown()
        await responder.close()
    }

    @Test func cancellationEndsAWaitingRequest() async throws {
        let client = try await SNMPClient()
        // A bound socket that never answers.
        let silent = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let agent = try await client.agent("127.0.0.1", port: silent.localAddress!.port!, security: CommunitySecurity("public"),
                                           options: .init(retry: RetryPolicy(timeout: .seconds(30), retries: 0)))
        let task = Task { try await agent.get(["1.3.6.1.2.1.1.5.0"]) }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        try await silent.close()
        await client.shutdown()
    }

    @Test func thousandsOfConcurrentRequestsAreAllAnswered() async throws {
        try await Self.withAgent { client, port in
            let agent = try await client.agent("127.0.0.1", port: port, security: CommunitySecurity("public"))
            let answered = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<2_000 {
                    group.addTask { try await agent.get(["1.3.6.1.2.1.1.5.0"]).count }
                }
                return try await group.reduce(0, +)
            }
            #expect(answered == 2_000)
        }
    }

    @Test func shutdownFailsOutstandingRequests() async throws {
        let client = try await SNMPClient()
        let silent = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let agent = try await client.agent("127.0.0.1", port: silent.localAddress!.port!, security: CommunitySecurity("public"),
                                           options: .init(retry: RetryPolicy(timeout: .seconds(30), retries: 0)))
        let task = Task { try await agent.get(["1.3.6.1.2.1.1.5.0"]) }
        try await Task.sleep(for: .milliseconds(50))
        await client.shutdown()
        let result = await task.result
        #expect(throws: SNMPClientError(.shutDown, agent: "", "")) { try result.get() }
        try await silent.close()
    }
}
