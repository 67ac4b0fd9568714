/// Cisco ASA software: `MAJOR.MINOR(MAINT[.INTERIM])[REBUILD]`.
///
/// `9.16(4)19` is the 19th rebuild of maintenance release `9.16(4)`; `9.16(4.19)` an interim
/// (engineering) build on the way to the next one. The same numbering serves ASDM (`7.18(1)152`).
///
/// Order: major, minor, maintenance, then the rebuild (absent counts as 0). Two interim builds
/// order by interim number; an interim build against a release of the same maintenance number is
/// unknown, since Cisco numbers the two sequences independently.
struct CiscoASAVersion: SchemeVersion {
    var major: Int
    var minor: Int
    var maintenance: Int
    var interim: Int?
    var rebuild: Int?

    static func parse(_ cursor: inout VersionCursor) -> CiscoASAVersion? {
        guard let major = cursor.number(), cursor.consume(UInt8(ascii: ".")),
            let minor = cursor.number(), cursor.consume(UInt8(ascii: "(")),
            let maintenance = cursor.number()
        else { return nil }
        var interim: Int?
        if cursor.consume(UInt8(ascii: ".")) {
            guard let number = cursor.number() else { return nil }
            interim = number
        }
        guard cursor.consume(UInt8(ascii: ")")) else { return nil }
        return CiscoASAVersion(
            major: major, minor: minor, maintenance: maintenance, interim: interim, rebuild: cursor.number())
    }

    func compare(to other: CiscoASAVersion) -> VersionComparison {
        let release = VersionComparison.of(major, other.major)
            .then(.of(minor, other.minor))
            .then(.of(maintenance, other.maintenance))
        guard release == .same else { return release }
        switch (interim, other.interim) {
        case (nil, nil):
            return .of(rebuild ?? 0, other.rebuild ?? 0)
        case let (left?, right?):
            return VersionComparison.of(left, right).then(.of(rebuild ?? 0, other.rebuild ?? 0))
        default:
            return .unknown(.init(.ambiguous, "an interim build and a release of the same maintenance release"))
        }
    }
}
