/// ArubaOS-CX: `[PLATFORM.]MAJOR.MINOR.BUILD`.
///
/// `10.13.1000` as release notes write it; `FL.10.13.1000` (6300), `LL.10.10.1040` (6200) or
/// `GL.10.11.1021` (8360) as the switch reports its image.
///
/// Order: when both name a platform, they must match; then the numbers.
struct ArubaOSCXVersion: SchemeVersion {
    var platform: String?
    var numbers: [Int]

    static func parse(_ cursor: inout VersionCursor) -> ArubaOSCXVersion? {
        var platform: String?
        if cursor.peek?.isLetter == true {
            let letters = cursor.run(while: \.isLetter)
            guard letters.utf8.count == 2, cursor.consume(UInt8(ascii: ".")) else { return nil }
            platform = letters.uppercased()
        }
        guard let numbers = cursor.dottedNumbers(limit: 3), numbers.count == 3 else { return nil }
        return ArubaOSCXVersion(platform: platform, numbers: numbers)
    }

    var train: String? { platform }

    func compare(to other: ArubaOSCXVersion) -> VersionComparison {
        if let platform, let otherPlatform = other.platform, platform != otherPlatform {
            return .unknown(.init(.platformMismatch, "images for different platforms (\(platform) and \(otherPlatform))"))
        }
        return .of(numbers: numbers, other.numbers)
    }
}
