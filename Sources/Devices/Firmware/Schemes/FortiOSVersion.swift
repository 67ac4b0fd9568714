/// Fortinet FortiOS: `[v]MAJOR.MINOR.PATCH[,build NNNN[,YYMMDD]] [(LABEL)]`.
///
/// As `get system status` and FORTINET-FORTIGATE-MIB `fgSysVersion` print it:
/// `v7.2.8,build1639,240313 (GA.M)`; also `v7.2.8 build1639`, `7.2.8`, and the image-name form
/// `v7.2.8.M-build1639`. The date and the maturity label (`GA.M` mature, `GA.F` feature, `Interim`,
/// `Beta`) are kept as written but do not order.
///
/// Order: major, minor, patch, then — when both state one — the build number (special builds of
/// one patch release differ only in build).
struct FortiOSVersion: SchemeVersion {
    var numbers: [Int]
    var build: Int?
    var label: String?

    static func parse(_ cursor: inout VersionCursor) -> FortiOSVersion? {
        _ = cursor.consume(UInt8(ascii: "v")) || cursor.consume(UInt8(ascii: "V"))
        guard let numbers = cursor.dottedNumbers(limit: 3), numbers.count == 3 else { return nil }
        var version = FortiOSVersion(numbers: numbers, build: nil, label: nil)
        // Image-name maturity: v7.2.8.M-build1639
        if cursor.peek == UInt8(ascii: "."), let letter = cursor.peek(at: 1),
            letter == UInt8(ascii: "M") || letter == UInt8(ascii: "F"), cursor.peek(at: 2) == UInt8(ascii: "-")
        {
            cursor.index += 2
        }
        let beforeBuild = cursor
        if cursor.consume(UInt8(ascii: ",")) || cursor.consume(UInt8(ascii: "-")) || cursor.peek == UInt8(ascii: " ") {
            cursor.skipSpaces()
            if cursor.consume(caseInsensitive: "build") {
                cursor.skipSpaces()
                version.build = cursor.number()
            }
            if version.build == nil { cursor = beforeBuild }
        }
        if version.build != nil {
            let beforeDate = cursor
            if !(cursor.consume(UInt8(ascii: ",")) && cursor.number() != nil) { cursor = beforeDate }
        }
        let beforeLabel = cursor
        cursor.skipSpaces()
        if cursor.consume(UInt8(ascii: "(")) {
            let label = cursor.run { $0.isAlphanumeric || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "-") }
            if !label.isEmpty, cursor.consume(UInt8(ascii: ")")) {
                version.label = label
            } else {
                cursor = beforeLabel
            }
        } else {
            cursor = beforeLabel
        }
        return version
    }

    func compare(to other: FortiOSVersion) -> VersionComparison {
        VersionComparison.of(numbers: numbers, other.numbers).then(.ifBoth(build, other.build))
    }

    static func == (lhs: FortiOSVersion, rhs: FortiOSVersion) -> Bool {
        lhs.numbers == rhs.numbers && lhs.build == rhs.build
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(numbers)
        hasher.combine(build)
    }
}
