/// Palo Alto Networks PAN-OS: `MAJOR.MINOR.PATCH[-cN][-hN]`.
///
/// `10.2.9-h1` is hotfix 1 of maintenance release 10.2.9. A `-c` suffix (`10.1.6-c4`) marks a
/// separately built line of that release (Palo Alto builds them for specific certifications or
/// customers); its fixes do not map onto the hotfix numbering.
///
/// Order: feature release (`10.2` < `11.1`), then — inside one feature release only when both or
/// neither are `-c` builds — patch, `-c` number and hotfix (none counts as 0: `10.2.9` <
/// `10.2.9-h1` < `10.2.10`).
struct PANOSVersion: SchemeVersion {
    var major: Int
    var minor: Int
    var patch: Int
    var variant: Int?
    var hotfix: Int?

    static func parse(_ cursor: inout VersionCursor) -> PANOSVersion? {
        guard let numbers = cursor.dottedNumbers(limit: 3), numbers.count == 3 else { return nil }
        var version = PANOSVersion(major: numbers[0], minor: numbers[1], patch: numbers[2], variant: nil, hotfix: nil)
        while cursor.peek == UInt8(ascii: "-"), let letter = cursor.peek(at: 1), cursor.peek(at: 2)?.isDigit == true {
            let save = cursor
            cursor.index += 2
            switch letter {
            case UInt8(ascii: "h") where version.hotfix == nil: version.hotfix = cursor.number()
            case UInt8(ascii: "c") where version.variant == nil: version.variant = cursor.number()
            default:
                cursor = save
                return version
            }
        }
        return version
    }

    var train: String? { variant.map { "c\($0)" } }

    func compare(to other: PANOSVersion) -> VersionComparison {
        let feature = VersionComparison.of(major, other.major).then(.of(minor, other.minor))
        guard feature == .same else { return feature }
        guard (variant == nil) == (other.variant == nil) else {
            return .unknown(.init(.variantMismatch, "a -c build and a regular build of \(major).\(minor)"))
        }
        return VersionComparison.of(patch, other.patch)
            .then(.of(variant ?? 0, other.variant ?? 0))
            .then(.of(hotfix ?? 0, other.hotfix ?? 0))
    }
}
