import ArgumentParser
import Config
import Foundation
import Store

/// Full-text search of the syslog messages the daemon stored (SQLite FTS5).
struct SyslogSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search stored syslog messages: words (all must occur), \"a phrase\", prefix*.",
        discussion: "Newest first. Reads the store named by the config (the daemon may be running).")

    @Argument(help: "The query, in SQLite FTS5 syntax: words, \"phrases\", prefix*, OR, NOT.") var query: String
    @Option(help: "Only messages of this device: its name or address as in the config.") var device: String?
    @Option(help: "Only messages received in the last DURATION (30m, 24h, 7d) or since an ISO 8601 time.") var since: String?
    @Option(help: "Only this severity or worse: emerg, alert, crit, err, warning, notice, info, debug, or 0-7.") var severity: String?
    @Option(help: "At most this many messages.") var limit = 100
    @Option(help: "Config file (for the store's path and device names).") var config: String?
    @Flag(help: "One JSON object per line.") var json = false

    func run() async throws {
        let file = config ?? ConfigLoader.defaultFile()
        let loaded: NetwardenConfig
        switch ConfigLoader().load(file: file) {
        case .success(let config): loaded = config
        case .failure(let errors): throw CommandFailure(errors.description)
        }
        guard FileManager.default.fileExists(atPath: loaded.store.sqlitePath) else {
            throw CommandFailure("no store at \(loaded.store.sqlitePath): has the daemon run with \(file)?")
        }
        let store = try SQLiteStore(path: loaded.store.sqlitePath)
        var deviceID: Int64?
        if let device {
            let rows = try await store.devices.inventory(tenant: nil, site: nil)
            guard let row = rows.first(where: { $0.device.name == device || $0.device.address == device || $0.device.address.hasPrefix(device + ":") })
            else { throw CommandFailure("no device named or addressed '\(device)' in the store") }
            deviceID = row.device.id
        }
        let query = SyslogQuery(self.query, deviceID: deviceID, since: try Self.since(since), maxSeverity: try Self.severity(severity),
                                limit: max(1, min(limit, 100_000)))
        let records = try await store.syslog.search(query)
        let formatter = ISO8601DateFormatter()
        for record in records {
            let r = record.draft
            if json {
                print(JSONLine.encode([
                    "id": String(record.id), "received": formatter.string(from: r.receivedAt), "source": r.sourceAddress,
                    "severity": r.severity.map(String.init), "hostname": r.hostname, "app": r.appName, "msgid": r.msgID,
                    "event_class": r.eventClass, "message": r.message,
                ]))
            } else {
                let severity = r.severity.map { Self.severityNames[Int($0)] } ?? "-"
                print("\(formatter.string(from: r.receivedAt)) \(r.sourceAddress) \(severity) \(r.hostname ?? "-") \(r.message)")
            }
        }
        try await store.close()
    }

    static let severityNames = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"]

    static func severity(_ text: String?) throws -> Int64? {
        guard let text else { return nil }
        if let number = Int64(text), (0...7).contains(number) { return number }
        guard let index = severityNames.firstIndex(of: text.lowercased()) else {
            throw ValidationError("--severity: one of \(severityNames.joined(separator: ", ")) or 0-7")
        }
        return Int64(index)
    }

    static func since(_ text: String?) throws -> Date? {
        guard let text else { return nil }
        if let date = ISO8601DateFormatter().date(from: text) { return date }
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        guard let unit = text.last.flatMap({ units[$0] }), let amount = Double(text.dropLast()) else {
            throw ValidationError("--since: a duration (30m, 24h, 7d) or an ISO 8601 time")
        }
        return Date().addingTimeInterval(-amount * unit)
    }
}
