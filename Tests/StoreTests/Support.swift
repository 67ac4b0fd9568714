import Foundation
import Store

/// A database file in a fresh temporary folder, removed by `cleanUp()`.
struct TempDatabase {
    let folder: URL
    var path: String { folder.appendingPathComponent("netwarden.sqlite").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func open(_ options: SQLiteStore.Options = .init(batchDelay: 0.01)) throws -> SQLiteStore {
        try SQLiteStore(path: path, options: options)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: folder) }
}

/// Opens a store on a temporary file, runs `body`, closes and removes it.
func withStore(_ body: (SQLiteStore, TempDatabase) async throws -> Void) async throws {
    let database = try TempDatabase()
    defer { database.cleanUp() }
    let store = try database.open()
    do {
        try await body(store, database)
        try await store.close()
    } catch {
        try? await store.close()
        throw error
    }
}

/// A tenant, site and device to hang things on.
func demoDevice(_ store: some Store, address: String = "10.0.0.1") async throws -> Device {
    let tenant = try await store.devices.ensureTenant("acme")
    let site = try await store.devices.ensureSite(tenantID: tenant.id, name: "hq")
    return try await store.devices.ensureDevice(siteID: site.id, address: address, name: "core-\(address)", parentID: nil)
}

let t0 = Date(timeIntervalSince1970: 1_700_000_000)  // 2023-11-14 22:13:20 UTC
