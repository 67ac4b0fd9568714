/// Cisco NX-OS: `MAJOR.MINOR(MAINT[letters])[PLATFORM N(RELEASE)][M|F]`.
///
/// `9.3(10)`, `8.4(2c)` (a lettered rebuild), `10.3(4a)M` (`M` maintenance / `F` feature: a label,
/// not a train), and the older platform trains: `7.0(3)I7(9)` (Nexus 9000 `I7` train, release 9),
/// `6.0(2)N2(3)` (Nexus 5000), `5.2(3)N2(2.28g)` (UCS fabric interconnect).
///
/// Order: feature release (`7.0` < `9.3` < `10.2`), then — inside one feature release only when the
/// platform train letters match — maintenance (number, then letters), train number (`I6` < `I7`) and
/// the train release. The `M`/`F` label is ignored.
struct CiscoNXOSVersion: SchemeVersion {
    var major: Int
    var minor: Int
    var maintenance: [NumberAndLetters]
    /// Platform train letters (`I`, `N`, `D`); empty for unified releases.
    var platformLetters: String
    var platformNumber: Int
    var platformRelease: [NumberAndLetters]
    /// `M` or `F` on 10.x and later; empty otherwise.
    var label: String

    static func parse(_ cursor: inout VersionCursor) -> CiscoNXOSVersion? {
        guard let major = cursor.number(), cursor.consume(UInt8(ascii: ".")),
            let minor = cursor.number(), cursor.consume(UInt8(ascii: "(")),
            let maintenance = NumberAndLetters.parseList(&cursor), cursor.consume(UInt8(ascii: ")"))
        else { return nil }
        var version = CiscoNXOSVersion(
            major: major, minor: minor, maintenance: maintenance,
            platformLetters: "", platformNumber: 0, platformRelease: [], label: "")
        let beforeLetters = cursor
        let letters = cursor.run(while: \.isUppercase)
        if !letters.isEmpty, let number = cursor.number() {
            guard cursor.consume(UInt8(ascii: "(")), let release = NumberAndLetters.parseList(&cursor),
                cursor.consume(UInt8(ascii: ")"))
            else { return nil }
            version.platformLetters = letters
            version.platformNumber = number
            version.platformRelease = release
        } else if letters == "M" || letters == "F" {
            version.label = letters
        } else {
            cursor = beforeLetters
        }
        return version
    }

    var train: String? { platformLetters.isEmpty ? nil : "\(platformLetters)\(platformNumber)" }

    func compare(to other: CiscoNXOSVersion) -> VersionComparison {
        let feature = VersionComparison.of(major, other.major).then(.of(minor, other.minor))
        guard feature == .same else { return feature }
        guard platformLetters == other.platformLetters else {
            let left = platformLetters.isEmpty ? "unified" : platformLetters
            let right = other.platformLetters.isEmpty ? "unified" : other.platformLetters
            return .unknown(.init(.trainMismatch, "different platform trains (\(left) and \(right)) of \(major).\(minor)"))
        }
        return NumberAndLetters.compare(maintenance, other.maintenance)
            .then(.of(platformNumber, other.platformNumber))
            .then(NumberAndLetters.compare(platformRelease, other.platformRelease))
    }
}
