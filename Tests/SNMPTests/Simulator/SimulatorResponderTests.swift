import NIOCore
import SNMP
import SNMPCodec
import Testing
@testable import SNMPSimulator

/// The fixture recordings served by the project's responder on loopback and read by its client:
/// the path `netwarden simulate` takes, without an outside peer.
struct SimulatorResponderTests {
    @Test func clientWalksARecordingByItsCommunity() async throws {
        let recordings = try await SNMPRecordingSet.load(directory: RecordingFixtures.directory)
        let engine = SNMPAgentEngine(resolve: recordings.viewResolver(clock: .fixed(.seconds(30))))
        let responder = try await SNMPResponder.start(endpoints: [("127.0.0.1", 0)], engine: engine)
        let port = try #require(responder.localAddresses.first?.port)
        let client = try await SNMPClient()
        do {
            let agent = try await client.agent("127.0.0.1", port: port, security: CommunitySecurity("lab-router"))
            let answer = try await agent.get(["1.3.6.1.2.1.1.5.0", "1.3.6.1.2.1.1.3.0", "1.3.6.1.2.1.1.5.1"])
            #expect(answer.map(\.value) == [.octetString("lab-rtr-01"), .timeTicks(363_000), .noSuchInstance])

            let walk = try await agent.walk("1.3.6.1.2.1.2.2.1").collect()
            #expect(walk.count == 13)
            #expect(walk.contains(VarBind("1.3.6.1.2.1.2.2.1.10.2", .counter32(1000 + 30 * 125_000))))

            let whole = try await agent.walk("1.3").collect()
            #expect(whole == recordings["lab-router"]!.varBinds(at: .seconds(30)).filter { !$0.value.isException })

            let nested = try await client.agent("127.0.0.1", port: port, security: CommunitySecurity("site-a/edge-switch"))
            #expect(try await nested.get(["1.3.6.1.2.1.1.5.0"]).first?.value == .octetString("edge-sw-a"))
        } catch {
            await client.shutdown()
            await responder.close()
            throw error
        }
        await client.shutdown()
        await responder.close()
    }
}
