import Foundation

/// The host's own IPv4 interfaces: where ARP can reach (directly attached segments).
public struct LocalInterface: Sendable, Hashable {
    public var name: String
    public var address: UInt32
    public var netmask: UInt32
    public var mac: [UInt8]

    public var subnet: AddressRange {
        AddressRange(first: .v4(address & netmask), last: .v4(address | ~netmask))
    }

    /// Up, broadcast-capable, Ethernet-like interfaces with an IPv4 address (no loopback).
    public static func all() -> [LocalInterface] {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return [] }
        defer { freeifaddrs(first) }
        var macs: [String: [UInt8]] = [:]
        var found: [LocalInterface] = []
        var cursor: UnsafeMutablePointer<ifaddrs>? = first
        while let entry = cursor {
            defer { cursor = entry.pointee.ifa_next }
            guard let addr = entry.pointee.ifa_addr else { continue }
            let name = String(cString: entry.pointee.ifa_name)
            let flags = Int32(bitPattern: entry.pointee.ifa_flags)
            guard flags & Int32(IFF_UP) != 0, flags & Int32(IFF_LOOPBACK) == 0 else { continue }
            switch Int32(addr.pointee.sa_family) {
            case AF_PACKET:
                // struct sockaddr_ll (linux/if_packet.h): family 2, protocol 2, ifindex 4,
                // hatype 2, pkttype 1, halen 1, addr 8
                let raw = UnsafeRawPointer(addr)
                if raw.load(fromByteOffset: 11, as: UInt8.self) == 6 {
                    macs[name] = (12..<18).map { raw.load(fromByteOffset: $0, as: UInt8.self) }
                }
            case AF_INET:
                guard flags & Int32(IFF_BROADCAST) != 0,
                      case .v4(let address)? = SocketAddresses.ipAddress(addr),
                      case .v4(let mask)? = SocketAddresses.ipAddress(entry.pointee.ifa_netmask) else { continue }
                found.append(LocalInterface(name: name, address: address, netmask: mask, mac: []))
            default:
                continue
            }
        }
        return found.compactMap { interface in
            guard let mac = macs[interface.name], mac.contains(where: { $0 != 0 }) else { return nil }
            var copy = interface
            copy.mac = mac
            return copy
        }
    }
}
