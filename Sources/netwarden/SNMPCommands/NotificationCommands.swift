import ArgumentParser
import SNMP

/// `netwarden trap` and `netwarden inform`: the notification originator, with snmptrap's
/// arguments. SNMPv2c/v3: `TARGET UPTIME TRAP-OID [OID TYPE VALUE]...`; SNMPv1:
/// `TARGET ENTERPRISE AGENT-ADDR GENERIC SPECIFIC UPTIME [OID TYPE VALUE]...`. An empty
/// UPTIME ('') sends this process's uptime. The target's default port is 162.
struct TrapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trap", abstract: "Send a notification (snmptrap's arguments); SNMPv3 traps are signed with -e or a default engine ID.")
    @OptionGroup var options: SNMPOptions
    @Argument(help: "The receiver: host, host:port (default port 162).") var target: String
    @Argument(parsing: .allUnrecognized, help: "UPTIME TRAP-OID [OID TYPE VALUE]... (v1: ENTERPRISE AGENT-ADDR GENERIC SPECIFIC UPTIME [...])")
    var rest: [String] = []

    func run() async throws {
        try await sendNotification(options: options, target: target, arguments: rest, inform: false)
    }
}

struct InformCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inform", abstract: "Send an InformRequest and wait for the receiver's acknowledgement (snmpinform's arguments).")
    @OptionGroup var options: SNMPOptions
    @Argument(help: "The receiver: host, host:port (default port 162).") var target: String
    @Argument(parsing: .allUnrecognized, help: "UPTIME TRAP-OID [OID TYPE VALUE]...") var rest: [String] = []

    func run() async throws {
        try await sendNotification(options: options, target: target, arguments: rest, inform: true)
    }
}

private let processStart = ContinuousClock.now

private func sendNotification(options: SNMPOptions, target: String, arguments: [String], inform: Bool) async throws {
    let address = try AgentAddress(parsing: target, defaultPort: 162)
    func uptime(_ text: String) throws -> UInt32 {
        if text.isEmpty { return UInt32(clamping: (ContinuousClock.now - processStart).components.seconds * 100) }
        guard let value = UInt32(text) else { throw ValidationError("uptime '\(text)' is not a number of hundredths of a second") }
        return value
    }
    func varBinds(_ triples: ArraySlice<String>) throws -> [VarBind] {
        guard triples.count % 3 == 0 else { throw ValidationError("variables come as OID TYPE VALUE triples") }
        var result: [VarBind] = []
        var i = triples.startIndex
        while i < triples.endIndex {
            result.append(VarBind(try options.oid(triples[i]), try SetValue.parse(type: triples[i + 1], value: triples[i + 2])))
            i += 3
        }
        return result
    }

    let client = try await SNMPClient()
    do {
        let agent = try await client.agent(address.host, port: address.port, security: try options.security(), options: try options.agentOptions())
        if options.version == .v1 {
            guard !inform else { throw ValidationError("SNMPv1 has no InformRequest") }
            guard arguments.count >= 5, let enterprise = try? options.oid(arguments[0]),
                  let generic = Int32(arguments[2]), let specific = Int32(arguments[3]) else {
                throw ValidationError("SNMPv1: ENTERPRISE AGENT-ADDR GENERIC SPECIFIC UPTIME [OID TYPE VALUE]...")
            }
            let agentAddress = arguments[1].isEmpty ? IPv4Address(0, 0, 0, 0) : IPv4Address(arguments[1])
            guard let agentAddress else { throw ValidationError("agent address '\(arguments[1])' is not IPv4") }
            try agent.sendTrapV1(TrapV1PDU(enterprise: enterprise, agentAddress: agentAddress, genericTrap: generic, specificTrap: specific,
                                           timeStamp: try uptime(arguments[4]), varBinds: try varBinds(arguments[5...])))
        } else {
            guard arguments.count >= 2, let trapOID = try? options.oid(arguments[1]) else {
                throw ValidationError("UPTIME TRAP-OID [OID TYPE VALUE]... (UPTIME may be '')")
            }
            let up = try uptime(arguments[0]), bindings = try varBinds(arguments[2...])
            if inform {
                _ = try await agent.inform(trapOID: trapOID, uptime: up, varBinds: bindings)
            } else {
                let engineID = try options.knownEngineID() ?? SNMPLocalEngine.textEngineID("netwarden")
                try agent.sendTrap(trapOID: trapOID, uptime: up, varBinds: bindings, engine: SNMPLocalEngine(engineID: engineID))
            }
        }
        // A trap is a datagram handed to the socket: let it leave before the process exits.
        try await Task.sleep(for: .milliseconds(50))
        await client.shutdown()
    } catch let error as SNMPClientError {
        await client.shutdown()
        printError(error.description)
        throw ExitCode(1)
    }
}
