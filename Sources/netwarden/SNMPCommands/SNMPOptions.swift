import ArgumentParser
import SNMP

/// The flags a net-snmp user already knows: `-v -c -r -t -Cr -O`.
struct SNMPOptions: ParsableArguments {
    @Option(name: .customShort("v", allowingJoined: true), help: "SNMP version: 1 or 2c.")
    var version: VersionArgument = .v2c

    @Option(name: .customShort("c", allowingJoined: true), help: "Community string.")
    var community: String = "public"

    @Option(name: .customShort("r", allowingJoined: true), help: "Retries after the first try.")
    var retries: Int = 5

    @Option(name: .customShort("t", allowingJoined: true), help: "Timeout per try, in seconds.")
    var timeout: Double = 1

    @Option(name: .customShort("C", allowingJoined: true), help: "Application options: r<N> sets max-repetitions (e.g. -Cr25).")
    var applicationOptions: [String] = []

    @Option(name: .customShort("O", allowingJoined: true), help: "Output options: n (numeric OIDs, the default) and e (numeric enums) are accepted.")
    var outputOptions: [String] = []

    @Flag(name: .customLong("no-bulk"), help: "Walk with GetNext even on SNMPv2c, for agents with a broken GetBulk.")
    var noBulk = false

    @Flag(help: "Print JSON instead of net-snmp style lines.")
    var json = false

    func validate() throws {
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("-t must be between 0 and 3600 seconds") }
        guard retries >= 0, retries <= 100 else { throw ValidationError("-r must be between 0 and 100") }
        _ = try maxRepetitions()
        for option in outputOptions.joined() where !"nefqQsS".contains(option) {
            throw ValidationError("unsupported output option -O\(option)")
        }
    }

    func maxRepetitions() throws -> Int {
        var result = 10  // net-snmp's default for snmpbulkwalk
        for option in applicationOptions {
            guard option.first == "r" else { throw ValidationError("unsupported application option -C\(option)") }
            guard let value = Int(option.dropFirst()), value >= 1, value <= 10_000 else {
                throw ValidationError("-Cr needs a number of repetitions between 1 and 10000")
            }
            result = value
        }
        return result
    }

    var security: any SNMPSecurityModel {
        CommunitySecurity(community, version: version.snmpVersion)
    }

    func agentOptions() throws -> SNMPAgent.Options {
        SNMPAgent.Options(retry: RetryPolicy(timeout: .milliseconds(Int64(timeout * 1000)), retries: retries),
                          maxRepetitions: try maxRepetitions(), bulkDisabled: noBulk)
    }
}

enum VersionArgument: String, ExpressibleByArgument, CaseIterable {
    case v1 = "1"
    case v2c = "2c"

    var snmpVersion: SNMPVersion { self == .v1 ? .v1 : .v2c }
}

/// `host`, `host:port`, `udp:host:port`, `[v6]:port`, `udp6:[v6]:port` or a bare IPv6 address.
struct AgentAddress: Hashable {
    var host: String
    var port: Int

    init(parsing text: String, defaultPort: Int = 161) throws {
        var rest = Substring(text)
        for prefix in ["udp6:", "udp:"] where rest.lowercased().hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
        }
        guard !rest.isEmpty else { throw ValidationError("empty agent address '\(text)'") }
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw ValidationError("unbalanced '[' in '\(text)'") }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            let tail = rest[rest.index(after: close)...]
            if tail.isEmpty {
                port = defaultPort
            } else {
                guard tail.hasPrefix(":"), let p = Int(tail.dropFirst()), (1...65535).contains(p) else {
                    throw ValidationError("bad port in '\(text)'")
                }
                port = p
            }
            return
        }
        let colons = rest.filter { $0 == ":" }.count
        if colons == 1 {
            let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
            guard !parts[0].isEmpty, let p = Int(parts[1]), (1...65535).contains(p) else {
                throw ValidationError("bad port in '\(text)'")
            }
            host = String(parts[0])
            port = p
        } else {
            host = String(rest)  // a host name, an IPv4 address, or a bare IPv6 address
            port = defaultPort
        }
    }
}
