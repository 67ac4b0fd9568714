#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading recording files: plain, or bzip2-compressed as snmpsim-data ships most of them.
enum RecordingFile {
    struct Failure: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// The contents of `path`, decompressed when it ends in `.bz2`.
    static func contents(of path: String) throws(Failure) -> [UInt8] {
        if path.hasSuffix(".bz2") { return try bunzip2(path) }
        return try read(path)
    }

    /// Calls `body` with the contents of `path`: mapped for plain files (no copy), decompressed
    /// into memory for `.bz2`.
    static func withContents<R>(of path: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) throws(Failure) -> R {
        if path.hasSuffix(".bz2") {
            return try bunzip2(path).withUnsafeBufferPointer(body)
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure("cannot open: \(errnoText())") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure("cannot stat: \(errnoText())") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw Failure("not a regular file") }
        let size = Int(info.st_size)
        if size == 0 { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        #if os(Linux)
        let flags = MAP_PRIVATE | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE
        #endif
        guard let mapped = mmap(nil, size, PROT_READ, flags, fd, 0), mapped != MAP_FAILED else {
            // Some file systems cannot map; read instead.
            return try read(path).withUnsafeBufferPointer(body)
        }
        defer { munmap(mapped, size) }
        return body(UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: size))
    }

    static func errnoText() -> String {
        String(cString: strerror(errno))
    }

    /// Reads a whole file with read(2): no Foundation, one allocation of the file's size.
    static func read(_ path: String) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure("cannot open: \(errnoText())") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure("cannot stat: \(errnoText())") }
        let size = Int(info.st_size)
        var failure: Failure?
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            initialized = 0
            while initialized < size {
                let n = Glibc_read(fd, buffer.baseAddress! + initialized, size - initialized)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = Failure("cannot read: \(errnoText())")
                    return
                }
                if n == 0 { break }
                initialized += n
            }
        }
        if let failure { throw failure }
        // A file that grew while being read: take the rest too.
        try readToEnd(fd, into: &bytes)
        return bytes
    }

    static func readToEnd(_ fd: Int32, into bytes: inout [UInt8]) throws(Failure) {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc_read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure("cannot read: \(errnoText())")
            }
            if n == 0 { return }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }

    /// Decompresses with the `bzip2` program (`bzip2 -dc`), which the lab installs and which
    /// runs on the other core while this one parses. Fails if bzip2 is missing or the data is bad.
    static func bunzip2(_ path: String) throws(Failure) -> [UInt8] {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw Failure("cannot create a pipe: \(errnoText())") }
        let readEnd = fds[0], writeEnd = fds[1]
        // Close-on-exec, so that bzip2 processes started in parallel do not hold each other's pipes.
        _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        let arguments = ["bzip2", "-dc", "--", path]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var environment: [UnsafeMutablePointer<CChar>?] = [strdup("LC_ALL=C"), nil]
        defer { for pointer in environment { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawnp(&pid, "bzip2", &actions, nil, &argv, &environment)
        close(writeEnd)
        guard spawned == 0 else {
            close(readEnd)
            throw Failure("cannot run bzip2 to decompress: \(String(cString: strerror(spawned)))")
        }
        var bytes: [UInt8] = []
        var readFailure: Failure?
        do {
            try readToEnd(readEnd, into: &bytes)
        } catch {
            readFailure = error
        }
        close(readEnd)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if let readFailure { throw readFailure }
        // WIFEXITED && WEXITSTATUS == 0, spelled out: the C macros are not imported.
        guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else {
            throw Failure("bzip2 could not decompress it (wait status \(status))")
        }
        return bytes
    }
}

/// read(2), named apart from the methods above.
@inline(__always)
private func Glibc_read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
