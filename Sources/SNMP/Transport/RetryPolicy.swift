/// How long to wait for each response and how often to resend.
public struct RetryPolicy: Sendable, Hashable {
    /// Wait per attempt.
    public var timeout: Duration
    /// Resends after the first attempt (net-snmp's `-r`).
    public var retries: Int

    public init(timeout: Duration = .seconds(1), retries: Int = 1) {
        self.timeout = timeout
        self.retries = max(0, retries)
    }

    var attempts: Int { retries + 1 }
}
