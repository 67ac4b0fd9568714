#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// The firmware expectations for one vendor, OS and model family: a minimum and a recommended
/// version and the family's end-of-life and end-of-support dates.
///
/// A policy is validated when made: its versions are of its scheme, the recommended version is
/// not older than the minimum, and end of support does not come before end of life. Which devices
/// a policy applies to, and loading policies from configuration, are the caller's business; the
/// type is `Codable` as
///
/// ```yaml
/// scheme: ciscoIOS
/// minimum: 15.2(7)E3
/// recommended: 15.2(7)E10
/// endOfLife: 2024-10-31
/// endOfSupport: 2027-10-31
/// source: Cisco EoL bulletin and Software Download recommended release, checked 2024-05
/// ```
public struct FirmwarePolicy: Sendable, Hashable {
    /// The numbering scheme of the family's firmware; versions are read under it.
    public let scheme: VersionScheme
    /// Below this, the firmware is ``FirmwareStatus/Kind/belowMinimum``.
    public let minimum: FirmwareVersion?
    /// Below this (and at or above the minimum), the firmware is ``FirmwareStatus/Kind/belowRecommended``.
    public let recommended: FirmwareVersion?
    /// From this day on, the family is ``FirmwareStatus/Kind/endOfLife``.
    public let endOfLife: CalendarDay?
    /// From this day on, the family is ``FirmwareStatus/Kind/endOfSupport``.
    public let endOfSupport: CalendarDay?
    /// Where the figures come from (a bulletin, a release note, a date checked), for people.
    public let source: String?

    /// A policy from parsed values.
    /// - Throws: ``FirmwareError/Code/schemeMismatch`` when a version is not of `scheme`;
    ///   ``FirmwareError/Code/inconsistentPolicy`` when `recommended` is older than `minimum` or
    ///   `endOfSupport` comes before `endOfLife`.
    public init(
        scheme: VersionScheme,
        minimum: FirmwareVersion? = nil,
        recommended: FirmwareVersion? = nil,
        endOfLife: CalendarDay? = nil,
        endOfSupport: CalendarDay? = nil,
        source: String? = nil
    ) throws(FirmwareError) {
        for version in [minimum, recommended].compactMap(\.self) where version.scheme != scheme {
            throw FirmwareError(
                .schemeMismatch, "\(version) is a \(version.scheme.displayName) version in a \(scheme.displayName) policy")
        }
        if let minimum, let recommended, recommended.compare(to: minimum) == .older {
            throw FirmwareError(.inconsistentPolicy, "recommended \(recommended) is older than minimum \(minimum)")
        }
        if let endOfLife, let endOfSupport, endOfSupport < endOfLife {
            throw FirmwareError(.inconsistentPolicy, "end of support \(endOfSupport) comes before end of life \(endOfLife)")
        }
        self.scheme = scheme
        self.minimum = minimum
        self.recommended = recommended
        self.endOfLife = endOfLife
        self.endOfSupport = endOfSupport
        self.source = source
    }

    /// A policy from the texts a configuration file holds.
    /// - Parameters:
    ///   - minimum: A version of `scheme`, or `nil`.
    ///   - recommended: A version of `scheme`, or `nil`.
    ///   - endOfLife: `YYYY-MM-DD`, or `nil`.
    ///   - endOfSupport: `YYYY-MM-DD`, or `nil`.
    /// - Throws: ``FirmwareError/Code/malformedVersion``, ``FirmwareError/Code/invalidDate``, or
    ///   what ``init(scheme:minimum:recommended:endOfLife:endOfSupport:source:)`` throws.
    public static func parse(
        scheme: VersionScheme,
        minimum: String? = nil,
        recommended: String? = nil,
        endOfLife: String? = nil,
        endOfSupport: String? = nil,
        source: String? = nil
    ) throws(FirmwareError) -> FirmwarePolicy {
        func version(_ text: String?) throws(FirmwareError) -> FirmwareVersion? {
            guard let text else { return nil }
            return try FirmwareVersion(text, scheme: scheme)
        }
        func day(_ text: String?) throws(FirmwareError) -> CalendarDay? {
            guard let text else { return nil }
            return try CalendarDay(text)
        }
        return try FirmwarePolicy(
            scheme: scheme, minimum: version(minimum), recommended: version(recommended),
            endOfLife: day(endOfLife), endOfSupport: day(endOfSupport), source: source)
    }

    // MARK: - Evaluation

    /// Evaluates a device's firmware version at an instant (its UTC day).
    ///
    /// - Parameters:
    ///   - version: The version the device runs; `nil` when it reported none.
    ///   - date: When to evaluate, usually now.
    /// - Returns: The worst status that applies, with the reason in words.
    public func evaluate(version: FirmwareVersion?, at date: Date) -> FirmwareStatus {
        evaluate(version: version, on: CalendarDay(date))
    }

