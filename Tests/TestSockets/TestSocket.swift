#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Plain BSD sockets for the tests' senders (syslog server and end-to-end tests), so that what the server sees is what a device sends,
/// with no NIO on the sending side.
public final class TestSocket {
    public let fd: Int32

    private init(fd: Int32) { self.fd = fd }
    deinit { close(fd) }

    static func address(_ ip: String, _ port: Int) -> sockaddr_in {
        var a = sockaddr_in()
        a.sin_family = sa_family_t(AF_INET)
        a.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, ip, &a.sin_addr)
        return a
    }

    /// A UDP socket bound to `source` (any loopback address), for sending.
    public static func udp(source: String = "127.0.0.1") -> TestSocket {
        let s = TestSocket(fd: socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0))
        var a = address(source, 0)
        _ = withUnsafePointer(to: &a) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s.fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        return s
    }

    public func send(_ bytes: [UInt8], to port: Int, host: String = "127.0.0.1") {
        var a = Self.address(host, port)
        _ = bytes.withUnsafeBytes { b in
            withUnsafePointer(to: &a) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                sendto(fd, b.baseAddress, b.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            } }
        }
    }

    /// A connected TCP socket.
    public static func tcp(port: Int, source: String = "127.0.0.1") throws -> TestSocket {
        let s = TestSocket(fd: socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0))
        var src = address(source, 0)
        _ = withUnsafePointer(to: &src) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s.fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var a = address("127.0.0.1", port)
        let rc = withUnsafePointer(to: &a) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(s.fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard rc == 0 else { throw SocketError(errno: errno) }
        return s
    }

    /// Writes everything (blocking).
    public func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { posixSend(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if n < 0 { if errno == EINTR { continue }; throw SocketError(errno: errno) }
            offset += n
        }
    }

    /// Writes what fits without blocking; returns the count written.
    public func writeNonBlocking(_ bytes: [UInt8]) -> Int {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { posixSend(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
            if n <= 0 { break }
            offset += n
        }
        return offset
    }

    public func setSendBuffer(_ size: Int32) {
        var v = size
        setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &v, socklen_t(MemoryLayout<Int32>.size))
    }

    public func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }
}

public struct SocketError: Error { public let errno: Int32 }

/// `send(2)`, out of reach of the method names above.
private func posixSend(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int, _ flags: Int32) -> Int {
    send(fd, buffer, count, flags)
}
