import ArgumentParser
import SNMP

/// The flags a net-snmp user already knows: `-v -c -r -t -Cr -O`.
struct SNMPOptions: ParsableArguments {
    @Option(name: .customShort("v", allowingJoined: true), help: "SNMP version: 1, 2c or 3.")
    var version: VersionArgument = .v2c

    @Option(name: .customShort("c", allowingJoined: true), help: "Community string.")
    var community: String = "public"

    @Option(name: .customShort("r", allowingJoined: true), help: "Retries after the first try.")
    var retries: Int = 5

    @Option(name: .customShort("t", allowingJoined: true), help: "Timeout per try, in seconds.")
    var timeout: Double = 1

    @Option(name: .customShort("C", allowingJoined: true), help: "Application options: r<N> sets max-repetitions (e.g. -Cr25).")
    var applicationOptions: [String] = []

    @Option(name: .customShort("O", allowingJoined: true), help: "Output options: n (numeric OIDs, the default without --names) and e (enumerations as numbers with --names) are accepted.")
    var outputOptions: [String] = []

    @Option(name: .customShort("u"), help: "SNMPv3 user name.")
    var user: String?

    @Option(name: .customShort("l"), help: "SNMPv3 security level: noAuthNoPriv, authNoPriv or authPriv.")
    var securityLevel: String?

    @Option(name: .customShort("a"), help: "SNMPv3 authentication protocol: MD5, SHA, SHA-224, SHA-256, SHA-384, SHA-512.")
    var authProtocol: String = "MD5"

    @Option(name: .customShort("A"), help: "SNMPv3 authentication password.")
    var authPassword: String?

    @Option(name: .customShort("x"), help: "SNMPv3 privacy protocol: DES, AES, AES-192, AES-256, AES-192-C, AES-256-C.")
    var privProtocol: String = "DES"

    @Option(name: .customShort("X"), help: "SNMPv3 privacy password.")
    var privPassword: String?

    @Option(name: .customShort("n"), help: "SNMPv3 context name.")
    var contextName: String = ""

    @Option(name: .customShort("e"), help: "SNMPv3 security (authoritative) engine ID, hex; discovered when absent.")
    var securityEngineID: String?

    @Option(name: .customShort("E"), help: "SNMPv3 context engine ID, hex; the agent's engine ID when absent.")
    var contextEngineID: String?

    @Flag(name: .customLong("no-bulk"), help: "Walk with GetNext even on SNMPv2c, for agents with a broken GetBulk.")
    var noBulk = false

    @Flag(help: "Print JSON instead of net-snmp style lines.")
    var json = false

    @Flag(help: "Print MIB names and values rendered with the MIBs (enums, display hints, units), as snmpwalk does.")
    var names = false

    @Option(name: .customShort("M", allowingJoined: true),
            help: "MIB folder for names; repeat for many; +DIR adds to the defaults (default: $NETWARDEN_MIB_DIRS, else the project's mibs/ and /etc/netwarden/mibs).")
    var mibDirectories: [String] = []

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

    func security() throws -> any SNMPSecurityModel {
        guard version == .v3 else { return CommunitySecurity(community, version: version.snmpVersion) }
        guard let user, !user.isEmpty else { throw ValidationError("SNMPv3 needs a user name (-u)") }
        let level: SecurityLevel
        switch securityLevel?.lowercased() {
        case nil, "noauthnopriv", "noauth": level = .noAuthNoPriv
        case "authnopriv", "auth": level = .authNoPriv
        case "authpriv", "priv": level = .authPriv
        default: throw ValidationError("-l must be noAuthNoPriv, authNoPriv or authPriv")
        }
        guard let auth = Self.authProtocols[authProtocol.uppercased()] else {
            throw ValidationError("unknown authentication protocol '\(authProtocol)': use MD5, SHA, SHA-224, SHA-256, SHA-384 or SHA-512")
        }
        guard let priv = Self.privProtocols[privProtocol.uppercased()] else {
            throw ValidationError("unknown privacy protocol '\(privProtocol)': use DES, AES, AES-192, AES-256, AES-192-C or AES-256-C")
        }
        if level != .noAuthNoPriv && (authPassword ?? "").isEmpty { throw ValidationError("-l \(level.rawValue) needs an authentication password (-A)") }
        if level == .authPriv && (privPassword ?? "").isEmpty { throw ValidationError("-l authPriv needs a privacy password (-X)") }
        let usmUser: USMUser
        do {
            usmUser = try USMUser(name: user, level: level, authProtocol: auth, authPassword: authPassword,
                                  privProtocol: priv, privPassword: privPassword)
        } catch {
            throw ValidationError("SNMPv3 user: \(error)")
        }
        return USMSecurity(user: usmUser, contextName: OctetString(contextName),
                           contextEngineID: try contextEngineID.map { OctetString(try Self.hexBytes($0, flag: "-E")) })
    }

    /// The engine ID given with -e, to skip discovery.
    func knownEngineID() throws -> [UInt8]? {
        try securityEngineID.map { try Self.hexBytes($0, flag: "-e") }
    }

    static let authProtocols: [String: AuthenticationProtocol] = [
        "MD5": .md5, "SHA": .sha1, "SHA1": .sha1, "SHA-1": .sha1, "SHA-224": .sha224, "SHA224": .sha224,
        "SHA-256": .sha256, "SHA256": .sha256, "SHA-384": .sha384, "SHA384": .sha384, "SHA-512": .sha512, "SHA512": .sha512,
    ]
    static let privProtocols: [String: PrivacyProtocol] = [
        "DES": .des, "AES": .aes128, "AES128": .aes128, "AES-128": .aes128, "AES192": .aes192, "AES-192": .aes192,
        "AES256": .aes256, "AES-256": .aes256, "AES192C": .aes192c, "AES-192-C": .aes192c, "AES256C": .aes256c, "AES-256-C": .aes256c,
    ]

    static func hexBytes(_ text: String, flag: String) throws -> [UInt8] {
        guard let octets = OctetString(hex: text), !octets.bytes.isEmpty else {
            throw ValidationError("\(flag) needs an even number of hex digits")
        }
        return Array(octets.bytes)
    }

    func agentOptions() throws -> SNMPAgent.Options {
        SNMPAgent.Options(retry: RetryPolicy(timeout: .milliseconds(Int64(timeout * 1000)), retries: retries),
                          maxRepetitions: try maxRepetitions(), bulkDisabled: noBulk)
    }
}

enum VersionArgument: String, ExpressibleByArgument, CaseIterable {
    case v1 = "1"
    case v2c = "2c"
    case v3 = "3"

    var snmpVersion: SNMPVersion {
        switch self {
        case .v1: .v1
        case .v2c: .v2c
        case .v3: .v3
        }
    }
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
