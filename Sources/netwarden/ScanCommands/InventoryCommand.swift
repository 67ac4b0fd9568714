import ArgumentParser
import Config
import Devices
import Foundation
import Store

/// `netwarden inventory export`: the inventory for a client or for NetBox.
struct InventoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory", abstract: "The device inventory in the store.", subcommands: [ExportCommand.self])

    struct ExportCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export the inventory as CSV, JSON or NetBox device-import CSV; credentials never appear.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json, netbox }

        @Option(help: "csv, json or netbox.") var format: Format = .csv
        @Option(help: "Only this tenant.") var tenant: String?
        @Option(help: "Only this site.") var site: String?
        @Option(name: .customLong("config"), help: "Config file (the store and the firmware policy). Default: config/netwarden.yaml, else /etc/netwarden/netwarden.yaml.")
        var configFile: String?

        func run() async throws {
            let path = configFile ?? ConfigLoader.defaultFile()
            let config: NetwardenConfig
            switch ConfigLoader().load(file: path) {
            case .success(let loaded): config = loaded
            case .failure(let errors): throw CommandFailure(errors.problems.map(\.description).joined(separator: "\n"))
            }
            guard config.store.backend == .sqlite else { throw CommandFailure("inventory export reads the SQLite store only") }
            guard FileManager.default.fileExists(atPath: config.store.sqlitePath) else {
                throw CommandFailure("no store at \(config.store.sqlitePath): nothing has been polled or adopted yet")
            }
            let policies: FirmwarePolicySet?
            if FileManager.default.fileExists(atPath: config.firmwarePolicy) {
                do { policies = try FirmwarePolicySet.load(file: config.firmwarePolicy) } catch { throw CommandFailure(error.description) }
            } else {
                policies = nil
            }
            let records: [InventoryRecord]
            do {
                let store = try SQLiteStore(path: config.store.sqlitePath)
                records = try await InventoryRecord.load(store, tenant: tenant, site: site, policies: policies, day: CalendarDay(Date()))
                try await store.close()
            } catch let error as CommandFailure { throw error } catch {
                throw CommandFailure("store \(config.store.sqlitePath): \(error)")
            }
            switch format {
            case .csv: print(InventoryRecord.csv(records), terminator: "")
            case .json: print(InventoryRecord.json(records))
            case .netbox: print(InventoryRecord.netbox(records), terminator: "")
            }
        }
    }
}
