import ArgumentParser
import Config
import Devices
import Discovery
import Foundation
import Monitor
import Alerting
import SNMP
import SNMPCodec

/// `netwarden scan`: what is on this network.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Find live hosts (ARP, ICMP, TCP), then identify the SNMP ones and read their LLDP/CDP neighbours.",
        discussion: """
            Targets: 10.0.0.0/24, 10.0.0.10-10.0.0.200 (or 10.0.0.10-200), a host name, an address, \
            2001:db8::/120 (IPv6 /112 or longer), @FILE (one target per line, # comments).
            Credentials are tried in order, SNMPv3 first: --credentials sets from the config, then -u, then each -c. \
            With none given: the config's sets when --config is given, else community public.
            ARP and ICMP need root or CAP_NET_RAW; without them the scan says so and uses TCP and SNMP.
            """)

    @Argument(help: "What to scan.") var targets: [String]
    @Option(help: "Leave out these targets (same forms); repeatable.") var exclude: [String] = []
    @Option(name: .customShort("c"), help: "SNMPv1/v2c community to try; repeatable, tried in order.") var community: [String] = []
    @Option(name: .customLong("snmp-version"), help: "Version for -c communities: 1 or 2c.") var communityVersion: String = "2c"
    @Option(name: .customShort("u"), help: "SNMPv3 user name.") var user: String?
    @Option(name: .customShort("l"), help: "SNMPv3 security level: noAuthNoPriv, authNoPriv or authPriv.") var securityLevel: String?
    @Option(name: .customShort("a"), help: "SNMPv3 authentication protocol: MD5, SHA, SHA-224, SHA-256, SHA-384, SHA-512.") var authProtocol: String = "SHA"
    @Option(name: .customShort("A"), help: "SNMPv3 authentication password.") var authPassword: String?
    @Option(name: .customShort("x"), help: "SNMPv3 privacy protocol: DES, AES, AES-192, AES-256, AES-192-C, AES-256-C.") var privProtocol: String = "AES"
    @Option(name: .customShort("X"), help: "SNMPv3 privacy password.") var privPassword: String?
    @Option(name: .customLong("credentials"), help: "Credential set from the config to try; repeatable.") var credentialSets: [String] = []
    @Option(name: .customLong("config"), help: "Config file (credential sets, scan defaults, the store for --adopt).") var configFile: String?
    @Option(help: "Probe packets per second (default: discovery.scan.rate, else 2000).") var rate: Int?
    @Option(help: "Hosts probed at once (default: discovery.scan.concurrency, else 128).") var concurrency: Int?
    @Option(help: "Seconds to wait for ARP and ICMP replies after the last request.") var wait: Double = 0.5
    @Option(name: .customShort("t"), help: "SNMP timeout per try, seconds.") var timeout: Double = 0.5
    @Option(name: .customShort("r"), help: "SNMP retries.") var retries: Int = 1
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Print CSV.") var csv = false
    @Flag(name: .customLong("follow-neighbors"), help: "Also scan LLDP/CDP neighbours whose management address lies inside --within.")
    var followNeighbors = false
    @Option(help: "Where --follow-neighbors may go (targets, repeatable); default: the scanned targets.") var within: [String] = []
    @Option(help: "Add what was found to the inventory under TENANT/SITE (the config's store).") var adopt: String?
    @Flag(name: .customLong("no-arp"), help: "Skip ARP.") var noARP = false
    @Flag(name: .customLong("no-icmp"), help: "Skip ICMP echo.") var noICMP = false
    @Flag(name: .customLong("no-tcp"), help: "Skip TCP connect probes.") var noTCP = false
    @Flag(name: .customLong("no-snmp"), help: "Host discovery only.") var noSNMP = false
    @Option(name: .customLong("rules"), help: "Identification rules file. Default: config/identification.yaml.") var ruleFiles: [String] = []

    func validate() throws {
        if json && csv { throw ValidationError("--json and --csv exclude each other") }
        if let rate, !(1...1_000_000).contains(rate) { throw ValidationError("--rate must be 1 to 1000000 packets per second") }
        if let concurrency, !(1...65_536).contains(concurrency) { throw ValidationError("--concurrency must be 1 to 65536") }
        guard wait >= 0, wait <= 60 else { throw ValidationError("--wait must be 0 to 60 seconds") }
        guard timeout > 0, timeout <= 60 else { throw ValidationError("-t must be between 0 and 60 seconds") }
        guard (0...10).contains(retries) else { throw ValidationError("-r must be 0 to 10") }
        if !["1", "2c"].contains(communityVersion) { throw ValidationError("--snmp-version must be 1 or 2c") }
        if let adopt, ScanAdoption.split(adopt) == nil { throw ValidationError("--adopt needs TENANT/SITE") }
        if !within.isEmpty && !followNeighbors { throw ValidationError("--within goes with --follow-neighbors") }
    }

    func run() async throws {
        let targetSet: TargetSet
        do { targetSet = try TargetSet.parse(targets, exclude: exclude) } catch { throw CommandFailure("\(error)") }
        var allowed: TargetSet?
        if !within.isEmpty {
            do { allowed = try TargetSet.parse(within) } catch { throw CommandFailure("--within: \(error)") }
        }
        let config = try loadConfig()
        var options = ScanOptions()
        options.rate = rate ?? config?.discovery.scanRate ?? options.rate
        options.concurrency = concurrency ?? config?.discovery.scanConcurrency ?? options.concurrency
        options.replyWait = wait
        options.useARP = !noARP
        options.useICMP = !noICMP
        options.useTCP = !noTCP
        options.snmpRetry = RetryPolicy(timeout: .milliseconds(Int64(timeout * 1000)), retries: retries)
        options.credentials = noSNMP ? [] : ScanOptions.orderedForSweep(try credentials(config))
        options.followNeighbors = followNeighbors
        options.allowed = allowed
        let progress = ScanProgressLine.enabled && !json && !csv ? ScanProgressLine() : nil
        if let progress { options.progress = { progress.show($0) } }

        let rules = try IdentificationSetup.rules(files: ruleFiles.isEmpty ? (config.map { [$0.identificationRules] } ?? []) : ruleFiles)
        let scanner = Scanner(options: options, identifier: DeviceIdentifier(rules: rules), ouis: rules.ouis)
        let client = try await SNMPClient()
        let result = await scanner.run(targetSet, client: client)
        await client.shutdown()
        progress?.clear()
        for notice in result.notices { printError("scan: \(notice)") }

        if json {
            print(ScanReport.json(result))
        } else if csv {
            print(ScanReport.csv(result), terminator: "")
        } else {
            print(ScanReport.table(result), terminator: "")
        }
        if let adopt, let (tenant, site) = ScanAdoption.split(adopt) {
            guard let config else { throw CommandFailure("--adopt needs --config (the store to write to)") }
            let summary = try await ScanAdoption.adopt(result, tenant: tenant, site: site, config: config)
            printError("adopted into \(tenant)/\(site): \(summary)")
        }
    }

    func loadConfig() throws -> NetwardenConfig? {
        guard configFile != nil || adopt != nil || !credentialSets.isEmpty else { return nil }
        let path = configFile ?? ConfigLoader.defaultFile()
        switch ConfigLoader().load(file: path) {
        case .success(let config): return config
        case .failure(let errors):
            throw CommandFailure(errors.problems.map(\.description).joined(separator: "\n"))
        }
    }

    /// Config sets first (in the order named), then -u, then each -c.
    func credentials(_ config: NetwardenConfig?) throws -> [ScanCredential] {
        var result: [ScanCredential] = []
        for name in credentialSets {
            guard let set = config?.credentialSet(named: name) else {
                let known = config?.credentialSets.map(\.name).joined(separator: ", ") ?? ""
                throw CommandFailure("no credential set '\(name)' in \(config?.file ?? "the config")\(known.isEmpty ? "" : " (has: \(known))")")
            }
            do { result.append(ScanCredential(name: set.name, security: try set.securityModel())) } catch {
                throw CommandFailure("credential set \(name): \(error)")
            }
        }
        if let user {
            let level: SNMP.SecurityLevel
            switch securityLevel?.lowercased() {
            case nil: level = privPassword != nil ? .authPriv : authPassword != nil ? .authNoPriv : .noAuthNoPriv
            case "noauthnopriv", "noauth": level = .noAuthNoPriv
            case "authnopriv", "auth": level = .authNoPriv
            case "authpriv", "priv": level = .authPriv
            default: throw ValidationError("-l must be noAuthNoPriv, authNoPriv or authPriv")
            }
            guard let auth = SNMPOptions.authProtocols[authProtocol.uppercased()] else { throw ValidationError("unknown authentication protocol '\(authProtocol)'") }
            guard let priv = SNMPOptions.privProtocols[privProtocol.uppercased()] else { throw ValidationError("unknown privacy protocol '\(privProtocol)'") }
            do {
                let usm = try USMUser(name: user, level: level, authProtocol: level == .noAuthNoPriv ? .none : auth, authPassword: authPassword,
                                      privProtocol: level == .authPriv ? priv : .none, privPassword: privPassword)
                result.append(ScanCredential(name: "v3 user \(user)", security: USMSecurity(user: usm)))
            } catch {
                throw ValidationError("SNMPv3 user: \(error)")
            }
        }
        let version: SNMPVersion = communityVersion == "1" ? .v1 : .v2c
        // Named by position: a community is a secret and never printed or stored.
        for (index, text) in community.enumerated() {
            result.append(ScanCredential(name: "community #\(index + 1)", security: CommunitySecurity(OctetString(text), version: version)))
        }
        if result.isEmpty {
            if let config, !config.credentialSets.isEmpty {
                for set in config.credentialSets {
                    if let security = try? set.securityModel() { result.append(ScanCredential(name: set.name, security: security)) }
                }
            } else {
                result.append(ScanCredential(name: "public", security: CommunitySecurity(OctetString("public"), version: .v2c)))
            }
        }
        return result
    }
}
