/// MikroTik RouterOS v6 and v7: `MAJOR.MINOR[.PATCH][betaN|rcN] [(channel)]`.
///
/// `7.14.2`, `6.49.10 (long-term)` as `/system resource` and MIKROTIK-MIB `mtxrLicVersion` print
/// it, pre-releases `7.15beta4` and `7.15rc3`. The channel (`stable`, `long-term`, `testing`,
/// `development`) is a label and does not order.
///
/// Order: the numbers (a missing patch counts as 0: `7.15` is `7.15.0`), then beta before release
/// candidate before the release (`7.15beta4` < `7.15rc1` < `7.15`), then the pre-release number.
struct RouterOSVersion: SchemeVersion {
    var numbers: [Int]
    /// 0 beta, 1 release candidate, 2 release.
    var stage: Int
    var stageNumber: Int
    var channel: String?

    static func parse(_ cursor: inout VersionCursor) -> RouterOSVersion? {
        guard let numbers = cursor.dottedNumbers(limit: 3), numbers.count >= 2 else { return nil }
        var version = RouterOSVersion(numbers: numbers, stage: 2, stageNumber: 0, channel: nil)
        let beforeStage = cursor
        if cursor.consume(caseInsensitive: "beta") {
            version.stage = 0
        } else if cursor.consume(caseInsensitive: "rc") {
            version.stage = 1
        }
        if version.stage < 2 {
            guard let number = cursor.number() else {
                cursor = beforeStage
                return nil
            }
            version.stageNumber = number
        }
        let beforeChannel = cursor
        cursor.skipSpaces()
        if cursor.consume(UInt8(ascii: "(")) {
            let channel = cursor.run { $0.isLetter || $0 == UInt8(ascii: "-") }
            if !channel.isEmpty, cursor.consume(UInt8(ascii: ")")) {
                version.channel = channel
                return version
            }
        }
        cursor = beforeChannel
        return version
    }

    func compare(to other: RouterOSVersion) -> VersionComparison {
        VersionComparison.of(numbers: numbers, other.numbers)
            .then(.of(stage, other.stage))
            .then(.of(stageNumber, other.stageNumber))
    }

    static func == (lhs: RouterOSVersion, rhs: RouterOSVersion) -> Bool {
        lhs.compare(to: rhs) == .same
    }

    func hash(into hasher: inout Hasher) {
        var numbers = numbers
        while numbers.last == 0 { numbers.removeLast() }
        hasher.combine(numbers)
        hasher.combine(stage)
        hasher.combine(stageNumber)
    }
}
