import ArgumentParser
import SNMP

struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Serve snmpsim .snmprec recordings as SNMP agents (community = recording name).")

    @Option(help: "Folder of .snmprec recordings.") var recordings: String
    @Option(help: "ADDR:PORT to answer on; repeat for many. Default 127.0.0.1:1161.") var listen: [String] = []

    func run() async throws {
        throw ValidationError("simulate is not wired yet")
    }
}
