/// Plain dotted numbers: `[v]N(.N)*`, for vendors without a scheme of their own (APC `v6.7.2`,
/// NetApp `8.2.3`, Windows `10.0.17763`).
///
/// Order: the numbers, trailing zeros insignificant (`6.7` is `6.7.0`).
struct DottedVersion: SchemeVersion {
    var numbers: [Int]

    static func parse(_ cursor: inout VersionCursor) -> DottedVersion? {
        _ = cursor.consume(UInt8(ascii: "v")) || cursor.consume(UInt8(ascii: "V"))
        guard let numbers = cursor.dottedNumbers(limit: 8) else { return nil }
        return DottedVersion(numbers: numbers)
    }

    func compare(to other: DottedVersion) -> VersionComparison {
        .of(numbers: numbers, other.numbers)
    }

    static func == (lhs: DottedVersion, rhs: DottedVersion) -> Bool { lhs.compare(to: rhs) == .same }

    func hash(into hasher: inout Hasher) {
        var numbers = numbers
        while numbers.last == 0 { numbers.removeLast() }
        hasher.combine(numbers)
    }
}
