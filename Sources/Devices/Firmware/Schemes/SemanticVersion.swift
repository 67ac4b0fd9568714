/// Semantic Versioning 2.0.0: `[v]MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]`.
///
/// Two leniencies for what devices print: a leading `v`, and a missing minor or patch read as 0
/// (`2.1` is `2.1.0`).
///
/// Order (semver.org §11): the three numbers; then a pre-release is older than its release
/// (`1.0.0-rc.1` < `1.0.0`); pre-releases compare identifier by identifier, numeric identifiers
/// numerically and below alphanumeric ones, alphanumeric ones in ASCII order, and a shorter list
/// first when all shared identifiers are equal (`1.0.0-alpha` < `1.0.0-alpha.1` <
/// `1.0.0-alpha.beta` < `1.0.0-beta.2` < `1.0.0-beta.11` < `1.0.0-rc.1`). Build metadata does not
/// order.
struct SemanticVersion: SchemeVersion {
    var major: Int
    var minor: Int
    var patch: Int
    var preRelease: [String]
    var build: [String]

    static func parse(_ cursor: inout VersionCursor) -> SemanticVersion? {
        _ = cursor.consume(UInt8(ascii: "v")) || cursor.consume(UInt8(ascii: "V"))
        guard let numbers = cursor.dottedNumbers(limit: 3) else { return nil }
        var version = SemanticVersion(
            major: numbers[0], minor: numbers.count > 1 ? numbers[1] : 0, patch: numbers.count > 2 ? numbers[2] : 0,
            preRelease: [], build: [])
        if cursor.peek == UInt8(ascii: "-"), cursor.peek(at: 1)?.isSemverIdentifier == true {
            cursor.index += 1
            version.preRelease = identifiers(&cursor)
        }
        if cursor.peek == UInt8(ascii: "+"), cursor.peek(at: 1)?.isSemverIdentifier == true {
            cursor.index += 1
            version.build = identifiers(&cursor)
        }
        return version
    }

    /// Reads dot-separated identifiers of `[0-9A-Za-z-]`.
    private static func identifiers(_ cursor: inout VersionCursor) -> [String] {
        var identifiers: [String] = []
        repeat {
            identifiers.append(cursor.run(while: \.isSemverIdentifier))
        } while cursor.peek == UInt8(ascii: ".") && cursor.peek(at: 1)?.isSemverIdentifier == true
            && cursor.consume(UInt8(ascii: "."))
        return identifiers
    }

    func compare(to other: SemanticVersion) -> VersionComparison {
        let release = VersionComparison.of(major, other.major)
            .then(.of(minor, other.minor))
            .then(.of(patch, other.patch))
        guard release == .same else { return release }
        switch (preRelease.isEmpty, other.preRelease.isEmpty) {
        case (true, true): return .same
        case (true, false): return .newer
        case (false, true): return .older
        case (false, false): break
        }
        for (left, right) in zip(preRelease, other.preRelease) {
            let order = Self.compare(identifier: left, right)
            if order != .same { return order }
        }
        return .of(preRelease.count, other.preRelease.count)
    }

    private static func compare(identifier lhs: String, _ rhs: String) -> VersionComparison {
        switch (numericValue(lhs), numericValue(rhs)) {
        case let (left?, right?):
            // Long digit strings compare by length first, then as text: no overflow.
            return VersionComparison.of(left.count, right.count).then(.of(left, right))
        case (_?, nil): return .older
        case (nil, _?): return .newer
        case (nil, nil):
            let left = Array(lhs.utf8)
            let right = Array(rhs.utf8)
            if left == right { return .same }
            return left.lexicographicallyPrecedes(right) ? .older : .newer
        }
    }

    /// The identifier's digits without leading zeros when it is all digits.
    private static func numericValue(_ identifier: String) -> String? {
        guard !identifier.isEmpty, identifier.utf8.allSatisfy(\.isDigit) else { return nil }
        let trimmed = identifier.drop { $0 == "0" }
        return trimmed.isEmpty ? "0" : String(trimmed)
    }

    static func == (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        lhs.major == rhs.major && lhs.minor == rhs.minor && lhs.patch == rhs.patch && lhs.preRelease == rhs.preRelease
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
        hasher.combine(preRelease)
    }
}

extension UInt8 {
    fileprivate var isSemverIdentifier: Bool { isAlphanumeric || self == UInt8(ascii: "-") }
}
