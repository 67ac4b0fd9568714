/// A firmware version, parsed once under a ``VersionScheme``.
///
/// Equality is structural: two versions are equal when the scheme and every parsed component
/// match, whatever the spelling (`17.09.04a` equals `17.9.4a`). Ordering is partial and lives in
/// ``compare(to:)``, which returns ``VersionComparison/unknown(_:)`` rather than guess: there is
/// deliberately no `Comparable` conformance.
///
/// ```swift
/// let running = try FirmwareVersion("15.2(7)E3", scheme: .ciscoIOS)
/// let minimum = try FirmwareVersion("15.2(7)E4", scheme: .ciscoIOS)
/// running.compare(to: minimum)  // .older
/// ```
public struct FirmwareVersion: Sendable, Hashable, CustomStringConvertible {
    /// The scheme the version was parsed under.
    public let scheme: VersionScheme
    /// The version as written, trimmed: `v7.2.8,build1639,240313 (GA.M)`.
    public let text: String
    let parsed: any SchemeVersion

    init(scheme: VersionScheme, text: String, parsed: any SchemeVersion) {
        self.scheme = scheme
        self.text = text
        self.parsed = parsed
    }

    /// Parses a version that is the whole of `text` (surrounding whitespace is ignored).
    ///
    /// To find a version inside a longer text such as a sysDescr, use ``VersionScheme/extract(from:)``.
    /// - Parameters:
    ///   - text: The version alone, as the device or the vendor writes it.
    ///   - scheme: The numbering scheme to read it under.
    /// - Throws: ``FirmwareError/Code/emptyVersion`` for blank text,
    ///   ``FirmwareError/Code/malformedVersion`` when the text is not a whole version of `scheme`.
    public init(_ text: String, scheme: VersionScheme) throws(FirmwareError) {
        let trimmed = text.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty else { throw FirmwareError(.emptyVersion, "empty \(scheme.displayName) version") }
        var cursor = VersionCursor(trimmed)
        guard let parsed = scheme.versionType.parse(&cursor), cursor.isAtEnd else {
            throw FirmwareError(
                .malformedVersion, "'\(trimmed)' is not a \(scheme.displayName) version (like \(scheme.example))")
        }
        self.init(scheme: scheme, text: trimmed, parsed: parsed)
    }

    /// How this version relates to `other`: ``VersionComparison/older`` when this one is older.
    ///
    /// - Returns: ``VersionComparison/unknown(_:)`` for versions of different schemes, and whenever
    ///   the scheme's rules (see ``VersionScheme``) leave the order open.
    public func compare(to other: FirmwareVersion) -> VersionComparison {
        guard scheme == other.scheme, let result = parsed.compare(toAny: other.parsed) else {
            return .unknown(.init(
                .schemeMismatch,
                "\(self) is a \(scheme.displayName) version and \(other) a \(other.scheme.displayName) version"))
        }
        if case .unknown(let why) = result {
            return .unknown(.init(why.code, "\(self) and \(other): \(why.reason)"))
        }
        return result
    }

    /// The release train, platform prefix or build variant the version belongs to, when its scheme
    /// has one: `E` for Cisco `15.2(7)E3`, `WC` for ArubaOS-Switch `WC.16.11.0012`, `R` or `X49`
    /// for Junos, `evolved` for Junos Evolved. `nil` for mainline or train-less versions.
    public var train: String? { parsed.train }

    public var description: String { text }

    public static func == (lhs: FirmwareVersion, rhs: FirmwareVersion) -> Bool {
        lhs.scheme == rhs.scheme && lhs.parsed.isEqual(toAny: rhs.parsed)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(scheme)
        hasher.combine(parsed)
    }
}

// MARK: - Codable

extension FirmwareVersion: Codable {
    enum CodingKeys: String, CodingKey {
        case scheme
        case version
    }

    /// Decodes `{"scheme": "junos", "version": "21.4R3-S5"}`; the version must parse under the scheme.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let scheme = try container.decode(VersionScheme.self, forKey: .scheme)
        let text = try container.decode(String.self, forKey: .version)
        do {
            try self.init(text, scheme: scheme)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .version, in: container, debugDescription: error.reason)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scheme, forKey: .scheme)
        try container.encode(text, forKey: .version)
    }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let utf8 = Array(self.utf8)
        var start = 0
        var end = utf8.count
        while start < end, utf8[start].isWhitespace { start += 1 }
        while end > start, utf8[end - 1].isWhitespace { end -= 1 }
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }
}
