/// Cisco IOS: `MAJOR.MINOR(MAINT[rebuild letters][.INTERIM])[TRAIN[REBUILD[letters]]]`.
///
/// `15.2(7)E3` is feature release 15.2, maintenance release 7, train `E`, rebuild 3;
/// `15.1(4)M12a` a lettered rebuild of `15.1(4)M12`; `12.4(25g)` the 7th rebuild of mainline
/// `12.4(25)`; `12.4(24.6)T` an interim build. The `(fc2)` after a version in a banner is a
/// freeze-candidate label, not part of the version.
///
/// Order: feature release (`15.0` < `15.2`), then — inside one feature release only when the
/// trains match (mainline counts as a train) — maintenance number and letters, rebuild number and
/// rebuild letters. An interim build against a release of the same maintenance number is unknown.
struct CiscoIOSVersion: SchemeVersion {
    var major: Int
    var minor: Int
    var maintenance: Int
    var maintenanceLetters: String
    var interim: Int?
    /// Uppercase train letters; empty for mainline.
    var trainLetters: String
    var rebuild: Int
    var rebuildLetters: String

    static func parse(_ cursor: inout VersionCursor) -> CiscoIOSVersion? {
        guard let major = cursor.number(), cursor.consume(UInt8(ascii: ".")),
            let minor = cursor.number(), cursor.consume(UInt8(ascii: "(")),
            let maintenance = cursor.number()
        else { return nil }
        let maintenanceLetters = cursor.run(while: \.isLowercase)
        var interim: Int?
        if cursor.consume(UInt8(ascii: ".")) {
            guard let number = cursor.number() else { return nil }
            interim = number
        }
        guard cursor.consume(UInt8(ascii: ")")) else { return nil }
        let trainLetters = cursor.run(while: \.isUppercase)
        var rebuild = 0
        var rebuildLetters = ""
        if !trainLetters.isEmpty, let number = cursor.number() {
            rebuild = number
            rebuildLetters = cursor.run(while: \.isLowercase)
        }
        return CiscoIOSVersion(
            major: major, minor: minor, maintenance: maintenance, maintenanceLetters: maintenanceLetters,
            interim: interim, trainLetters: trainLetters, rebuild: rebuild, rebuildLetters: rebuildLetters)
    }

    var train: String? { trainLetters.isEmpty ? nil : trainLetters }

    private var trainName: String { trainLetters.isEmpty ? "mainline" : trainLetters }

    func compare(to other: CiscoIOSVersion) -> VersionComparison {
        let feature = VersionComparison.of(major, other.major).then(.of(minor, other.minor))
        guard feature == .same else { return feature }
        guard trainLetters == other.trainLetters else {
            return .unknown(.init(
                .trainMismatch,
                "different release trains (\(trainName) and \(other.trainName)) of \(major).\(minor)"))
        }
        let maintenanceOrder = VersionComparison.of(maintenance, other.maintenance)
            .then(.of(letters: maintenanceLetters, other.maintenanceLetters))
        guard maintenanceOrder == .same else { return maintenanceOrder }
        switch (interim, other.interim) {
        case (nil, nil):
            break
        case let (left?, right?):
            let order = VersionComparison.of(left, right)
            guard order == .same else { return order }
        default:
            return .unknown(.init(.ambiguous, "an interim build and a release of the same maintenance release"))
        }
        return VersionComparison.of(rebuild, other.rebuild).then(.of(letters: rebuildLetters, other.rebuildLetters))
    }
}
