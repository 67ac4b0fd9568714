/// Cisco IOS XE: `MAJOR.MINOR.PATCH[letters][[.]TRAIN]`.
///
/// 16.x and later: `17.9.4a` (the `a` is a rebuild: `17.9.4` < `17.9.4a` < `17.9.4b` < `17.9.5`);
/// `show version` zero-pads (`17.09.04a`), which is the same version. 3.x carried a train letter:
/// `03.06.06E`, `3.16.5S`, `03.11.03a.E`.
///
/// Order: feature release (`3.16` < `16.12` < `17.9`), then — inside one feature release only when
/// the trains match — patch and rebuild letters. Many 3.x routers report their IOSd version
/// (`15.5(3)S5`) in sysDescr instead: that is ``VersionScheme/ciscoIOS``.
struct CiscoIOSXEVersion: SchemeVersion {
    var major: Int
    var minor: Int
    var patch: Int
    var letters: String
    /// Uppercase train letters of 3.x releases; empty otherwise.
    var trainLetters: String

    static func parse(_ cursor: inout VersionCursor) -> CiscoIOSXEVersion? {
        guard let numbers = cursor.dottedNumbers(limit: 3), numbers.count == 3 else { return nil }
        let letters = cursor.run(while: \.isLowercase)
        if cursor.peek == UInt8(ascii: "."), cursor.peek(at: 1)?.isUppercase == true {
            _ = cursor.consume(UInt8(ascii: "."))
        }
        let trainLetters = cursor.run(while: \.isUppercase)
        return CiscoIOSXEVersion(
            major: numbers[0], minor: numbers[1], patch: numbers[2], letters: letters, trainLetters: trainLetters)
    }

    var train: String? { trainLetters.isEmpty ? nil : trainLetters }

    func compare(to other: CiscoIOSXEVersion) -> VersionComparison {
        let feature = VersionComparison.of(major, other.major).then(.of(minor, other.minor))
        guard feature == .same else { return feature }
        guard trainLetters == other.trainLetters else {
            let left = trainLetters.isEmpty ? "none" : trainLetters
            let right = other.trainLetters.isEmpty ? "none" : other.trainLetters
            return .unknown(.init(.trainMismatch, "different release trains (\(left) and \(right)) of \(major).\(minor)"))
        }
        return VersionComparison.of(patch, other.patch).then(.of(letters: letters, other.letters))
    }
}