    /// Evaluates the version found in a text the device reported (a sysDescr, an enterprise MIB
    /// string), read with ``VersionScheme/extract(from:)`` under the policy's scheme.
    public func evaluate(reported text: String, at date: Date) -> FirmwareStatus {
        guard let version = scheme.extract(from: text) else {
            let dates = dateStatus(on: CalendarDay(date))
            let reason = "no \(scheme.displayName) version found in '\(text.prefix(120))'"
            if let dates { return FirmwareStatus(dates.kind, "\(dates.reason); \(reason)") }
            return FirmwareStatus(.unknown, reason)
        }
        return evaluate(version: version, at: date)
    }

    /// Evaluates a device's firmware version on a calendar day.
    ///
    /// A passed end-of-support or end-of-life date decides the status whatever the version (the
    /// version's standing is added to the reason); otherwise the version is compared with the
    /// minimum and the recommended version. A comparison that is
    /// ``VersionComparison/unknown(_:)`` makes the status ``FirmwareStatus/Kind/unknown``, unless
    /// the other comparison already shows the version to be below a figure.
    public func evaluate(version: FirmwareVersion?, on day: CalendarDay) -> FirmwareStatus {
        let versionStatus = versionStatus(version)
        if let dates = dateStatus(on: day) {
            return FirmwareStatus(dates.kind, "\(dates.reason); \(versionStatus.reason)")
        }
        return versionStatus
    }

    private func dateStatus(on day: CalendarDay) -> FirmwareStatus? {
        if let endOfSupport, day >= endOfSupport {
            return FirmwareStatus(.endOfSupport, "end of support was \(endOfSupport)")
        }
        if let endOfLife, day >= endOfLife {
            let support = endOfSupport.map { " (end of support \($0))" } ?? ""
            return FirmwareStatus(.endOfLife, "end of life was \(endOfLife)\(support)")
        }
        return nil
    }

    private func versionStatus(_ version: FirmwareVersion?) -> FirmwareStatus {
        guard let version else {
            return FirmwareStatus(.unknown, "no \(scheme.displayName) version reported")
        }
        guard version.scheme == scheme else {
            return FirmwareStatus(
                .unknown, "\(version) is a \(version.scheme.displayName) version, the policy is for \(scheme.displayName)")
        }
        let againstMinimum = minimum.map { version.compare(to: $0) }
        let againstRecommended = recommended.map { version.compare(to: $0) }
        if let minimum, againstMinimum == .older {
            return FirmwareStatus(.belowMinimum, "\(version) is below the minimum \(minimum)")
        }
        if let recommended, againstRecommended == .older {
            var reason = "\(version) is below the recommended \(recommended)"
            if case .unknown(let why)? = againstMinimum { reason += "; against the minimum: \(why.reason)" }
            return FirmwareStatus(.belowRecommended, reason)
        }
        if let minimum, case .unknown(let why)? = againstMinimum {
            return FirmwareStatus(.unknown, "cannot compare \(version) with the minimum \(minimum): \(why.reason)")
        }
        if let recommended, case .unknown(let why)? = againstRecommended {
            return FirmwareStatus(
                .unknown, "cannot compare \(version) with the recommended \(recommended): \(why.reason)")
        }
        if let recommended {
            return FirmwareStatus(.current, "\(version) is at or above the recommended \(recommended)")
        }
        if let minimum {
            return FirmwareStatus(.current, "\(version) is at or above the minimum \(minimum)")
        }
        return FirmwareStatus(.current, "the policy sets no minimum or recommended version")
    }
}

// MARK: - Codable

extension FirmwarePolicy: Codable {
    enum CodingKeys: String, CodingKey {
        case scheme
        case minimum
        case recommended
        case endOfLife
        case endOfSupport
        case source
    }

    /// Decodes the keys `scheme` (required), `minimum`, `recommended` (versions of the scheme),
    /// `endOfLife`, `endOfSupport` (`YYYY-MM-DD`) and `source`, then validates like
    /// ``init(scheme:minimum:recommended:endOfLife:endOfSupport:source:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let scheme = try container.decode(VersionScheme.self, forKey: .scheme)
        func version(_ key: CodingKeys) throws -> FirmwareVersion? {
            guard let text = try container.decodeIfPresent(String.self, forKey: key) else { return nil }
            do {
                return try FirmwareVersion(text, scheme: scheme)
            } catch {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: error.reason)
            }
        }
        let minimum = try version(.minimum)
        let recommended = try version(.recommended)
        let endOfLife = try container.decodeIfPresent(CalendarDay.self, forKey: .endOfLife)
        let endOfSupport = try container.decodeIfPresent(CalendarDay.self, forKey: .endOfSupport)
        let source = try container.decodeIfPresent(String.self, forKey: .source)
        do {
            try self.init(
                scheme: scheme, minimum: minimum, recommended: recommended,
                endOfLife: endOfLife, endOfSupport: endOfSupport, source: source)
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.reason))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scheme, forKey: .scheme)
        try container.encodeIfPresent(minimum?.text, forKey: .minimum)
        try container.encodeIfPresent(recommended?.text, forKey: .recommended)
        try container.encodeIfPresent(endOfLife, forKey: .endOfLife)
        try container.encodeIfPresent(endOfSupport, forKey: .endOfSupport)
        try container.encodeIfPresent(source, forKey: .source)
    }
}
