import ArgumentParser
import Devices
import Foundation
import SNMP

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Judge devices: firmware currency, configuration state.",
        subcommands: [CheckFirmwareCommand.self, CheckConfigCommand.self])
}

/// Runs one async job per target with the same credentials, in order of the targets.
enum PerTarget {
    static func run<T: Sendable>(_ targets: [String], options: SNMPOptions,
                                 _ body: @escaping @Sendable (SNMPClient, AgentAddress, SNMPAgent) async throws -> T) async throws -> [Result<T, any Error>] {
        let client = try await SNMPClient()
        let security = try options.security(), agentOptions = try options.agentOptions()
        let engineID = try options.knownEngineID()
        let results = await withTaskGroup(of: (Int, Result<T, any Error>).self) { group in
            for (index, target) in targets.enumerated() {
                group.addTask {
                    do {
                        let address = try AgentAddress(parsing: target)
                        let agent = try await client.agent(address.host, port: address.port, security: security, options: agentOptions)
                        if let engineID { agent.assumeEngineID(engineID) }
                        return (index, .success(try await body(client, address, agent)))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            var results = [Result<T, any Error>?](repeating: nil, count: targets.count)
            for await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
        await client.shutdown()
        return results
    }
}

struct CheckFirmwareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "firmware",
        abstract: "Identify each device and judge its firmware against config/firmware-policy.yaml.",
        discussion: "Exit status: 0 when every device is current or unknown, 3 when any needs attention, 1 on errors.")
    @OptionGroup var options: SNMPOptions
    @Argument(help: "Agents: host, host:port.") var targets: [String]
    @Option(name: .customLong("rules"), help: "Identification rules file(s). Default: config/identification.yaml.") var ruleFiles: [String] = []
    @Option(name: .customLong("policy"), help: "Firmware policy file. Default: config/firmware-policy.yaml.") var policyFile: String?

    func run() async throws {
        let identifier = DeviceIdentifier(rules: try IdentificationSetup.rules(files: ruleFiles))
        let path = try ConfigFiles.resolve(policyFile.map { [$0] } ?? [], default: "firmware-policy.yaml", option: "--policy")[0]
        let policies: FirmwarePolicySet
        do { policies = try FirmwarePolicySet.load(file: path) } catch { throw CommandFailure(error.description) }
        let today = CalendarDay(Date())
        let results = try await PerTarget.run(targets, options: options) { _, _, agent in
            try await identifier.identify(agent)
        }
        var attention = false, failed = false
        for (target, result) in zip(targets, results) {
            guard case .success(let identity) = result else {
                if case .failure(let error) = result { printError("\(target): \(error)") }
                failed = true
                continue
            }
            let (entry, status) = policies.evaluate(identity, on: today)
            attention = attention || status.needsAttention
            if options.json {
                let object: [String: String?] = [
                    "target": target, "vendor": identity.vendor, "model": identity.model, "os": identity.os,
                    "version": identity.version, "policy": entry?.name, "status": status.kind.rawValue, "reason": status.reason,
                    "source": entry?.policy.source,
                ]
                print(JSONLine.encode(object))
            } else {
                let what = [identity.vendor, identity.model, identity.os, identity.version].compactMap { $0 }.joined(separator: " ")
                print("\(target)  \(what.isEmpty ? "unidentified" : what)")
                print("  \(status.kind.rawValue): \(status.reason)" + (entry.map { " [policy \($0.name)]" } ?? ""))
            }
        }
        if failed { throw ExitCode(1) }
        if attention { throw ExitCode(3) }
    }
}

struct CheckConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Unsaved or changed configuration and insecure SNMP management, read-only.",
        discussion: """
            Reads CISCO-CONFIG-MAN-MIB (running changed after startup was written) and JUNIPER-CFGMGMT-MIB,
            tries the communities 'public' and 'private' (v2c, v1), reads VACM for write access and
            unauthenticated SNMPv3 groups, and tries the -u user at noAuthNoPriv. Never writes to a device.
            With --state FILE it remembers each device's last change and reports a change since the last run.
            Exit status: 0 when nothing was found, 3 when a problem was found, 1 on errors.
            """)
    @OptionGroup var options: SNMPOptions
    @Argument(help: "Agents: host, host:port.") var targets: [String]
    @Option(help: "JSON file remembering each device's configuration state between runs.") var state: String?

    func run() async throws {
        var snapshots: [String: ConfigStateChecker.Snapshot] = [:]
        if let state, let data = FileManager.default.contents(atPath: state) {
            do { snapshots = try JSONDecoder().decode([String: ConfigStateChecker.Snapshot].self, from: data) } catch {
                throw CommandFailure("\(state): not a state file Netwarden wrote (\(error))")
            }
        }
        let previous = snapshots
        let checker = ConfigStateChecker()
        let v3User = options.version == .v3 ? options.user : nil
        let agentOptions = try options.agentOptions()
        let now = Int64(Date().timeIntervalSince1970)
        let results = try await PerTarget.run(targets, options: options) { client, address, agent in
            try await checker.check(agent, makeAgent: { security in
                try await client.agent(address.host, port: address.port, security: security,
                                       options: .init(retry: RetryPolicy(timeout: agentOptions.retry.timeout, retries: 0)))
            }, v3User: v3User, previous: previous["\(address.host):\(address.port)"], now: now)
        }
        var problems = false, failed = false
        for (target, result) in zip(targets, results) {
            switch result {
            case .failure(let error):
                printError("\(target): \(error)")
                failed = true
            case .success(let report):
                let key = (try? AgentAddress(parsing: target)).map { "\($0.host):\($0.port)" } ?? target
                if let snapshot = report.snapshot { snapshots[key] = snapshot }
                problems = problems || report.findings.contains(where: \.isProblem)
                if options.json {
                    for finding in report.findings {
                        print(JSONLine.encode(["target": target, "finding": finding.kind.rawValue, "message": finding.message]))
                    }
                } else {
                    print(target)
                    if !report.findings.contains(where: \.isProblem) { print("  ok: no unsaved change, no insecure SNMP access found") }
                    for finding in report.findings { print("  \(finding)") }
                }
            }
        }
        if let state {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            try encoder.encode(snapshots).write(to: URL(fileURLWithPath: state), options: .atomic)
        }
        if failed { throw ExitCode(1) }
        if problems { throw ExitCode(3) }
    }
}

enum JSONLine {
    static func encode(_ object: [String: String?]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(object.compactMapValues { $0 })) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
