#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
public import SNMPCodec

/// All recordings under a directory, by name, as snmpsim serves them: one community each.
///
/// A file's name is its path under the directory without `.snmprec` / `.snmprec.bz2`, with `/`
/// between folders, as snmpsim 1.2.2 derives community names (`datafile.get_data_files`):
/// `network/switch/cisco-c3560.snmprec.bz2` is `network/switch/cisco-c3560`, and a leading
/// `self/` folder is dropped. Symbolic links are followed and named after the link (snmpsim
/// names them after their target, which collapses links to one name).
public struct SNMPRecordingSet: Sendable {
    /// Recordings by name.
    public let recordings: [String: SNMPRecording]
    /// Everything skipped while loading, ordered by file and line.
    public let warnings: [SNMPRecordingWarning]
    private let byCommunity: [OctetString: SNMPRecording]

    /// - Parameters:
    ///   - recordings: Recordings by name.
    ///   - warnings: Warnings to report with them.
    public init(recordings: [String: SNMPRecording], warnings: [SNMPRecordingWarning] = []) {
        self.recordings = recordings
        self.warnings = warnings
        var byCommunity: [OctetString: SNMPRecording] = [:]
        for (name, recording) in recordings { byCommunity[OctetString(name)] = recording }
        self.byCommunity = byCommunity
    }

    /// The recording a community names, without building a String from the request's octets.
    public subscript(community community: OctetString) -> SNMPRecording? {
        byCommunity[community]
    }

    /// The recording called `name`.
    public subscript(name: String) -> SNMPRecording? {
        recordings[name]
    }

    /// Recording names, sorted.
    public var names: [String] { recordings.keys.sorted() }

