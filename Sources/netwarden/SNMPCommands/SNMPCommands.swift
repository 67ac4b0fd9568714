import ArgumentParser
import MIB
import SNMP

/// Runs one SNMP operation against one agent and turns every failure into one line on
/// standard error and exit status 1.
protocol SNMPOperationCommand: AsyncParsableCommand {
    var options: SNMPOptions { get }
    var target: String { get }
    func perform(on agent: SNMPAgent, output: inout OutputBuffer) async throws
}

extension SNMPOperationCommand {
    func run() async throws {
        let address = try AgentAddress(parsing: target)
        var output = OutputBuffer()
        output.registry = try options.namesRegistry()
        output.numericEnums = options.outputOptions.joined().contains("e")
        let client = try await SNMPClient()
        do {
            let agent = try await client.agent(address.host, port: address.port, security: try options.security(),
                                               options: try options.agentOptions())
            if let engineID = try options.knownEngineID() { agent.assumeEngineID(engineID) }
            try await perform(on: agent, output: &output)
            output.flush()
            await client.shutdown()
        } catch let error as SNMPClientError {
            output.flush()
            await client.shutdown()
            printError(error.description)
            throw ExitCode(error.code == .agentError ? 2 : 1)
        }
    }

    /// Numeric OIDs or MIB names.
    func parseOIDs(_ texts: [String]) throws -> [OID] {
        try texts.map(options.oid)
    }

    func print(_ varBinds: [VarBind], output: inout OutputBuffer) {
        if options.json {
            output.append(VarBindJSON.encode(varBinds.map { VarBindJSON.object($0, registry: output.registry) }) + "\n")
        } else {
            for varBind in varBinds { output.append(varBind) }
        }
    }
}

struct GetCommand: SNMPOperationCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "GetRequest for one or more OIDs.")
    @OptionGroup var options: SNMPOptions
    @Argument(help: "The agent: host, host:port, udp6:[::1]:161.") var target: String
    @Argument(help: "OIDs: numeric or MIB names (IF-MIB::ifDescr.1, ifDescr.1).") var oids: [String]
    @Option(name: .customLong("repeat"), help: "Ask this many times (a simple watch); one answer per round.") var rounds: Int = 1
    @Option(help: "Seconds between rounds with --repeat.") var interval: Double = 1

    func perform(on agent: SNMPAgent, output: inout OutputBuffer) async throws {
        let requested = try parseOIDs(oids)
        for round in 0..<max(1, rounds) {
            if round > 0 { try await Task.sleep(for: .milliseconds(Int64(interval * 1000))) }
            print(try await agent.get(requested), output: &output)
            output.flush()
        }
    }
}

struct GetNextCommand: SNMPOperationCommand {
    static let configuration = CommandConfiguration(commandName: "getnext", abstract: "GetNextRequest for one or more OIDs.")
    @OptionGroup var options: SNMPOptions
    @Argument(help: "The agent.") var target: String
    @Argument(help: "OIDs: numeric or MIB names (IF-MIB::ifDescr.1, ifDescr.1).") var oids: [String]

    func perform(on agent: SNMPAgent, output: inout OutputBuffer) async throws {
        print(try await agent.getNext(parseOIDs(oids)), output: &output)
    }
}

struct WalkCommand: SNMPOperationCommand {
    static let configuration = CommandConfiguration(
        commandName: "walk", abstract: "Every variable under one or more subtrees (GetBulk; GetNext for SNMPv1).",
        aliases: ["bulkwalk"])
    @OptionGroup var options: SNMPOptions
    @Argument(help: "The agent.") var target: String
    @Argument(help: "Subtree roots, numeric or names (IF-MIB::ifTable); the whole MIB-2 (1.3.6.1.2.1) when none is given.") var oids: [String] = []

    func perform(on agent: SNMPAgent, output: inout OutputBuffer) async throws {
        let roots = oids.isEmpty ? [OID("1.3.6.1.2.1")] : try parseOIDs(oids)
        var all: [[String: Any]] = []
        for root in roots {
            var iterator = agent.walk(root).makeAsyncIterator()
            while let page = try await iterator.nextPage() {
                if options.json {
                    all.append(contentsOf: page.map { VarBindJSON.object($0, registry: output.registry) })
                } else {
                    for varBind in page { output.append(varBind) }
                }
            }
        }
        if options.json { output.append(VarBindJSON.encode(all) + "\n") }
    }
}

struct TableCommand: SNMPOperationCommand {
    static let configuration = CommandConfiguration(
        commandName: "table", abstract: "Fetch the columns of a table and print one row per index.")
    @OptionGroup var options: SNMPOptions
    @Argument(help: "The agent.") var target: String
    @Argument(help: "The table entry OID (e.g. 1.3.6.1.2.1.2.2.1), or its columns with --columns.") var entry: String
    @Option(help: "Column numbers to fetch (default: 1 to 64, those present).", transform: { text in
        try text.split(separator: ",").map { part in
            guard let n = UInt32(part), n > 0 else { throw ValidationError("bad column number '\(part)'") }
            return n
        }
    })
    var columns: [UInt32]?

