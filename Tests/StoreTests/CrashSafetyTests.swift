import Foundation
import Store
import Testing

/// A child process writes batches and prints each acknowledgement; it is killed with SIGKILL
/// mid-stream. Every batch it was told was committed must be in the database after reopening.
struct CrashSafetyTests {
    static let writer: String = {
        var dir = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("StoreCrashWriter").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        return ".build/debug/StoreCrashWriter"
    }()

    /// Runs the writer, reads its `ack N` lines until `count` have arrived, then kills it with
    /// SIGKILL (no warning, no flush) and returns the batches it acknowledged.
    static func killWriter(arguments: [String], afterAcknowledgements count: Int) throws -> Set<Int> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: writer)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var acknowledged: Set<Int> = []
        var buffer = Data()
        let reader = output.fileHandleForReading
        while acknowledged.count < count {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            while let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                if line.hasPrefix("ack "), let n = Int(line.dropFirst(4)) { acknowledged.insert(n) }
            }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        return acknowledged
    }

    @Test(.timeLimit(.minutes(2))) func acknowledgedBatchesSurviveSIGKILL() async throws {
        let database = try TempDatabase()
        defer { database.cleanUp() }
        let acknowledged = try Self.killWriter(arguments: [database.path], afterAcknowledgements: 200)
        #expect(acknowledged.count >= 200)

        let store = try database.open()
        let events = try await store.events.events(deviceID: nil, since: nil, limit: 10_000_000)
        var perBatch: [Int: Int] = [:]
        for event in events {
            let batch = Int(event.draft.message.split(separator: " ")[1])!
            perBatch[batch, default: 0] += 1
        }
        let missing = acknowledged.filter { perBatch[$0] != 25 }
        #expect(missing.isEmpty, "acknowledged batches lost or torn: \(missing.sorted().prefix(10))")
        // Batches are all-or-nothing, acknowledged or not.
        #expect(perBatch.values.allSatisfy { $0 == 25 })
        try await store.close()
    }

    /// Syslog batches are acknowledged once their rows commit; the index follows on its own
    /// thread and file. Killed mid-stream, the reopened store must find every acknowledged
    /// message by search: the indexer resumes from its watermark, nothing missed or doubled.
    @Test(.timeLimit(.minutes(2))) func acknowledgedSyslogIsSearchableAfterSIGKILL() async throws {
        let database = try TempDatabase()
        defer { database.cleanUp() }
        let acknowledged = try Self.killWriter(arguments: [database.path, "syslog"], afterAcknowledgements: 120)
        #expect(acknowledged.count >= 120)

        let store = try database.open()
        try await store.flush()
        let stored = try await store.syslog.count()
        let found = try await store.syslog.search(SyslogQuery("crashmarker", limit: 10_000_000))
        #expect(found.count == stored, "index and table disagree: \(found.count) found, \(stored) stored")
        #expect(Set(found.map(\.id)).count == found.count)
        var perBatch: [Int: Int] = [:]
        for record in found {
            let batch = Int(record.draft.message.split(separator: " ")[2])!
            perBatch[batch, default: 0] += 1
        }
        let missing = acknowledged.filter { perBatch[$0] != 500 }
        #expect(missing.isEmpty, "acknowledged batches not searchable: \(missing.sorted().prefix(10))")
        #expect(perBatch.values.allSatisfy { $0 == 500 })
        // A phrase still works on the rebuilt state.
        let phrase = try await store.syslog.search(SyslogQuery("GigabitEthernet0/7 down", limit: 10_000_000))
        #expect(phrase.count == found.filter { $0.draft.message.contains("GigabitEthernet0/7 ") }.count)
        try await store.close()
    }
}
