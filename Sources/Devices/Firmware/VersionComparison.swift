/// How one firmware version relates to another.
///
/// Comparison is partial: versions of different schemes, of different release trains inside one
/// feature release, or of different platforms are ``unknown(_:)``, never forced into an order. A
/// poller that flags outdated firmware treats ``unknown(_:)`` as "cannot tell", not as "outdated".
public enum VersionComparison: Sendable, Hashable, CustomStringConvertible {
    /// The left-hand version is older than the right-hand one.
    case older
    /// Both versions name the same release (see each scheme's rules for what is ignored).
    case same
    /// The left-hand version is newer than the right-hand one.
    case newer
    /// The versions cannot be ordered; the reason says why.
    case unknown(UnknownReason)

    /// Why two versions cannot be ordered.
    ///
    /// Equality compares ``code`` only, like ``FirmwareError``.
    public struct UnknownReason: Sendable, Hashable, CustomStringConvertible {
        /// Why, as an extensible set of codes.
        public struct Code: Hashable, Sendable, CustomStringConvertible {
            private enum Base: String, Hashable, Sendable {
                case schemeMismatch
                case trainMismatch
                case platformMismatch
                case variantMismatch
                case ambiguous
            }
            private let base: Base
            private init(_ base: Base) { self.base = base }

            /// The versions belong to different ``VersionScheme``s.
            public static let schemeMismatch = Code(.schemeMismatch)
            /// Different release trains of one feature release: Cisco `15.2(7)E3` and `15.2(4)M11`,
            /// Junos `15.1R7` and `15.1X49-D200`.
            public static let trainMismatch = Code(.trainMismatch)
            /// Images for different platforms: ArubaOS-Switch `WC.16.11.0012` and `KB.16.11.0012`.
            public static let platformMismatch = Code(.platformMismatch)
            /// Different build variants: Junos and Junos Evolved, PAN-OS `-c` builds, FIPS images.
            public static let variantMismatch = Code(.variantMismatch)
            /// The numbering leaves the order open: an interim build against a rebuild of the same release.
            public static let ambiguous = Code(.ambiguous)

            public var description: String { base.rawValue }
        }

        /// Why, as a code to switch on.
        public let code: Code
        /// Human-readable detail naming both versions.
        public let reason: String

        /// A reason with a code and its detail.
        public init(_ code: Code, _ reason: String) {
            self.code = code
            self.reason = reason
        }

        public static func == (lhs: UnknownReason, rhs: UnknownReason) -> Bool { lhs.code == rhs.code }
        public func hash(into hasher: inout Hasher) { hasher.combine(code) }

        public var description: String { "\(code): \(reason)" }
    }

    /// Whether the comparison produced an order (``older``, ``same`` or ``newer``).
    public var isKnown: Bool {
        if case .unknown = self { return false }
        return true
    }

    /// The same comparison seen from the other side: ``older`` and ``newer`` swap.
    public var reversed: VersionComparison {
        switch self {
        case .older: .newer
        case .newer: .older
        case .same, .unknown: self
        }
    }

    public var description: String {
        switch self {
        case .older: "older"
        case .same: "same"
        case .newer: "newer"
        case .unknown(let reason): "unknown (\(reason.reason))"
        }
    }
}

// MARK: - Building comparisons

extension VersionComparison {
    /// Orders two comparable values.
    static func of<T: Comparable>(_ lhs: T, _ rhs: T) -> VersionComparison {
        lhs < rhs ? .older : (lhs > rhs ? .newer : .same)
    }

    /// Orders two lists of numbers, a missing component counting as zero (`7.15` is `7.15.0`).
    static func of(numbers lhs: [Int], _ rhs: [Int]) -> VersionComparison {
        for index in 0..<max(lhs.count, rhs.count) {
            let left = index < lhs.count ? lhs[index] : 0
            let right = index < rhs.count ? rhs[index] : 0
            if left != right { return left < right ? .older : .newer }
        }
        return .same
    }

    /// Orders two optional numbers only when both are present: an absent build or respin number
    /// matches any, so a policy that names `21.4R3-S5` is met by `21.4R3-S5.4`.
    static func ifBoth(_ lhs: Int?, _ rhs: Int?) -> VersionComparison {
        guard let lhs, let rhs else { return .same }
        return of(lhs, rhs)
    }

    /// Orders rebuild letters: none before `a`, `a` before `b`, `z` before `aa`.
    static func of(letters lhs: String, _ rhs: String) -> VersionComparison {
        if lhs.count != rhs.count { return of(lhs.count, rhs.count) }
        return of(lhs, rhs)
    }

    /// This comparison, or `next` when this one is ``same``.
    func then(_ next: @autoclosure () -> VersionComparison) -> VersionComparison {
        if case .same = self { return next() }
        return self
    }
}
