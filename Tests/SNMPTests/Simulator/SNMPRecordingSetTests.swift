import Foundation
import SNMPCodec
import Testing
@testable import SNMPSimulator

struct SNMPRecordingSetTests {
    @Test func loadsAFolderWithSnmpsimsNames() async throws {
        let set = try await SNMPRecordingSet.load(directory: RecordingFixtures.directory)
        var expected = ["broken", "lab-router", "own-host", "site-a/edge-switch"]
        if RecordingFixtures.hasBzip2 { expected.append("site-a/archived") }
        #expect(set.names == expected.sorted())
        #expect(set["own-host"]?.get(.of("1.3.6.1.2.1.1.5.0"), at: .start) == .octetString("own-host"))
        #expect(set[community: "site-a/edge-switch"]?.count == 8)
        #expect(set[community: "edge-switch"] == nil)

        let codes = Set(set.warnings.map(\.code))
        #expect(codes.contains(.unsupportedFormat))  // legacy.walk
        #expect(set.warnings.contains { $0.file.hasSuffix("broken.snmprec") && $0.line == 3 })
        #expect(set.warnings == set.warnings.sorted { ($0.file, $0.line) < ($1.file, $1.line) })
        if RecordingFixtures.hasBzip2 {
            #expect(set["site-a/archived"]?.get(.of("1.3.6.1.2.1.1.5.0"), at: .start) == .octetString("archived-host"))
        } else {
            #expect(set.warnings.contains { $0.code == .unreadableFile && $0.file.hasSuffix("archived.snmprec.bz2") })
        }
    }

    @Test func sequentialAndParallelLoadsAgree() async throws {
        let one = try await SNMPRecordingSet.load(directory: RecordingFixtures.directory, parallelism: 1)
        let four = try await SNMPRecordingSet.load(directory: RecordingFixtures.directory, parallelism: 4)
        #expect(one.names == four.names)
        #expect(one.warnings == four.warnings)
        for name in one.names {
            #expect(one[name]?.varBinds(at: .start) == four[name]?.varBinds(at: .start))
        }
    }

    @Test func missingFolderThrows() async {
        await #expect(throws: SNMPRecordingError.self) {
            try await SNMPRecordingSet.load(directory: "/nonexistent/netwarden-recordings")
        }
    }

    @Test func unreadableFileIsAWarningNotAFailure() throws {
        #expect(throws: SNMPRecordingError.self) {
            try SNMPRecording.load(path: RecordingFixtures.path("no-such-file.snmprec"))
        }
    }

    @Test func duplicateNamesKeepTheFirstFile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("netwarden-dup-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("1.3.6.1.2.1.1.5.0|4|plain\n".utf8).write(to: folder.appendingPathComponent("dev.snmprec"))
        try Data("not really bzip2".utf8).write(to: folder.appendingPathComponent("dev.snmprec.bz2"))
        let set = try await SNMPRecordingSet.load(directory: folder.path)
        #expect(set.names == ["dev"])
        #expect(set["dev"]?.get(.of("1.3.6.1.2.1.1.5.0"), at: .start) == .octetString("plain"))
        #expect(set.warnings.map(\.code) == [.duplicateRecording])
    }

    @Test func corruptBzip2IsUnreadable() async throws {
        guard RecordingFixtures.hasBzip2 else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("netwarden-bz-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("not really bzip2".utf8).write(to: folder.appendingPathComponent("dev.snmprec.bz2"))
        let set = try await SNMPRecordingSet.load(directory: folder.path)
        #expect(set.names.isEmpty)
        #expect(set.warnings.map(\.code) == [.unreadableFile])
    }
}

// MARK: - snmpsim-data

/// Where snmpsim-data's recordings are installed, if they are: `NETWARDEN_SNMPSIM_DATA`, or the
/// site-packages of the lab's virtualenvs.
enum SnmpsimData {
    static let location: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["NETWARDEN_SNMPSIM_DATA"], !explicit.isEmpty { return explicit }
        let fileManager = FileManager.default
        for venv in ["/opt/netwarden-lab/simvenv", "/opt/snmplab/simvenv"] {
            let lib = venv + "/lib"
            for python in (try? fileManager.contentsOfDirectory(atPath: lib))?.sorted() ?? [] where python.hasPrefix("python") {
                let data = "\(lib)/\(python)/site-packages/snmpsim_data/data"
                if fileManager.fileExists(atPath: data) { return data }
            }
        }
        return nil
    }()

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
}

struct SnmpsimDataTests {
    /// Loads all 116 recordings of snmpsim-data 1.0.1 (22 million variables). Runs when the data is
    /// installed; under CI=true a missing install is a failure, not a skip.
    @Test(.enabled(if: SnmpsimData.location != nil || SnmpsimData.isCI, "snmpsim-data is not installed"))
    func loadsEverySnmpsimDataRecording() async throws {
        guard let location = SnmpsimData.location else {
            Issue.record("""
                snmpsim-data is not installed and CI=true: install it with scripts/lab/snmpsim-lab up (or pip install \
                snmpsim-data==1.0.1 into /opt/netwarden-lab/simvenv), or point NETWARDEN_SNMPSIM_DATA at its data folder
                """)
            return
        }
        let set = try await SNMPRecordingSet.load(directory: location)
        let unreadable = set.warnings.filter { $0.code == .unreadableFile }
        #expect(unreadable.isEmpty, "\(unreadable.prefix(5))")
        #expect(set.recordings.count >= 116, "found \(set.recordings.count) recordings in \(location)")
        // Nothing in snmpsim-data uses a module or tag we skip.
        let skipped = set.warnings.filter { $0.code == .unknownTag || $0.code == .unknownVariationModule }
        #expect(skipped.isEmpty, "\(skipped.prefix(5))")

        // The largest IF-MIB: 3271 ifTable rows (ifIndex column).
        let ruijie = try #require(set.recordings.first { $0.key.hasSuffix("ruijie-m18000") }?.value)
        let ifIndex = ruijie.bulk(after: .of("1.3.6.1.2.1.2.2.1.1"), count: 5000, at: .start)
            .prefix { $0.oid.hasPrefix(.of("1.3.6.1.2.1.2.2.1.1")) }
        #expect(ifIndex.count == 3271)

        // Every recording walks in strictly increasing order and answers Get for what it walks.
        for (name, recording) in set.recordings {
            var previous = OID.of("0.0")
            var steps = 0
            while let varBind = recording.next(after: previous, at: .start), steps < 2_000 {
                #expect(previous < varBind.oid, "\(name): \(previous) then \(varBind.oid)")
                #expect(recording.get(varBind.oid, at: .start) == varBind.value, "\(name) \(varBind.oid)")
                previous = varBind.oid
                steps += 1
            }
        }
    }
}
