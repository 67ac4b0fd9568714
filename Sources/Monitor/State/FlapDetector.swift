/// Counts state changes of one thing (an interface's oper status) in a sliding window: with
/// `threshold` or more changes within `window` seconds it is flapping, and it stops flapping
/// once the window holds fewer than half the threshold (hysteresis, so the alert does not itself flap).
public struct FlapDetector: Sendable, Hashable {
    public let threshold: Int
    public let window: Double
    public private(set) var changes: [Double] = []
    public private(set) var isFlapping = false

    public init(threshold: Int, window: Double) {
        precondition(threshold > 1 && window > 0)
        self.threshold = threshold
        self.window = window
    }

    public enum Transition: Sendable, Hashable { case startedFlapping, stoppedFlapping }

    /// Records a change at `time`; returns a transition when the flapping state changed.
    public mutating func recordChange(at time: Double) -> Transition? {
        changes.append(time)
        return evaluate(at: time)
    }

    /// Re-evaluates at `time` without a change (a quiet poll lets flapping end).
    public mutating func evaluate(at time: Double) -> Transition? {
        changes.removeAll { $0 <= time - window }
        if !isFlapping, changes.count >= threshold {
            isFlapping = true
            return .startedFlapping
        }
        if isFlapping, changes.count < max(1, threshold / 2) {
            isFlapping = false
            return .stoppedFlapping
        }
        return nil
    }
}
