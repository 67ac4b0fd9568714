import Devices
import Foundation
import Testing

@Suite struct FirmwarePolicyTests {
    /// A Catalyst 9300 family policy with made-up dates.
    let catalyst = try! FirmwarePolicy.parse(
        scheme: .ciscoIOSXE, minimum: "17.6.5", recommended: "17.9.4a",
        endOfLife: "2030-10-31", endOfSupport: "2035-10-31", source: "test figures")

    let day = try! CalendarDay("2025-06-01")

    @Test(arguments: [
        ("17.9.4a", FirmwareStatus.Kind.current), ("17.9.5", .current), ("17.12.1", .current), ("17.9.4", .belowRecommended),
        ("17.6.6", .belowRecommended), ("17.6.5", .belowRecommended), ("17.6.4", .belowMinimum), ("16.12.10a", .belowMinimum),
        ("03.07.05E", .belowMinimum),
    ])
    func versionsAgainstMinimumAndRecommended(_ text: String, _ kind: FirmwareStatus.Kind) throws {
        let status = catalyst.evaluate(version: try FirmwareVersion(text, scheme: .ciscoIOSXE), on: day)
        #expect(status.kind == kind, "\(status)")
        #expect(status.reason.contains(text))
    }

    @Test func datesDecideWhateverTheVersion() throws {
        let newest = try FirmwareVersion("17.12.1", scheme: .ciscoIOSXE)
        let old = try FirmwareVersion("16.12.10a", scheme: .ciscoIOSXE)
        #expect(catalyst.evaluate(version: newest, on: try CalendarDay("2030-10-30")).kind == .current)
        let atEndOfLife = catalyst.evaluate(version: newest, on: try CalendarDay("2030-10-31"))
        #expect(atEndOfLife.kind == .endOfLife)
        #expect(atEndOfLife.reason.contains("2030-10-31"))
        #expect(atEndOfLife.reason.contains("2035-10-31"))
        let oldAtEndOfLife = catalyst.evaluate(version: old, on: try CalendarDay("2031-01-01"))
        #expect(oldAtEndOfLife.kind == .endOfLife)
        #expect(oldAtEndOfLife.reason.contains("below the minimum"))
        #expect(catalyst.evaluate(version: old, on: try CalendarDay("2035-10-31")).kind == .endOfSupport)
        #expect(catalyst.evaluate(version: nil, on: try CalendarDay("2040-01-01")).kind == .endOfSupport)
    }

    @Test func evaluatesAtAnInstantByItsUTCDay() throws {
        let version = try FirmwareVersion("17.9.4a", scheme: .ciscoIOSXE)
        // 2030-10-30T23:59:59Z and 2030-10-31T00:00:00Z
        #expect(catalyst.evaluate(version: version, at: Date(timeIntervalSince1970: 1_919_635_199)).kind == .current)
        #expect(catalyst.evaluate(version: version, at: Date(timeIntervalSince1970: 1_919_635_200)).kind == .endOfLife)
    }

    @Test func differentTrainIsUnknownNotOutdated() throws {
        let policy = try FirmwarePolicy.parse(scheme: .ciscoIOS, minimum: "15.2(7)E3", recommended: "15.2(7)E10")
        let otherTrain = policy.evaluate(version: try FirmwareVersion("15.2(4)M11", scheme: .ciscoIOS), on: day)
        #expect(otherTrain.kind == .unknown)
        #expect(otherTrain.reason.contains("trains"))
        #expect(!otherTrain.needsAttention)
        // An older feature release is below the minimum whatever its train.
        let olderFeature = policy.evaluate(version: try FirmwareVersion("15.0(2)EX5", scheme: .ciscoIOS), on: day)
        #expect(olderFeature.kind == .belowMinimum)
        #expect(policy.evaluate(version: try FirmwareVersion("15.2(7)E3", scheme: .ciscoIOS), on: day).kind == .belowRecommended)
        #expect(policy.evaluate(version: try FirmwareVersion("15.2(7)E10", scheme: .ciscoIOS), on: day).kind == .current)
    }