    func perform(on agent: SNMPAgent, output: inout OutputBuffer) async throws {
        var entryOID = try parseOIDs([entry])[0]
        // A table's name (IF-MIB::ifTable) stands for its entry.
        if output.registry != nil || (try? OID(parsing: entry)) == nil, let registry = try? CommandMIBs.registry(options.mibDirectories),
           registry.object(at: entryOID).map({ registry.indexItems(of: $0).isEmpty }) ?? false,
           let child = registry.object(at: entryOID.appending([1])), !registry.indexItems(of: child).isEmpty {
            entryOID = child.oid
        }
        let numbers = columns ?? Array(1...64)
        let columnOIDs = numbers.map { entryOID.appending([$0]) }
        let rows = try await agent.table(columns: columnOIDs)
        let present = numbers.indices.filter { c in rows.contains { $0.values[c] != nil } }
        let registry = output.registry
        // With --names: columns by name, the index decoded into its parts, values rendered.
        func header(_ c: Int) -> String {
            registry?.object(at: columnOIDs[c])?.name ?? String(numbers[c])
        }
        func indexText(_ row: SNMPTableRow, _ c: Int) -> String {
            guard let registry else { return row.index.map(String.init).joined(separator: ".") }
            let instance = registry.instance(of: columnOIDs[c].appending(row.index))
            return (instance.index.map(\.text) + instance.undecoded.map(String.init)).joined(separator: ".")
        }
        func cell(_ value: SNMPValue, _ c: Int, _ row: SNMPTableRow) -> String {
            registry?.render(value, for: columnOIDs[c].appending(row.index), numericEnums: output.numericEnums) ?? NetSNMPFormat.value(value)
        }
        if options.json {
            let objects: [[String: Any]] = rows.map { row in
                var columns: [String: Any] = [:]
                for c in present {
                    if let value = row.values[c] {
                        columns[registry == nil ? String(numbers[c]) : header(c)] = registry == nil
                            ? VarBindJSON.object(VarBind(columnOIDs[c], value))
                            : VarBindJSON.object(VarBind(columnOIDs[c].appending(row.index), value), registry: registry)
                    }
                }
                var object: [String: Any] = ["index": row.index.map(String.init).joined(separator: "."), "columns": columns]
                if registry != nil, let first = present.first { object["indexName"] = indexText(row, first) }
                return object
            }
            output.append(VarBindJSON.encode(objects) + "\n")
            return
        }
        output.append("index\t" + present.map(header).joined(separator: "\t") + "\n")
        for row in rows {
            let cells = present.map { c in row.values[c].map { cell($0, c, row) } ?? "" }
            output.append((present.first.map { indexText(row, $0) } ?? "") + "\t" + cells.joined(separator: "\t") + "\n")
        }
    }
}

struct SetCommand: SNMPOperationCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "SetRequest: OID TYPE VALUE triples, types as snmpset's (i u t a o s x d n).")
    @OptionGroup var options: SNMPOptions
    @Argument(help: "The agent.") var target: String
    @Argument(help: "OID TYPE VALUE, repeated.") var assignments: [String]

    func validate() throws {
        guard !assignments.isEmpty, assignments.count % 3 == 0 else {
            throw ValidationError("set takes OID TYPE VALUE triples")
        }
    }

    func perform(on agent: SNMPAgent, output: inout OutputBuffer) async throws {
        var varBinds: [VarBind] = []
        var i = 0
        while i < assignments.count {
            let oid = try parseOIDs([assignments[i]])[0]
            varBinds.append(VarBind(oid, try SetValue.parse(type: assignments[i + 1], value: assignments[i + 2])))
            i += 3
        }
        print(try await agent.set(varBinds), output: &output)
    }
}

/// snmpset's type letters.
enum SetValue {
    static func parse(type: String, value: String) throws -> SNMPValue {
        func bad() -> ValidationError { ValidationError("'\(value)' is not a valid value of type \(type)") }
        switch type {
        case "i": guard let v = Int32(value) else { throw bad() }; return .integer(v)
        case "u": guard let v = UInt32(value) else { throw bad() }; return .gauge32(v)
        case "t": guard let v = UInt32(value) else { throw bad() }; return .timeTicks(v)
        case "c": guard let v = UInt32(value) else { throw bad() }; return .counter32(v)
        case "a": guard let v = IPv4Address(value) else { throw bad() }; return .ipAddress(v)
        case "o": guard let v = try? OID(parsing: value) else { throw bad() }; return .objectIdentifier(v)
        case "s": return .octetString(OctetString(value))
        case "n": return .null
        case "x":
            guard let octets = OctetString(hex: value) else { throw bad() }
            return .octetString(octets)
        case "d":
            let bytes = try value.split(separator: " ").map { part -> UInt8 in
                guard let byte = UInt8(part) else { throw bad() }
                return byte
            }
            return .octetString(OctetString(bytes))
        default:
            throw ValidationError("unknown type '\(type)': use i u t c a o s x d n")
        }
    }
}
