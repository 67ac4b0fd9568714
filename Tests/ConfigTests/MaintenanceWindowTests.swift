import Config
import Foundation
import Testing

struct MaintenanceWindowTests {
    let formatter = ISO8601DateFormatter()

    @Test func weeklyWindowFollowsItsTimeZoneAcrossDaylightSaving() throws {
        // Sundays 02:30-04:30 Berlin time, which is 01:30 UTC in winter and 00:30 UTC in summer.
        let window = MaintenanceWindow(schedule: .weekly(days: [.sun], hour: 2, minute: 30, duration: .seconds(7_200),
                                                         timeZone: "Europe/Berlin"))
        func active(_ text: String) -> Bool { window.isActive(at: formatter.date(from: text)!) }
        #expect(active("2026-01-04T01:30:00Z"))   // winter, start
        #expect(active("2026-01-04T03:29:59Z"))
        #expect(!active("2026-01-04T03:30:00Z"))  // end is exclusive
        #expect(!active("2026-01-04T01:29:59Z"))
        #expect(!active("2026-01-05T01:30:00Z"))  // Monday
        #expect(active("2026-07-05T00:30:00Z"))   // summer (CEST)
        #expect(!active("2026-07-05T02:30:00Z"))
    }

    @Test func windowCrossingMidnightCoversTheNextDay() {
        let window = MaintenanceWindow(schedule: .weekly(days: [.sat], hour: 22, minute: 0, duration: .seconds(4 * 3_600),
                                                         timeZone: "UTC"))
        #expect(window.isActive(at: formatter.date(from: "2026-01-04T01:59:00Z")!))  // Sunday morning
        #expect(!window.isActive(at: formatter.date(from: "2026-01-04T02:00:00Z")!))
    }

    @Test func oneOffWindow() throws {
        let config = try Fixture.config(Fixture.minimal.replacingOccurrences(of: "  credentials: [c]\n", with: """
              credentials: [c]
              maintenance:
                - name: move
                  once: { from: "2030-05-01T20:00:00+02:00", to: "2030-05-01T23:00:00+02:00" }

            """))
        let window = try #require(config.defaults.maintenance.first)
        #expect(window.name == "move")
        #expect(window.isActive(at: formatter.date(from: "2030-05-01T18:00:00Z")!))
        #expect(!window.isActive(at: formatter.date(from: "2030-05-01T21:00:00Z")!))
    }
}