    /// Loads every `.snmprec` and `.snmprec.bz2` file under `directory`, recursively.
    ///
    /// Files are parsed in parallel, `parallelism` at a time, on threads of their own: parsing
    /// and decompressing block, so they stay off the caller's executor (which may be an event
    /// loop) and off the cooperative pool. A file that cannot be read or decompressed (`.bz2`
    /// needs the `bzip2` program) becomes an ``SNMPRecordingWarning/Code/unreadableFile``
    /// warning; bad lines become warnings too.
    ///
    /// - Parameters:
    ///   - directory: The folder snmpsim would be given as `--data-dir`.
    ///   - options: How recordings are served.
    ///   - parallelism: Files parsed at once; defaults to the number of online processors.
    /// - Throws: ``SNMPRecordingError`` only when `directory` itself cannot be listed.
    public static func load(directory: String, options: SNMPRecording.Options = SNMPRecording.Options(),
                            parallelism: Int? = nil) async throws(SNMPRecordingError) -> SNMPRecordingSet {
        var scan = DirectoryScan()
        try scan.walk(directory, relative: [], depth: 0)
        // Largest first, so that one big recording does not start last and run alone.
        let files = scan.files.sorted { $0.size > $1.size }
        let scanWarnings = scan.warnings
        let width = Swift.max(1, Swift.min(files.count, parallelism ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
        return await withCheckedContinuation { (continuation: CheckedContinuation<SNMPRecordingSet, Never>) in
            WorkerThreads.run(count: width, jobs: files.count) { index in
                let file = files[index]
                do throws(SNMPRecordingError) {
                    let (recording, warnings) = try SNMPRecording.load(path: file.path, name: file.name, options: options)
                    return (file.name, recording, warnings)
                } catch {
                    return (file.name, nil, [SNMPRecordingWarning(.unreadableFile, file: file.path, line: 0, error.reason)])
                }
            } completion: { results in
                var recordings: [String: SNMPRecording] = [:]
                var warnings = scanWarnings
                for (name, recording, fileWarnings) in results {
                    if let recording { recordings[name] = recording }
                    warnings.append(contentsOf: fileWarnings)
                }
                warnings.sort { ($0.file, $0.line) < ($1.file, $1.line) }
                continuation.resume(returning: SNMPRecordingSet(recordings: recordings, warnings: warnings))
            }
        }
    }
}

/// A few detached threads that share a list of jobs; the last one to finish calls `completion`.
enum WorkerThreads {
    typealias Result = (String, SNMPRecording?, [SNMPRecordingWarning])

    /// Job state shared by the threads.
    private final class Shared: @unchecked Sendable {
        // @unchecked: every field is read and written with `mutex` held.
        private var mutex = pthread_mutex_t()
        private var next = 0
        private var running: Int
        private var results: [Result?]
        let job: @Sendable (Int) -> Result
        let completion: @Sendable ([Result]) -> Void

        init(threads: Int, jobs: Int, job: @escaping @Sendable (Int) -> Result,
             completion: @escaping @Sendable ([Result]) -> Void) {
            pthread_mutex_init(&mutex, nil)
            running = threads
            results = Array(repeating: nil, count: jobs)
            self.job = job
            self.completion = completion
        }

        deinit { pthread_mutex_destroy(&mutex) }

        func take() -> Int? {
            pthread_mutex_lock(&mutex)
            defer { pthread_mutex_unlock(&mutex) }
            guard next < results.count else { return nil }
            next += 1
            return next - 1
        }

        func store(_ result: Result, at index: Int) {
            pthread_mutex_lock(&mutex)
            results[index] = result
            pthread_mutex_unlock(&mutex)
        }

        /// Called once by each thread as it ends; true for the last one.
        func finishThread() -> [Result]? {
            pthread_mutex_lock(&mutex)
            defer { pthread_mutex_unlock(&mutex) }
            running -= 1
            return running == 0 ? results.compactMap { $0 } : nil
        }

        func work() {
            while let index = take() { store(job(index), at: index) }
            if let all = finishThread() { completion(all) }
        }
    }

    static func run(count: Int, jobs: Int, job: @escaping @Sendable (Int) -> Result,
                    completion: @escaping @Sendable ([Result]) -> Void) {
        let shared = Shared(threads: count, jobs: jobs, job: job, completion: completion)
        guard jobs > 0 else {
            completion([])
            return
        }
        for _ in 0..<count {
            // The thread owns one retain of `shared` until it ends.
            let context = Unmanaged.passRetained(shared).toOpaque()
            var thread = pthread_t()
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            // Parsing recurses little, but large recordings sort on this stack: ask for 8 MiB.
            pthread_attr_setstacksize(&attributes, 8 << 20)
            let created = pthread_create(&thread, &attributes, { context in
                let shared = Unmanaged<Shared>.fromOpaque(context!).takeRetainedValue()
                shared.work()
                return nil
            }, context)
            pthread_attr_destroy(&attributes)
            if created == 0 {
                pthread_detach(thread)
            } else {
                // No thread: do its share here instead.
                Unmanaged<Shared>.fromOpaque(context).takeRetainedValue().work()
            }
        }
    }
}

extension SNMPRecording {
    /// Loads one `.snmprec` file, or `.snmprec.bz2` through the `bzip2` program.
    ///
    /// - Parameters:
    ///   - path: The file.
    ///   - name: The recording's name; defaults to the file name without its extensions.
    ///   - options: How the recording is served.
    /// - Returns: The recording and the warnings for the lines that were skipped.
    /// - Throws: ``SNMPRecordingError`` when the file cannot be read or decompressed.
    public static func load(path: String, name: String? = nil,
                            options: Options = Options()) throws(SNMPRecordingError) -> (recording: SNMPRecording, warnings: [SNMPRecordingWarning]) {
        let fileName = String(path.split(separator: "/").last ?? "")
        let name = name ?? DirectoryScan.recordingName(fileName: fileName) ?? fileName
        do {
            return try RecordingFile.withContents(of: path) { text in
                parse(text, name: name, file: path, options: options)
            }
        } catch {
            throw SNMPRecordingError(path: path, error.reason)
        }
    }
}

// MARK: - Directory scan

struct DirectoryScan {
    struct File {
        var path: String
        var name: String
        var size: Int
    }

    var files: [File] = []
    var warnings: [SNMPRecordingWarning] = []
    private var seen: [String: String] = [:]

    /// Symbolic links may loop; snmpsim-data is three folders deep.
    static let maximumDepth = 16

    /// The name without `.snmprec` or `.snmprec.bz2`, or nil for other files.
    static func recordingName(fileName: String) -> String? {
        if fileName.hasSuffix(".snmprec") { return String(fileName.dropLast(".snmprec".count)) }
        if fileName.hasSuffix(".snmprec.bz2") { return String(fileName.dropLast(".snmprec.bz2".count)) }
        return nil
    }

    mutating func walk(_ directory: String, relative: [String], depth: Int) throws(SNMPRecordingError) {
        guard let handle = opendir(directory) else {
            let reason = String(cString: strerror(errno))
            if depth == 0 { throw SNMPRecordingError(path: directory, "cannot list: \(reason)") }
            warnings.append(SNMPRecordingWarning(.unreadableFile, file: directory, line: 0, "cannot list: \(reason)"))
            return
        }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(handle)
        // listdir order is arbitrary; sorting makes duplicates resolve the same way every time.
        names.sort()
        for entryName in names {
            let path = directory.hasSuffix("/") ? directory + entryName : directory + "/" + entryName
            var info = stat()
            guard stat(path, &info) == 0 else { continue }  // a dangling link
            if info.st_mode & S_IFMT == S_IFDIR {
                guard depth < DirectoryScan.maximumDepth else {
                    warnings.append(SNMPRecordingWarning(.unreadableFile, file: path, line: 0, "folders nested too deep (a link loop?)"))
                    continue
                }
                try walk(path, relative: relative + [entryName], depth: depth + 1)
            } else if info.st_mode & S_IFMT == S_IFREG {
                add(path: path, fileName: entryName, relative: relative, size: Int(info.st_size))
            }
        }
    }

    private mutating func add(path: String, fileName: String, relative: [String], size: Int) {
        guard let base = DirectoryScan.recordingName(fileName: fileName) else {
            for format in [".walk", ".dump", ".sap", ".MVC"] where fileName.hasSuffix(format) {
                warnings.append(SNMPRecordingWarning(.unsupportedFormat, file: path, line: 0,
                                                     "snmpsim's \(format) format is not supported; convert it with rec2rec"))
            }
            return
        }
        var components = relative + [base]
        if components.first == "self" { components.removeFirst() }
        let name = components.joined(separator: "/")
        if let first = seen[name] {
            warnings.append(SNMPRecordingWarning(.duplicateRecording, file: path, line: 0,
                                                 "'\(name)' is already served from \(first)"))
            return
        }
        seen[name] = path
        files.append(File(path: path, name: name, size: size))
    }
}
