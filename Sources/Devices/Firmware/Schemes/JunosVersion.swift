/// Juniper Junos OS: `MAJOR.MINOR TYPE N [-D N] [-S N] [.RESPIN] [-EVO]`.
///
/// `21.4R3-S5.4` is feature release 21.4, release type `R` (regular), maintenance release 3,
/// service release 5, respin (build) 4. `15.1X49-D200.5` is special train `X49` of 15.1, D
/// release 200. `22.4R2-S2.6-EVO` is Junos OS Evolved. Other type letters: `F` (feature velocity,
/// `15.1F6`), `B` (beta), `I` (internal).
///
/// Order: Junos and Junos Evolved never compare; feature release (`15.1X49-D200` < `18.4R3`); then,
/// inside one feature release only when the type letters match (and for `X`, the train number),
/// maintenance number, D release, service release (none counts as 0, so `21.4R3` <
/// `21.4R3-S1` < `21.4R4`) and, when both state one, respin.
struct JunosVersion: SchemeVersion {
    var major: Int
    var minor: Int
    var type: String
    var typeNumber: Int
    var dRelease: Int?
    var service: Int?
    var respin: Int?
    var evolved: Bool

    static func parse(_ cursor: inout VersionCursor) -> JunosVersion? {
        guard let major = cursor.number(), cursor.consume(UInt8(ascii: ".")),
            let minor = cursor.number(),
            let typeByte = cursor.peek, typeByte.isUppercase
        else { return nil }
        cursor.index += 1
        guard let typeNumber = cursor.number() else { return nil }
        var version = JunosVersion(
            major: major, minor: minor, type: String(UnicodeScalar(typeByte)), typeNumber: typeNumber,
            dRelease: nil, service: nil, respin: nil, evolved: false)
        version.dRelease = suffix("-D", &cursor)
        version.service = suffix("-S", &cursor)
        if cursor.peek == UInt8(ascii: "."), cursor.peek(at: 1)?.isDigit == true {
            cursor.index += 1
            version.respin = cursor.number()
        }
        let beforeEVO = cursor
        if cursor.consume(caseInsensitive: "-EVO") {
            if cursor.peek?.isAlphanumeric == true { cursor = beforeEVO } else { version.evolved = true }
        }
        return version
    }

    /// Reads `-D200` or `-S5`; `nil` and no move otherwise.
    private static func suffix(_ marker: String, _ cursor: inout VersionCursor) -> Int? {
        let save = cursor
        guard cursor.consume(caseInsensitive: marker), let number = cursor.number() else {
            cursor = save
            return nil
        }
        return number
    }

    var train: String? {
        let base = type == "X" ? "X\(typeNumber)" : type
        return evolved ? "\(base)-EVO" : base
    }

    func compare(to other: JunosVersion) -> VersionComparison {
        guard evolved == other.evolved else {
            return .unknown(.init(.variantMismatch, "Junos OS and Junos OS Evolved are different systems"))
        }
        let feature = VersionComparison.of(major, other.major).then(.of(minor, other.minor))
        guard feature == .same else { return feature }
        guard type == other.type, type != "X" || typeNumber == other.typeNumber else {
            return .unknown(.init(.trainMismatch, "different release types (\(train ?? type) and \(other.train ?? other.type)) of \(major).\(minor)"))
        }
        return VersionComparison.of(typeNumber, other.typeNumber)
            .then(.of(dRelease ?? 0, other.dRelease ?? 0))
            .then(.of(service ?? 0, other.service ?? 0))
            .then(.ifBoth(respin, other.respin))
    }
}
