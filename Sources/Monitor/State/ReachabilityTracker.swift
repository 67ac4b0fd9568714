/// Whether a device is up, from consecutive checks: down after `failuresToDown` failed checks
/// in a row (SNMP unanswered and, where enabled, ICMP echo unanswered), up again on the first
/// success. One lost poll is not an outage.
public struct ReachabilityTracker: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, Codable { case unknown, up, down }
    public enum Transition: Sendable, Hashable { case wentDown, cameUp }

    public let failuresToDown: Int
    public private(set) var state: State = .unknown
    public private(set) var consecutiveFailures = 0

    public init(failuresToDown: Int = 3) {
        self.failuresToDown = max(1, failuresToDown)
    }

    public mutating func record(success: Bool) -> Transition? {
        if success {
            consecutiveFailures = 0
            defer { state = .up }
            return state == .down ? .cameUp : nil
        }
        consecutiveFailures += 1
        if consecutiveFailures >= failuresToDown, state != .down {
            state = .down
            return .wentDown
        }
        return nil
    }
}
