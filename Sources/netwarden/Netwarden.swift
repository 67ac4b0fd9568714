import ArgumentParser

@main
struct Netwarden: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "netwarden", abstract: "Network device poller.")
}
