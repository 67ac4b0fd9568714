import Foundation

/// ICMP and ICMPv6 echo over raw sockets (root or CAP_NET_RAW).
struct ICMPEcho {
    let pacer: PacketPacer
    let wait: Double

    /// A raw socket, or nil when this process may not open one.
    static func openSocket(v6: Bool) -> Int32? {
        let fd = v6 ? socket(AF_INET6, Int32(SOCK_RAW.rawValue), Int32(IPPROTO_ICMPV6))
            : socket(AF_INET, Int32(SOCK_RAW.rawValue), Int32(IPPROTO_ICMP))
        guard fd >= 0 else { return nil }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        return fd
    }

    /// Addresses that answered an echo request.
    func run(_ targets: [IPAddress], sent: @Sendable () -> Void) -> Set<IPAddress> {
        let identifier = UInt16.random(in: 1...UInt16.max)
        var answered = Set<IPAddress>()
        let wanted = Set(targets)
        let v4 = targets.contains(where: \.isV4) ? Self.openSocket(v6: false) : nil
        let v6 = targets.contains(where: { !$0.isV4 }) ? Self.openSocket(v6: true) : nil
        defer {
            if let v4 { close(v4) }
            if let v6 { close(v6) }
        }
        func drain() {
            var buffer = [UInt8](repeating: 0, count: 1500)
            var from = sockaddr_storage()
            for (fd, isV6) in [(v4, false), (v6, true)] {
                guard let fd else { continue }
                while true {
                    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
                    let count = withUnsafeMutablePointer(to: &from) { pointer in
                        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, &buffer, buffer.count, 0, $0, &length) }
                    }
                    guard count > 0 else { break }
                    // IPv4 raw sockets hand over the IP header; ICMPv6 ones do not.
                    let offset = isV6 ? 0 : Int(buffer[0] & 0x0F) * 4
                    guard count >= offset + 8 else { continue }
                    let type = buffer[offset], id = UInt16(buffer[offset + 4]) << 8 | UInt16(buffer[offset + 5])
                    guard type == (isV6 ? 129 : 0), id == identifier else { continue }
                    let source = withUnsafePointer(to: &from) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { SocketAddresses.ipAddress($0) } }
                    if let source, wanted.contains(source) { answered.insert(source) }
                }
            }
        }
        var sequence: UInt16 = 0
        for target in targets {
            pacer.wait()
            sequence &+= 1
            var packet: [UInt8] = [target.isV4 ? 8 : 128, 0, 0, 0, UInt8(identifier >> 8), UInt8(identifier & 0xFF),
                                   UInt8(sequence >> 8), UInt8(sequence & 0xFF)] + Array("netwarden scan".utf8)
            switch target {
            case .v4(let address):
                guard let v4 else { continue }
                let sum = Self.checksum(packet)
                packet[2] = UInt8(sum >> 8)
                packet[3] = UInt8(sum & 0xFF)
                var sin = SocketAddresses.ipv4(address, port: 0)
                _ = withUnsafePointer(to: &sin) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(v4, packet, packet.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                } }
            case .v6(let address):
                guard let v6 else { continue }
                var sin6 = SocketAddresses.ipv6(address, port: 0)  // the kernel fills the ICMPv6 checksum
                _ = withUnsafePointer(to: &sin6) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(v6, packet, packet.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                } }
            }
            sent()
            drain()
        }
        let deadline = PacketPacer.now() + wait
        while PacketPacer.now() < deadline && answered.count < wanted.count {
            drain()
            usleep(2_000)
        }
        drain()
        return answered
    }

    /// RFC 1071 Internet checksum.
    static func checksum(_ bytes: [UInt8]) -> UInt16 {
        var sum: UInt32 = 0
        var index = 0
        while index + 1 < bytes.count {
            sum += UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1])
            index += 2
        }
        if index < bytes.count { sum += UInt32(bytes[index]) << 8 }
        while sum >> 16 != 0 { sum = (sum & 0xFFFF) + (sum >> 16) }
        return ~UInt16(sum)
    }
}

/// One device's ICMP echo check for the daemon's reachability: does the address answer ping?
public enum EchoCheck {
    /// True when `host` (an IP address) answered within `timeout` seconds, false when it did not,
    /// nil when no check was possible (not an IP literal, or no raw socket without root or CAP_NET_RAW).
    public static func answers(_ host: String, timeout: Double) async -> Bool? {
        guard let address = IPAddress(host) else { return nil }
        guard let probe = ICMPEcho.openSocket(v6: !address.isV4) else { return nil }
        close(probe)
        // The probe blocks while it waits; keep it off the cooperative pool.
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let echo = ICMPEcho(pacer: PacketPacer(packetsPerSecond: 100), wait: max(0.05, timeout))
                continuation.resume(returning: echo.run([address], sent: {}).contains(address))
            }
        }
    }
}
