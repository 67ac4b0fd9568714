import ArgumentParser
import Config

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "The configuration file.", subcommands: [CheckCommand.self])

    /// `netwarden config check [FILE]`: every problem as FILE:LINE:COL: key.path: message.
    struct CheckCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check a config file: every problem with its line, column and key; exit 1 if any.")

        @Argument(help: "Config file. Default: config/netwarden.yaml if present, else /etc/netwarden/netwarden.yaml.")
        var file: String?

        func run() throws {
            let path = file ?? ConfigLoader.defaultFile()
            switch ConfigLoader().load(file: path) {
            case .success(let config):
                print("\(path): OK: \(config.summary)")
            case .failure(let errors):
                // Compiler-style lines on standard output, so editors and CI can read them.
                for problem in errors.problems { print(problem.description) }
                let count = errors.problems.count
                print("\(path): \(count) problem\(count == 1 ? "" : "s")")
                throw ExitCode(1)
            }
        }
    }
}
