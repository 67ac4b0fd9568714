import Foundation

/// TCP connect probes to management ports: a host is alive when any port accepts or refuses
/// (a RST is an answer too). Needs no privileges.
struct TCPConnectProbe {
    static let defaultPorts: [UInt16] = [22, 23, 80, 443, 8291, 8443]

    let ports: [UInt16]
    let pacer: PacketPacer
    /// Hosts probed at once (each with one socket per port).
    let concurrency: Int
    /// How long a host has to answer.
    let timeout: Double

    struct Answer: Sendable, Hashable {
        var open: [UInt16] = []
    }

    func run(_ targets: [IPAddress], done: @Sendable () -> Void) -> [IPAddress: Answer] {
        struct Pending { var host: IPAddress; var port: UInt16; var started: Double }
        var results: [IPAddress: Answer] = [:]
        var sockets: [Int32: Pending] = [:]
        var remaining: [IPAddress: Int] = [:]  // sockets still open per host
        var next = 0
        // Stay well inside the default 1024 descriptors.
        let hostLimit = max(1, min(concurrency, 900 / max(1, ports.count)))

        func finish(_ fd: Int32) {
            guard let pending = sockets.removeValue(forKey: fd) else { return }
            close(fd)
            remaining[pending.host, default: 1] -= 1
            if remaining[pending.host] == 0 {
                remaining[pending.host] = nil
                done()
            }
        }
        while next < targets.count || !sockets.isEmpty {
            while next < targets.count && remaining.count < hostLimit {
                let host = targets[next]
                next += 1
                var opened = 0
                for port in ports {
                    pacer.wait()
                    switch Self.connect(host, port: port) {
                    case .open: results[host, default: Answer()].open.append(port)
                    case .refused: if results[host] == nil { results[host] = Answer() }
                    case .failed: break
                    case .pending(let fd):
                        sockets[fd] = Pending(host: host, port: port, started: PacketPacer.now())
                        opened += 1
                    }
                }
                if opened == 0 { done() } else { remaining[host] = opened }
            }
            var fds = sockets.keys.map { pollfd(fd: $0, events: Int16(POLLOUT), revents: 0) }
            _ = poll(&fds, nfds_t(fds.count), 20)
            let now = PacketPacer.now()
            for entry in fds {
                guard let pending = sockets[entry.fd] else { continue }
                if entry.revents != 0 {
                    var error: Int32 = 0
                    var length = socklen_t(MemoryLayout<Int32>.size)
                    getsockopt(entry.fd, SOL_SOCKET, SO_ERROR, &error, &length)
                    if error == 0 {
                        results[pending.host, default: Answer()].open.append(pending.port)
                    } else if error == ECONNREFUSED {
                        if results[pending.host] == nil { results[pending.host] = Answer() }
                    }
                    finish(entry.fd)
                } else if now - pending.started > timeout {
                    finish(entry.fd)
                }
            }
        }
        for host in results.keys { results[host]?.open.sort() }
        return results
    }

    enum Start { case open, refused, failed, pending(Int32) }

    /// A non-blocking connect under way (or already answered, as on loopback).
    static func connect(_ host: IPAddress, port: UInt16) -> Start {
        let family = host.isV4 ? AF_INET : AF_INET6
        let fd = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return .failed }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        // No lingering TIME_WAIT sockets: close with a RST.
        var linger = Foundation.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Foundation.linger>.size))
        let result: Int32
        switch host {
        case .v4(let address):
            var sin = SocketAddresses.ipv4(address, port: port)
            result = withUnsafePointer(to: &sin) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            } }
        case .v6(let address):
            var sin6 = SocketAddresses.ipv6(address, port: port)
            result = withUnsafePointer(to: &sin6) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
            } }
        }
        if result == 0 { close(fd); return .open }
        let error = errno
        if error == EINPROGRESS { return .pending(fd) }
        close(fd)
        return error == ECONNREFUSED ? .refused : .failed
    }
}
