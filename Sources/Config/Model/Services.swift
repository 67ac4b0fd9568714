/// How long each kind of data is kept.
public struct Retention: Sendable, Hashable, Encodable {
    public var raw: Duration = .seconds(2 * 86_400)
    public var fiveMinute: Duration = .seconds(30 * 86_400)
    public var hourly: Duration = .seconds(400 * 86_400)
    public var events: Duration = .seconds(90 * 86_400)
    public var syslog: Duration = .seconds(30 * 86_400)
    public var traps: Duration = .seconds(90 * 86_400)
    public init() {}
}

public struct StoreSettings: Sendable, Hashable, Encodable {
    public enum Backend: String, Sendable, Hashable, Encodable, CaseIterable { case sqlite, postgres }
    public var backend: Backend = .sqlite
    public var sqlitePath: String
    /// SQLite write-ahead log: readers do not block the writer.
    public var sqliteWAL = true
    /// `postgres://user:password@host/db`; a secret since it usually holds the password.
    public var postgresURL: Secret?
}

public struct HTTPSettings: Sendable, Hashable, Encodable {
    public struct Token: Sendable, Hashable, Encodable {
        public var name: String
        public var token: Secret
        /// May read but not acknowledge alerts or change anything.
        public var readOnly = false
        /// Sees only this tenant's data (a client's own IT person).
        public var tenant: String?

        public init(name: String, token: Secret, readOnly: Bool = false, tenant: String? = nil) {
            self.name = name
            self.token = token
            self.readOnly = readOnly
            self.tenant = tenant
        }
    }

    public var listen = HostPort(host: "127.0.0.1", port: 8080)
    /// HTTPS when both are set (PEM files).
    public var certificate: String?
    public var key: String?
    public var tokens: [Token] = []
    /// `/metrics` without a token (for a Prometheus on a trusted network).
    public var metricsPublic = false

    /// The token a bearer string names, compared in constant time.
    public func token(matching bearer: String) -> Token? {
        let given = Array(bearer.utf8)
        var found: Token?
        for token in tokens {
            let expected = Array(token.token.reveal().utf8)
            var difference = given.count ^ expected.count
            for index in 0..<expected.count { difference |= Int(expected[index] ^ (index < given.count ? given[index] : 0)) }
            if difference == 0 && !expected.isEmpty { found = token }
        }
        return found
    }
}

public struct SyslogListenerSettings: Sendable, Hashable, Encodable {
    public var udp: [HostPort] = []
    public var tcp: [HostPort] = []
    /// RFC 5425 syslog over TLS; needs certificate and key.
    public var tls: [HostPort] = []
    public var certificate: String?
    public var key: String?
    /// SO_RCVBUF asked for each UDP socket, in bytes.
    public var udpReceiveBuffer = 4 << 20
    /// Messages per second accepted from one source address; 0: no limit.
    public var rateLimitPerSource = 2_000
    /// Longer messages are kept truncated and flagged.
    public var maxMessageSize = 64 << 10
}

public struct TrapListenerSettings: Sendable, Hashable, Encodable {
    public var listen: [HostPort] = []
    /// v1/v2c communities accepted; none listed: v1/v2c notifications are refused.
    public var communities: [Secret] = []
    /// Credential set names (v3) whose users may send traps and informs.
    public var users: [String] = []
}

public struct Listeners: Sendable, Hashable, Encodable {
    public var syslog = SyslogListenerSettings()
    public var traps = TrapListenerSettings()
}

public struct DiscoverySettings: Sendable, Hashable, Encodable {
    /// An interface watched for ARP, DHCP, LLDP and CDP frames; what it sees belongs to a site.
    public struct PassiveInterface: Sendable, Hashable, Encodable {
        public var name: String
        public var tenant: String
        public var site: String
    }

    /// Passive discovery on `passiveInterfaces`.
    public var passiveEnabled = false
    public var passiveInterfaces: [PassiveInterface] = []
    /// BPF filter (tcpdump syntax) for passive discovery: ARP, DHCP, LLDP and CDP, untagged or
    /// behind an 802.1Q tag (`vlan` shifts what follows it, so it comes last).
    public var passiveFilter = "arp or (udp and (port 67 or port 68)) or ether proto 0x88cc or ether dst 01:00:0c:cc:cc:cc"
        + " or (vlan and (arp or (udp and (port 67 or port 68)) or ether proto 0x88cc))"
    /// Probe packets per second of `netwarden scan`.
    public var scanRate = 2_000
    /// Hosts probed at once by `netwarden scan`.
    public var scanConcurrency = 128
}

public struct LogSettings: Sendable, Hashable, Encodable {
    public enum Level: String, Sendable, Hashable, Encodable, CaseIterable { case trace, debug, info, notice, warning, error, critical }
    public enum Format: String, Sendable, Hashable, Encodable, CaseIterable { case text, json }
    public var level: Level = .info
    public var format: Format = .text
}

extension StoreSettings.Backend: ConfigEnum { static var expected: String { "store backend" } }
extension LogSettings.Level: ConfigEnum { static var expected: String { "log level" } }
extension LogSettings.Format: ConfigEnum { static var expected: String { "log format" } }
