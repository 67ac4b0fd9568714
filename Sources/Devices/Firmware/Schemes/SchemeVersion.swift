/// A version parsed under one scheme: the scheme's own components and ordering rules.
///
/// Each conforming type reads the longest version it recognises at a cursor and orders two of its
/// own values. ``FirmwareVersion`` holds one of these behind the scheme it was parsed under.
protocol SchemeVersion: Sendable, Hashable {
    /// Reads a version at the cursor and leaves the cursor after it; `nil` when there is none
    /// (the caller restores the cursor).
    static func parse(_ cursor: inout VersionCursor) -> Self?

    /// How `self` relates to `other`. Unknown reasons describe the difference ("release trains E
    /// and M"); ``FirmwareVersion`` adds the two versions' texts.
    func compare(to other: Self) -> VersionComparison

    /// The release train, platform or variant the version belongs to, when the scheme has one.
    var train: String? { get }
}

extension SchemeVersion {
    var train: String? { nil }

    /// Compares with a version of any scheme type; `nil` when `other` is not of this type.
    func compare(toAny other: any SchemeVersion) -> VersionComparison? {
        guard let other = other as? Self else { return nil }
        return compare(to: other)
    }

    func isEqual(toAny other: any SchemeVersion) -> Bool {
        guard let other = other as? Self else { return false }
        return self == other
    }
}

/// A number with the lowercase letters that follow it: `4a` in NX-OS `10.3(4a)M`.
struct NumberAndLetters: Sendable, Hashable {
    var number: Int
    var letters: String

    /// Reads `N[a-z]*(.N[a-z]*)*`.
    static func parseList(_ cursor: inout VersionCursor) -> [NumberAndLetters]? {
        var parts: [NumberAndLetters] = []
        repeat {
            guard let number = cursor.number() else { return nil }
            parts.append(NumberAndLetters(number: number, letters: cursor.run(while: \.isLowercase)))
        } while cursor.peek == UInt8(ascii: ".") && cursor.peek(at: 1)?.isDigit == true && cursor.consume(UInt8(ascii: "."))
        return parts
    }

    /// Orders two lists part by part; a missing part counts as `0`.
    static func compare(_ lhs: [NumberAndLetters], _ rhs: [NumberAndLetters]) -> VersionComparison {
        let zero = NumberAndLetters(number: 0, letters: "")
        for index in 0..<max(lhs.count, rhs.count) {
            let left = index < lhs.count ? lhs[index] : zero
            let right = index < rhs.count ? rhs[index] : zero
            let order = VersionComparison.of(left.number, right.number)
                .then(.of(letters: left.letters, right.letters))
            if order != .same { return order }
        }
        return .same
    }
}
