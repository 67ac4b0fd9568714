/// SonicWall SonicOS: `MAJOR.MINOR.PATCH[.SUB][-BUILD][letters]`.
///
/// `7.0.1-5145` (SonicOS 7), `6.5.4.4-44n` (SonicOS 6.5; the trailing letter is a build-type
/// label), as sysDescr and SONICWALL-FIREWALL-IP-STATISTICS-MIB print it after
/// `SonicOS Enhanced`.
///
/// Order: the numbers (a missing fourth counts as 0), then — when both state one — the build.
struct SonicOSVersion: SchemeVersion {
    var numbers: [Int]
    var build: Int?
    var letters: String

    static func parse(_ cursor: inout VersionCursor) -> SonicOSVersion? {
        guard let numbers = cursor.dottedNumbers(limit: 4), numbers.count >= 3 else { return nil }
        var version = SonicOSVersion(numbers: numbers, build: nil, letters: "")
        if cursor.peek == UInt8(ascii: "-"), cursor.peek(at: 1)?.isDigit == true {
            cursor.index += 1
            version.build = cursor.number()
            version.letters = cursor.run(while: \.isLowercase)
        }
        return version
    }

    func compare(to other: SonicOSVersion) -> VersionComparison {
        VersionComparison.of(numbers: numbers, other.numbers).then(.ifBoth(build, other.build))
    }

    static func == (lhs: SonicOSVersion, rhs: SonicOSVersion) -> Bool {
        lhs.numbers == rhs.numbers && lhs.build == rhs.build
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(numbers)
        hasher.combine(build)
    }
}
