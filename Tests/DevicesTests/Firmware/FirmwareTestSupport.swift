import Devices
import Testing

/// What a comparison should give, written in test tables.
enum Expected: Sendable, Equatable, CustomStringConvertible {
    case older
    case same
    case newer
    case unknown(VersionComparison.UnknownReason.Code)

    var reversed: Expected {
        switch self {
        case .older: .newer
        case .newer: .older
        case .same, .unknown: self
        }
    }

    func matches(_ comparison: VersionComparison) -> Bool {
        switch (self, comparison) {
        case (.older, .older), (.same, .same), (.newer, .newer): true
        case let (.unknown(code), .unknown(reason)): code == reason.code
        default: false
        }
    }

    var description: String {
        switch self {
        case .older: "<"
        case .same: "=="
        case .newer: ">"
        case .unknown(let code): "?(\(code))"
        }
    }
}

/// One row of an ordering table: `lhs` compared with `rhs` under `scheme` should give `expected`.
struct OrderingCase: Sendable, CustomTestStringConvertible {
    let scheme: VersionScheme
    let lhs: String
    let expected: Expected
    let rhs: String

    init(_ scheme: VersionScheme, _ lhs: String, _ expected: Expected, _ rhs: String) {
        self.scheme = scheme
        self.lhs = lhs
        self.expected = expected
        self.rhs = rhs
    }

    var testDescription: String { "\(scheme): \(lhs) \(expected) \(rhs)" }
}

/// Checks a comparison both ways round: `rhs` against `lhs` must give the reverse.
func expectOrdering(_ row: OrderingCase, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let lhs = try FirmwareVersion(row.lhs, scheme: row.scheme)
    let rhs = try FirmwareVersion(row.rhs, scheme: row.scheme)
    let forward = lhs.compare(to: rhs)
    let backward = rhs.compare(to: lhs)
    #expect(row.expected.matches(forward), "\(row.lhs) vs \(row.rhs): \(forward)", sourceLocation: sourceLocation)
    #expect(row.expected.reversed.matches(backward), "\(row.rhs) vs \(row.lhs): \(backward)", sourceLocation: sourceLocation)
    #expect(lhs.compare(to: lhs) == .same, sourceLocation: sourceLocation)
}

/// Checks that a list of versions is strictly ascending, every pair of it, not only neighbours.
func expectAscending(_ scheme: VersionScheme, _ texts: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
    let versions = try texts.map { try FirmwareVersion($0, scheme: scheme) }
    for i in versions.indices {
        for j in versions.indices where i < j {
            let order = versions[i].compare(to: versions[j])
            #expect(order == .older, "\(versions[i]) vs \(versions[j]): \(order)", sourceLocation: sourceLocation)
            #expect(versions[j].compare(to: versions[i]) == .newer, sourceLocation: sourceLocation)
        }
    }
}

/// Checks that a text is not a version of the scheme, with the right error code.
func expectMalformed(_ scheme: VersionScheme, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(sourceLocation: sourceLocation) {
        try FirmwareVersion(text, scheme: scheme)
    } throws: { error in
        guard let error = error as? FirmwareError else { return false }
        return error.code == .malformedVersion || error.code == .emptyVersion
    }
}