    @Test func belowRecommendedEvenWhenTheMinimumIsOnAnotherTrain() throws {
        let policy = try FirmwarePolicy.parse(scheme: .junos, minimum: "15.1X49-D200", recommended: "21.4R3-S5")
        let status = policy.evaluate(version: try FirmwareVersion("15.1R7", scheme: .junos), on: day)
        #expect(status.kind == .belowRecommended)
        #expect(status.reason.contains("against the minimum"))
    }

    @Test func atMinimumButIncomparableWithRecommendedIsUnknown() throws {
        let policy = try FirmwarePolicy.parse(scheme: .panOS, minimum: "10.0.0", recommended: "10.1.14-h2")
        let status = policy.evaluate(version: try FirmwareVersion("10.1.6-c4", scheme: .panOS), on: day)
        #expect(status.kind == .unknown)
        #expect(status.reason.contains("recommended"))
    }

    @Test func missingOrForeignVersionsAreUnknown() throws {
        #expect(catalyst.evaluate(version: nil, on: day).kind == .unknown)
        let foreign = try FirmwareVersion("17.9.4", scheme: .dotted)
        #expect(catalyst.evaluate(version: foreign, on: day).kind == .unknown)
    }

    @Test func policiesWithoutVersionsOnlyJudgeDates() throws {
        let policy = try FirmwarePolicy.parse(scheme: .unifi, endOfLife: "2026-01-01")
        let version = try FirmwareVersion("4.3.28.11361", scheme: .unifi)
        #expect(policy.evaluate(version: version, on: day).kind == .current)
        #expect(policy.evaluate(version: version, on: try CalendarDay("2026-01-01")).kind == .endOfLife)
        let minimumOnly = try FirmwarePolicy.parse(scheme: .unifi, minimum: "6.5.0")
        #expect(minimumOnly.evaluate(version: version, on: day).kind == .belowMinimum)
        #expect(minimumOnly.evaluate(version: try FirmwareVersion("6.6.55", scheme: .unifi), on: day).kind == .current)
    }

    @Test func evaluatesReportedText() throws {
        let policy = try FirmwarePolicy.parse(scheme: .junos, minimum: "21.4R3-S5", recommended: "22.4R3")
        let now = Date(timeIntervalSince1970: 1_750_000_000)
        let sysDescr = "Juniper Networks, Inc. ex4300-48p Ethernet Switch, kernel JUNOS 21.4R3-S5.4, Build date: 2023-09-14 02:07:41 UTC"
        #expect(policy.evaluate(reported: sysDescr, at: now).kind == .belowRecommended)
        let nothing = policy.evaluate(reported: "Juniper Networks", at: now)
        #expect(nothing.kind == .unknown)
        #expect(nothing.reason.contains("no Junos version"))
    }

    // MARK: - Validation

