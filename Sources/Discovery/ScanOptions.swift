public import SNMP

/// A credential set to try, by name; the scan reports the name of the one that worked.
public struct ScanCredential: Sendable {
    public var name: String
    public var security: any SNMPSecurityModel

    public init(name: String, security: any SNMPSecurityModel) {
        self.name = name
        self.security = security
    }
}

/// How a scan probes; the defaults are safe on a client's network.
public struct ScanOptions: Sendable {
    /// Probe packets per second, all methods together (config `discovery.scan.rate`).
    public var rate = 2_000
    /// Hosts probed at once (config `discovery.scan.concurrency`).
    public var concurrency = 128
    /// How long to listen for ARP and ICMP replies after the last request.
    public var replyWait = 0.5
    /// How long a host has to answer a TCP connect.
    public var tcpTimeout = 1.0
    public var tcpPorts: [UInt16] = [22, 23, 80, 443, 8291, 8443]
    public var useARP = true
    public var useICMP = true
    public var useTCP = true
    /// Tried in order; put SNMPv3 sets first (``orderedForSweep`` does).
    public var credentials: [ScanCredential] = []
    public var snmpRetry = RetryPolicy(timeout: .milliseconds(500), retries: 1)
    /// Crawl LLDP/CDP neighbours whose management address lies inside `allowed`.
    public var followNeighbors = false
    /// Where neighbour crawling may go; nil: the scanned targets.
    public var allowed: TargetSet?
    /// Called from any thread, at most every few milliseconds.
    public var progress: (@Sendable (ScanProgress) -> Void)?

    public init() {}

    /// SNMPv3 sets first, then communities, each group in the order given.
    public static func orderedForSweep(_ credentials: [ScanCredential]) -> [ScanCredential] {
        credentials.filter { $0.security.version == .v3 } + credentials.filter { $0.security.version != .v3 }
    }
}
