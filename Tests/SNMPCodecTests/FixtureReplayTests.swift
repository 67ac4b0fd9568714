import Foundation
import Testing
@testable import SNMPCodec

/// Inputs found by the fuzzer (scripts/fuzz.sh) are kept under Fixtures/crashers and replayed
/// here: each must be decoded or rejected with an error, and round-trip if it decodes.
struct FuzzCrasherReplayTests {
    static var crashers: [URL] {
        guard let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)?.appendingPathComponent("crashers"),
              let files = try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return files.sorted { $0.path < $1.path }
    }

    @Test func everyKeptCrasherIsHandled() throws {
        for url in Self.crashers {
            let data = try [UInt8](Data(contentsOf: url))
            _ = SNMPMessage.peekCorrelation(data)
            if let (message, _) = try? SNMPMessage.decode(data) {
                if case .community(let m) = message {
                    #expect(try SNMPMessage.decode(m.encode(), rules: .strict).message == message, "\(url.lastPathComponent)")
                }
            }
        }
    }
}
