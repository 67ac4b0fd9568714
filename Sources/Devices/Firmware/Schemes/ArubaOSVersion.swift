/// ArubaOS for Mobility Controllers, gateways and Instant APs: `MAJOR.MINOR.PATCH.BUILD[-FIPS] [(NNNNN)]`.
///
/// `8.10.0.9`, and as sysDescr has it `ArubaOS (MODEL: Aruba7010), Version 8.3.0.0 (64659)` where
/// `64659` is the build number; `_64659` is the same in image names. `-FIPS` images are a variant.
///
/// Order: FIPS and non-FIPS images never compare; then the four numbers, then — when both state
/// one — the build number.
struct ArubaOSVersion: SchemeVersion {
    var numbers: [Int]
    var build: Int?
    var fips: Bool

    static func parse(_ cursor: inout VersionCursor) -> ArubaOSVersion? {
        guard let numbers = cursor.dottedNumbers(limit: 4), numbers.count >= 3 else { return nil }
        var version = ArubaOSVersion(numbers: numbers, build: nil, fips: false)
        let beforeFIPS = cursor
        if cursor.consume(caseInsensitive: "-FIPS") {
            if cursor.peek?.isAlphanumeric == true { cursor = beforeFIPS } else { version.fips = true }
        }
        let beforeBuild = cursor
        if cursor.consume(UInt8(ascii: "_")), let build = cursor.number() {
            version.build = build
        } else {
            cursor = beforeBuild
            cursor.skipSpaces()
            if cursor.consume(UInt8(ascii: "(")), let build = cursor.number(), cursor.consume(UInt8(ascii: ")")) {
                version.build = build
            } else {
                cursor = beforeBuild
            }
        }
        return version
    }

    var train: String? { fips ? "FIPS" : nil }

    func compare(to other: ArubaOSVersion) -> VersionComparison {
        guard fips == other.fips else {
            return .unknown(.init(.variantMismatch, "a FIPS image and a regular image"))
        }
        return VersionComparison.of(numbers: numbers, other.numbers).then(.ifBoth(build, other.build))
    }
}
