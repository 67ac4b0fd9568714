import Devices
import SNMP
import SNMPCodec

/// Asks each live host over SNMP: which credential set works (tried together, the first in
/// order wins), then identification, ifNumber and the LLDP and CDP neighbour tables.
struct SNMPSweep {
    static let sysObjectID = OID("1.3.6.1.2.1.1.2.0")
    static let ifNumber = OID("1.3.6.1.2.1.2.1.0")

    let client: SNMPClient
    let identifier: DeviceIdentifier
    let credentials: [ScanCredential]
    let retry: RetryPolicy

    /// nil when no credential set gets an answer.
    func probe(_ address: IPAddress) async -> SNMPFindings? {
        let host = address.description
        guard let (name, found) = await firstWorking(host) else { return nil }
        // The agent answers: give the tables that follow more patience than the sweep.
        let patient = RetryPolicy(timeout: max(retry.timeout, .seconds(1)), retries: max(retry.retries, 2))
        let agent = (try? await client.agent(host, security: found.security, options: SNMPAgent.Options(retry: patient, maxRepetitions: 25))) ?? found
        let identity: DeviceIdentity
        do { identity = try await identifier.identify(agent) } catch { return nil }
        async let interfaces = Self.interfaceCount(agent)
        async let lldp = NeighbourTables.lldp(agent)
        async let cdp = NeighbourTables.cdp(agent)
        let version = switch agent.security.version {
        case .v1: "v1"
        case .v2c: "v2c"
        default: "v3"
        }
        return SNMPFindings(credentialSet: name, version: version, identity: identity,
                            interfaceCount: await interfaces, neighbours: await lldp + cdp)
    }

    /// Every set at once; the earliest in order that answered wins, so a slower v3 set listed
    /// first still beats a community.
    func firstWorking(_ host: String) async -> (String, SNMPAgent)? {
        let options = SNMPAgent.Options(retry: retry, maxRepetitions: 25)
        return await withTaskGroup(of: (Int, SNMPAgent?).self) { group in
            for (index, credential) in credentials.enumerated() {
                group.addTask {
                    guard let agent = try? await client.agent(host, security: credential.security, options: options),
                          let answer = try? await agent.get([Self.sysObjectID]), answer.first?.value.isException == false else { return (index, nil) }
                    return (index, agent)
                }
            }
            // Done as soon as every set listed before the best answer has failed.
            var best: (Int, SNMPAgent)?
            var failed = Set<Int>()
            for await (index, agent) in group {
                if let agent {
                    if best == nil || index < best!.0 { best = (index, agent) }
                } else {
                    failed.insert(index)
                }
                if let best, (0..<best.0).allSatisfy(failed.contains) {
                    group.cancelAll()
                    break
                }
            }
            return best.map { (credentials[$0.0].name, $0.1) }
        }
    }

    static func interfaceCount(_ agent: SNMPAgent) async -> Int? {
        guard let value = try? await agent.get([ifNumber]).first?.value, case .integer(let count) = value else { return nil }
        return Int(count)
    }
}
