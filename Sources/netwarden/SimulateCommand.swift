import ArgumentParser
import Foundation
import SNMP
import SNMPSimulator

/// `netwarden simulate`: snmpsim recordings of real devices served as SNMP agents, on as many
/// addresses as asked. The community (v1/v2c) or context name (v3) is the recording's name.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Serve snmpsim .snmprec recordings as SNMP agents (community or v3 context = recording name).")

    @Option(help: "Folder of .snmprec recordings (sub-folders become name prefixes, as in snmpsim).")
    var recordings: String

    @Option(help: "ADDR:PORT to answer on; repeat for many. An IPv4 range FIRST-LAST:PORT listens on every address in it. Default 127.0.0.1:1161.")
    var listen: [String] = []

    @Option(help: "SNMPv3 users, one a line: `user level auth authpass priv privpass` (\"-\" for none), as scripts/lab/snmpd-users.txt.")
    var v3Users: String?

    @Option(help: "SNMPv3 engine ID of the simulator, hex (default: \"netwarden-sim\" in RFC 3411 text format).")
    var engineID: String?

    @Option(help: "Largest response datagram, in octets.")
    var maxMessageSize = 65_507

    func run() async throws {
        let endpoints = try (listen.isEmpty ? ["127.0.0.1:1161"] : listen).flatMap(Self.endpoints)
        let clock = ContinuousClock()
        let start = clock.now
        let set: SNMPRecordingSet
        do {
            set = try await SNMPRecordingSet.load(directory: recordings)
        } catch {
            printError("cannot load recordings: \(error)")
            throw ExitCode(1)
        }
        guard !set.recordings.isEmpty else {
            printError("no .snmprec recordings under \(recordings)")
            throw ExitCode(1)
        }
        for warning in set.warnings.prefix(20) { printError("warning: \(warning)") }
        if set.warnings.count > 20 { printError("warning: \(set.warnings.count - 20) more warnings") }

        var usm: USMAuthority?
        if let v3Users {
            let users = try Self.loadUsers(v3Users)
            let id = try engineID.map { try SNMPOptions.hexBytes($0, flag: "--engine-id") } ?? SNMPLocalEngine.textEngineID("netwarden-sim")
            usm = try USMAuthority(engine: SNMPLocalEngine(engineID: id), users: users)
        }
        let engine = SNMPAgentEngine(configuration: .init(maxMessageSize: maxMessageSize), usm: usm,
                                     resolve: set.viewResolver(clock: .startingNow()))
        let responder: SNMPResponder
        do {
            responder = try await SNMPResponder.start(endpoints: endpoints, engine: engine)
        } catch {
            printError("cannot listen: \(error)")
            throw ExitCode(1)
        }
        let loaded = clock.now - start
        let seconds = Double(loaded.components.seconds) + Double(loaded.components.attoseconds) / 1e18
        printError(String(format: "simulating %d recordings on %d endpoint%@%@ (loaded in %.2f s); Ctrl-C stops",
                          set.recordings.count, endpoints.count, endpoints.count == 1 ? "" : "s",
                          usm == nil ? "" : " with SNMPv3", seconds))
        _ = responder
        while true { try await Task.sleep(for: .seconds(3600)) }
    }

    /// `ADDR:PORT`, `[v6]:PORT`, or an IPv4 range `FIRST-LAST:PORT`.
    static func endpoints(_ text: String) throws -> [(host: String, port: Int)] {
        let address = try AgentAddress(parsing: text, defaultPort: 161)
        let bounds = address.host.split(separator: "-", maxSplits: 1).map(String.init)
        guard bounds.count == 2 else { return [(address.host, address.port)] }
        guard let first = IPv4Address(bounds[0]), let last = IPv4Address(bounds[1]), first.value <= last.value else {
            throw ValidationError("'\(text)' is not an IPv4 range FIRST-LAST:PORT")
        }
        guard last.value - first.value < 65_536 else { throw ValidationError("'\(text)': at most 65,536 addresses") }
        return (first.value...last.value).map { (IPv4Address($0).description, address.port) }
    }

    static func loadUsers(_ path: String) throws -> [USMUser] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValidationError("cannot read \(path)")
        }
        var users: [USMUser] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if fields.isEmpty || fields[0].hasPrefix("#") { continue }
            guard fields.count == 6, let level = SecurityLevel(rawValue: fields[1]) else {
                throw ValidationError("\(path):\(number + 1): expected `user level auth authpass priv privpass`")
            }
            func field(_ i: Int) -> String? { fields[i] == "-" ? nil : fields[i] }
            let auth = try field(2).map { name in
                guard let p = SNMPOptions.authProtocols[name.uppercased()] else { throw ValidationError("\(path):\(number + 1): unknown auth \(name)") }
                return p
            } ?? .none
            let priv = try field(4).map { name in
                guard let p = SNMPOptions.privProtocols[name.uppercased()] else { throw ValidationError("\(path):\(number + 1): unknown priv \(name)") }
                return p
            } ?? .none
            do {
                users.append(try USMUser(name: fields[0], level: level, authProtocol: auth, authPassword: field(3),
                                         privProtocol: priv, privPassword: field(5)))
            } catch {
                throw ValidationError("\(path):\(number + 1): \(error)")
            }
        }
        return users
    }
}