    @Test func rejectsInconsistentFigures() {
        #expect(throws: FirmwareError(.inconsistentPolicy, "")) {
            try FirmwarePolicy.parse(scheme: .panOS, minimum: "10.2.9-h1", recommended: "10.2.9")
        }
        #expect(throws: FirmwareError(.inconsistentPolicy, "")) {
            try FirmwarePolicy.parse(scheme: .panOS, endOfLife: "2026-01-01", endOfSupport: "2025-12-31")
        }
        #expect(throws: FirmwareError(.malformedVersion, "")) {
            try FirmwarePolicy.parse(scheme: .panOS, minimum: "10.2")
        }
        #expect(throws: FirmwareError(.invalidDate, "")) {
            try FirmwarePolicy.parse(scheme: .panOS, endOfLife: "2026-02-30")
        }
        #expect(throws: FirmwareError(.schemeMismatch, "")) {
            try FirmwarePolicy(scheme: .panOS, minimum: try FirmwareVersion("10.2.9", scheme: .dotted))
        }
    }

    @Test func allowsIncomparableMinimumAndRecommended() throws {
        // Different trains cannot be checked against each other; the policy is the author's call.
        let policy = try FirmwarePolicy.parse(scheme: .ciscoIOS, minimum: "15.2(7)E3", recommended: "15.2(4)M11")
        #expect(policy.recommended?.text == "15.2(4)M11")
    }

    // MARK: - Codable

    @Test func decodesFromConfigurationShapedJSON() throws {
        let json = """
            {"scheme": "ios-xe", "minimum": "17.6.5", "recommended": "17.9.4a",
             "endOfLife": "2030-10-31", "endOfSupport": "2035-10-31", "source": "Cisco bulletin"}
            """
        let policy = try JSONDecoder().decode(FirmwarePolicy.self, from: Data(json.utf8))
        #expect(policy == catalyst.withSource("Cisco bulletin"))
        let again = try JSONDecoder().decode(FirmwarePolicy.self, from: JSONEncoder().encode(policy))
        #expect(again == policy)
    }

    @Test(arguments: [
        #"{"scheme": "ciscoIOS", "minimum": "17.9.4a"}"#,
        #"{"scheme": "vms", "minimum": "7.3"}"#,
        #"{"scheme": "panOS", "minimum": "10.2.9-h1", "recommended": "10.2.9"}"#,
        #"{"scheme": "panOS", "endOfLife": "31/10/2030"}"#,
        #"{"minimum": "10.2.9"}"#,
    ])
    func rejectsBadJSON(_ json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(FirmwarePolicy.self, from: Data(json.utf8))
        }
    }

    @Test func versionsRoundTripThroughJSON() throws {
        let version = try FirmwareVersion("v7.2.8,build1639,240313 (GA.M)", scheme: .fortiOS)
        let data = try JSONEncoder().encode(version)
        let decoded = try JSONDecoder().decode(FirmwareVersion.self, from: data)
        #expect(decoded == version)
        #expect(decoded.text == version.text)
    }
}

extension FirmwarePolicy {
    func withSource(_ source: String) -> FirmwarePolicy {
        try! FirmwarePolicy(
            scheme: scheme, minimum: minimum, recommended: recommended, endOfLife: endOfLife, endOfSupport: endOfSupport,
            source: source)
    }
}

@Suite struct CalendarDayTests {
    @Test(arguments: [
        (0.0, "1970-01-01"), (-1, "1969-12-31"), (951_782_400, "2000-02-29"), (1_919_635_200, "2030-10-31"),
        (4_107_542_399, "2100-02-28"), (-2_208_988_800, "1900-01-01"), (253_402_300_799, "9999-12-31"),
        (1e300, "9999-12-31"), (-1e300, "0001-01-01"), (.infinity, "9999-12-31"), (.nan, "1970-01-01"),
    ])
    func fromInstants(_ seconds: Double, _ expected: String) {
        #expect(CalendarDay(Date(timeIntervalSince1970: seconds)).description == expected)
    }

    @Test(arguments: ["2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"])
    func parses(_ text: String) throws {
        #expect(try CalendarDay(text).description == text)
    }

    @Test(arguments: ["2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "24-01-01", "2024-1-01", "2024/01/01", "0000-01-01", ""])
    func rejects(_ text: String) {
        #expect(throws: FirmwareError(.invalidDate, "")) { try CalendarDay(text) }
    }

    @Test func orders() throws {
        #expect(try CalendarDay("2024-12-31") < CalendarDay("2025-01-01"))
        #expect(try CalendarDay("2025-01-31") < CalendarDay("2025-02-01"))
        #expect(try CalendarDay(year: 2025, month: 1, day: 1) == CalendarDay("2025-01-01"))
    }
}

@Suite struct FirmwareStatusTests {
    @Test func attention() {
        #expect(FirmwareStatus(.belowMinimum, "x").needsAttention)
        #expect(FirmwareStatus(.endOfSupport, "x").needsAttention)
        #expect(!FirmwareStatus(.current, "x").needsAttention)
        #expect(!FirmwareStatus(.unknown, "x").needsAttention)
        #expect(FirmwareStatus(.unknown, "why").description == "unknown: why")
    }
}
