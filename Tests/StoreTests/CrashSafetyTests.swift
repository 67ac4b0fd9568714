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

    @Test(.timeLimit(.minutes(2))) func acknowledgedBatchesSurviveSIGKILL() async throws {
        let database = try TempDatabase()
        defer { database.cleanUp() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.writer)
        process.arguments = [database.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()

        // Read acknowledgements until enough have arrived, then kill without warning.
        var acknowledged: Set<Int> = []
        var buffer = Data()
        let reader = output.fileHandleForReading
        while acknowledged.count < 200 {
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
}
