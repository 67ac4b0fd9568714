import ArgumentParser
import Devices
import Foundation
import SNMP

struct IdentifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identify",
        abstract: "What a device is: vendor, kind, model, OS and version, serial, from at most three SNMP round trips.")
    @OptionGroup var options: SNMPOptions
    @Argument(help: "Agents: host, host:port, udp6:[::1]:161.") var targets: [String]
    @Option(name: .customLong("rules"), help: "Identification rules file; repeat to add files after it. Default: config/identification.yaml.")
    var ruleFiles: [String] = []

    func run() async throws {
        let identifier = DeviceIdentifier(rules: try IdentificationSetup.rules(files: ruleFiles))
        let results = try await PerTarget.run(targets, options: options) { _, _, agent in
            try await identifier.identify(agent)
        }
        var failed = false
        var output = ""
        for (target, result) in zip(targets, results) {
            switch result {
            case .success(let identity):
                output += options.json ? IdentityReport.json(identity, target: target) + "\n" : IdentityReport.text(identity, target: target)
            case .failure(let error):
                failed = true
                printError("\(target): \(error)")
            }
        }
        Swift.print(output, terminator: "")
        if failed { throw ExitCode(1) }
    }
}

/// Loading the identification data the way every command does it.
enum IdentificationSetup {
    static func rules(files: [String]) throws -> IdentificationRules {
        let paths = try ConfigFiles.resolve(files, default: "identification.yaml", option: "--rules")
        do { return try IdentificationRules.loadWithRegistries(files: paths) } catch { throw CommandFailure(error.description) }
    }
}

/// How an identity is shown to a person and to a program.
enum IdentityReport {
    static func text(_ identity: DeviceIdentity, target: String) -> String {
        let rows: [(String, String?)] = [
            ("vendor", identity.vendor), ("kind", identity.kind?.rawValue), ("model", identity.model),
            ("os", identity.os), ("version", identity.version), ("serial", identity.serial),
            ("hardware", identity.hardwareRevision), ("sysName", identity.sysName),
            ("location", identity.sysLocation), ("contact", identity.sysContact),
            ("uptime", identity.uptimeDescription), ("sysObjectID", identity.sysObjectID),
            ("sysDescr", identity.sysDescr.map(oneLine)),
            ("rules", identity.matchedRules.isEmpty ? nil : identity.matchedRules.joined(separator: ", ")),
            ("round trips", String(identity.roundTrips)),
        ]
        var text = "\(target)\n"
        for (label, value) in rows {
            text += "  " + label.padding(toLength: 12, withPad: " ", startingAt: 0) + (value ?? "-") + "\n"
        }
        return text
    }

    static func json(_ identity: DeviceIdentity, target: String) -> String {
        struct Line: Encodable {
            let target: String
            let identity: DeviceIdentity
            let uptime: String?
            func encode(to encoder: any Encoder) throws {
                try identity.encode(to: encoder)
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(target, forKey: .target)
                try container.encodeIfPresent(uptime, forKey: .uptime)
            }
            enum Key: String, CodingKey { case target, uptime }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = (try? encoder.encode(Line(target: target, identity: identity, uptime: identity.uptimeDescription))) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
