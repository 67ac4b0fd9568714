// Child process of StoreTests' crash-safety test: writes batches of events from several tasks
// at once and prints "ack N" for each batch once the store has acknowledged it, until killed.
//   StoreCrashWriter DATABASE
import Foundation
import Store

guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: StoreCrashWriter DATABASE\n".utf8))
    exit(2)
}
let store = try SQLiteStore(path: CommandLine.arguments[1], options: .init(batchDelay: 0.02))
let tenant = try await store.devices.ensureTenant("crash")
let site = try await store.devices.ensureSite(tenantID: tenant.id, name: "lab")
let device = try await store.devices.ensureDevice(siteID: site.id, address: "192.0.2.1", name: nil, parentID: nil)

await withThrowingTaskGroup(of: Void.self) { group in
    for writer in 0..<4 {
        group.addTask {
            var batch = writer
            while true {
                let events = (0..<25).map { n in
                    EventDraft(
                        kind: "crash-test", deviceID: device.id, severity: 6, at: Date(),
                        message: "batch \(batch) event \(n)", detailsJSON: #"{"batch":\#(batch)}"#, source: .system)
                }
                _ = try await store.events.record(events)
                // One write(2) per line: lines from the four tasks never interleave.
                FileHandle.standardOutput.write(Data("ack \(batch)\n".utf8))
                batch += 4
            }
        }
    }
}
