/// ArubaOS-Switch (HPE ProCurve, ProVision): `PLATFORM.MAJOR.MINOR[.BUILD]`.
///
/// `WC.16.11.0012` is image family `WC` (2930F), release 16.11, build 0012; `KB.16.10.0015`
/// (5400R), `K.15.18.0024` (older single-letter families), `Z.14.31` (6120 blade switches). The
/// sysDescr says `revision WC.16.11.0012, ROM WC.16.01.0009`: the ROM is the boot ROM, not the
/// running software.
///
/// Order: only images of the same family compare (`WC` and `KB` are different platforms, even at
/// the same numbers); then the numbers (`16.10.0015` < `16.11.0001`).
struct ArubaOSSwitchVersion: SchemeVersion {
    var platform: String
    var numbers: [Int]

    static func parse(_ cursor: inout VersionCursor) -> ArubaOSSwitchVersion? {
        let platform = cursor.run(while: \.isLetter)
        guard (1...2).contains(platform.utf8.count), cursor.consume(UInt8(ascii: ".")),
            let numbers = cursor.dottedNumbers(limit: 3), numbers.count >= 2
        else { return nil }
        return ArubaOSSwitchVersion(platform: platform.uppercased(), numbers: numbers)
    }

    var train: String? { platform }

    func compare(to other: ArubaOSSwitchVersion) -> VersionComparison {
        guard platform == other.platform else {
            return .unknown(.init(.platformMismatch, "images for different platforms (\(platform) and \(other.platform))"))
        }
        return .of(numbers: numbers, other.numbers)
    }
}
