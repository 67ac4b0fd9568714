import Foundation
import SNMPCodec
@testable import SNMPSimulator

/// The hand-written recordings under Fixtures/recordings, and helpers shared by the simulator tests.
enum RecordingFixtures {
    /// The folder holding the fixture recordings, copied into the test bundle.
    static var directory: String {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            fatalError("Fixtures are missing from the SNMPTests bundle")
        }
        return url.appendingPathComponent("recordings").path
    }

    static func path(_ name: String) -> String { directory + "/" + name }

    /// Loads one fixture file.
    static func load(_ name: String, options: SNMPRecording.Options = .init()) throws -> (SNMPRecording, [SNMPRecordingWarning]) {
        try SNMPRecording.load(path: path(name), options: options)
    }

    /// Parses recording text written in a test.
    static func parse(_ text: String, options: SNMPRecording.Options = .init()) -> (SNMPRecording, [SNMPRecordingWarning]) {
        SNMPRecording.parse(Array(text.utf8), name: "test", options: options)
    }

    /// True when the bzip2 program is on PATH, which `.snmprec.bz2` loading needs.
    static var hasBzip2: Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/bzip2") }
    }
}

extension SimulationTime {
    static func seconds(_ s: Double) -> SimulationTime { SimulationTime(elapsed: .milliseconds(Int64(s * 1000))) }
}

extension OID {
    /// For tests: the OID of a dotted literal known to be valid.
    static func of(_ dotted: String) -> OID { OID(stringLiteral: dotted) }
}
