/// Arista EOS: `MAJOR.MINOR.PATCH[.SUB](F|M)[-ENGINEERING]`.
///
/// `4.30.2F`, `4.28.10.1M`. `F` (feature) and `M` (maintenance) label where a train stands —
/// a train starts as `F` and turns `M` as it matures (`4.28.2F` then `4.28.3M`) — so they do not
/// order; neither does an engineering-build suffix (`4.27.0F-24305004.4270F`).
///
/// Order: the numbers, a missing fourth counting as 0 (`4.28.10M` < `4.28.10.1M`).
struct AristaEOSVersion: SchemeVersion {
    var numbers: [Int]
    var label: String

    static func parse(_ cursor: inout VersionCursor) -> AristaEOSVersion? {
        guard let numbers = cursor.dottedNumbers(limit: 4), numbers.count >= 3 else { return nil }
        let label = cursor.run(while: \.isUppercase)
        guard label.isEmpty || label == "F" || label == "M" else { return nil }
        if cursor.peek == UInt8(ascii: "-"), cursor.peek(at: 1)?.isAlphanumeric == true {
            cursor.index += 1
            _ = cursor.run { $0.isAlphanumeric || $0 == UInt8(ascii: ".") }
        }
        return AristaEOSVersion(numbers: numbers, label: label)
    }

    func compare(to other: AristaEOSVersion) -> VersionComparison {
        .of(numbers: numbers, other.numbers)
    }

    static func == (lhs: AristaEOSVersion, rhs: AristaEOSVersion) -> Bool { lhs.numbers == rhs.numbers }
    func hash(into hasher: inout Hasher) { hasher.combine(numbers) }
}
