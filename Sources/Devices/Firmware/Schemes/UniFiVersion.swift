/// Ubiquiti UniFi: `[v]MAJOR.MINOR.PATCH[.BUILD]`.
///
/// Device firmware is written `6.6.55` in release notes and `6.6.55.15189` on the device (the
/// fourth number is the build); applications and UniFi OS use three numbers (`8.1.113`, `3.2.12`).
///
/// Order: the three numbers, then — when both state one — the build, so `6.6.55` is the same as
/// `6.6.55.15189`.
struct UniFiVersion: SchemeVersion {
    var numbers: [Int]
    var build: Int?

    static func parse(_ cursor: inout VersionCursor) -> UniFiVersion? {
        _ = cursor.consume(UInt8(ascii: "v"))
        guard let numbers = cursor.dottedNumbers(limit: 4), numbers.count >= 3 else { return nil }
        return UniFiVersion(numbers: Array(numbers.prefix(3)), build: numbers.count == 4 ? numbers[3] : nil)
    }

    func compare(to other: UniFiVersion) -> VersionComparison {
        VersionComparison.of(numbers: numbers, other.numbers).then(.ifBoth(build, other.build))
    }
}
