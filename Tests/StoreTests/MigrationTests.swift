import Foundation
import Store
import Testing

struct MigrationTests {
    static let all = ["v1-inventory", "v1-interfaces-samples", "v1-events-alerts-outbox", "v1-syslog-traps", "v1-discovery",
                      "v2-discovery-names", "v2-syslog-index-file", "v3-parent-source", "v3-physical-inventory"]

    @Test func migratesFromEmptyAndReopensIdempotently() async throws {
        let database = try TempDatabase()
        defer { database.cleanUp() }
        #expect(!FileManager.default.fileExists(atPath: database.path))

        var store = try database.open()
        #expect(try await store.appliedMigrations() == Self.all)
        let device = try await demoDevice(store)
        try await store.close()

        // Reopening runs no migration twice and keeps the data.
        store = try database.open()
        #expect(try await store.appliedMigrations() == Self.all)
        #expect(try await store.devices.device(id: device.id) == device)
        try await store.close()

        store = try database.open()
        #expect(try await store.devices.devices(tenantID: nil, siteID: nil).count == 1)
        try await store.close()
    }

    @Test func openCreatesTheFolder() async throws {
        let database = try TempDatabase()
        defer { database.cleanUp() }
        let nested = database.folder.appendingPathComponent("a/b/store.sqlite").path
        let store = try SQLiteStore(path: nested)
        try await store.close()
        #expect(FileManager.default.fileExists(atPath: nested))
        // WAL mode: the -wal file exists while open; journal_mode is persistent in the file.
        let header = try Data(contentsOf: URL(fileURLWithPath: nested)).prefix(20)
        #expect(header[18] == 2 && header[19] == 2)  // file format version numbers 2 = WAL
    }

    @Test func aFileThatIsNotADatabaseIsAnError() throws {
        let database = try TempDatabase()
        defer { database.cleanUp() }
        try Data("not a database, just text long enough to fill a header.......................".utf8)
            .write(to: URL(fileURLWithPath: database.path))
        #expect(throws: (any Error).self) { try database.open() }
    }
}
