// Child process of StoreTests' crash-safety tests: writes batches of events (or syslog messages,
// which the full-text index takes in on its own thread) from several tasks at once and prints
// "ack N" for each batch once the store has acknowledged it, until killed.
//   StoreCrashWriter DATABASE [events|syslog]
import Foundation
import Store

guard (2...3).contains(CommandLine.arguments.count) else {
    FileHandle.standardError.write(Data("usage: StoreCrashWriter DATABASE [events|syslog]\n".utf8))
    exit(2)
}
let store = try SQLiteStore(path: CommandLine.arguments[1], options: .init(batchDelay: 0.02))
if CommandLine.arguments.count == 3 && CommandLine.arguments[2] == "syslog" {
    await withThrowingTaskGroup(of: Void.self) { group in
        for writer in 0..<4 {
            group.addTask {
                var batch = writer
                while true {
                    let messages = (0..<500).map { n in
                        let text = "crashmarker batch \(batch) line \(n) Interface GigabitEthernet0/\(n % 48) changed state to down"
                        return SyslogRecordDraft(
                            receivedAt: Date(), sourceAddress: "192.0.2.9", facility: 23, severity: 3, hostname: "edge-\(writer)",
                            message: text, raw: Array("<187>\(text)".utf8))
                    }
                    _ = try await store.syslog.record(messages)
                    FileHandle.standardOutput.write(Data("ack \(batch)\n".utf8))
                    batch += 4
                }
            }
        }
    }
}
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
