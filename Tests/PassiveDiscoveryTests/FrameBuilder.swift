/// Hand-built frames, byte by byte, as the standards lay them out.
enum FrameBuilder {
    static let broadcast: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
    static let lldpMulticast: [UInt8] = [0x01, 0x80, 0xC2, 0x00, 0x00, 0x0E]
    static let cdpMulticast: [UInt8] = [0x01, 0x00, 0x0C, 0xCC, 0xCC, 0xCC]

    static func be16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }
    static func be32(_ value: UInt32) -> [UInt8] { [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
    static func ip(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> [UInt8] { [a, b, c, d] }

    /// Ethernet II, optionally behind 802.1Q tags, padded to the 60-byte minimum.
    static func ethernet(dst: [UInt8], src: [UInt8], type: UInt16, vlans: [UInt16] = [], payload: [UInt8], pad: Bool = true) -> [UInt8] {
        var frame = dst + src
        for (index, vlan) in vlans.enumerated() { frame += be16(index == 0 && vlans.count == 2 ? 0x88A8 : 0x8100) + be16(vlan) }
        frame += be16(type) + payload
        if pad && frame.count < 60 { frame += [UInt8](repeating: 0, count: 60 - frame.count) }
        return frame
    }

    static func arp(op: UInt16, senderMAC: [UInt8], senderIP: [UInt8], targetMAC: [UInt8] = [0, 0, 0, 0, 0, 0], targetIP: [UInt8],
                    vlans: [UInt16] = []) -> [UInt8] {
        let payload = be16(1) + be16(0x0800) + [6, 4] + be16(op) + senderMAC + senderIP + targetMAC + targetIP
        return ethernet(dst: op == 1 ? broadcast : targetMAC, src: senderMAC, type: 0x0806, vlans: vlans, payload: payload)
    }

    struct DHCPOption { var code: UInt8; var value: [UInt8] }

    /// A BOOTREQUEST from `chaddr`, 0.0.0.0:68 → 255.255.255.255:67 (or from a relay).
    static func dhcp(type: UInt8, chaddr: [UInt8], ciaddr: [UInt8] = [0, 0, 0, 0], giaddr: [UInt8] = [0, 0, 0, 0],
                     options: [DHCPOption], source: [UInt8]? = nil, srcIP: [UInt8] = [0, 0, 0, 0], srcPort: UInt16 = 68,
                     ipOptions: [UInt8] = [], fragment: UInt16 = 0) -> [UInt8] {
        var bootp: [UInt8] = [1, 1, 6, 0] + be32(0x1234_5678) + be16(0) + be16(0x8000)
        bootp += ciaddr + [0, 0, 0, 0] + [0, 0, 0, 0] + giaddr
        bootp += chaddr + [UInt8](repeating: 0, count: 10)
        bootp += [UInt8](repeating: 0, count: 64 + 128)
        bootp += [99, 130, 83, 99]
        bootp += [53, 1, type]
        for option in options { bootp += [option.code, UInt8(option.value.count)] + option.value }
        bootp += [255]
        let udp = be16(srcPort) + be16(67) + be16(UInt16(8 + bootp.count)) + be16(0) + bootp
        let headerLength = 20 + ipOptions.count
        var ipHeader: [UInt8] = [0x40 | UInt8(headerLength / 4), 0] + be16(UInt16(headerLength + udp.count)) + be16(1) + be16(fragment)
        ipHeader += [64, 17] + be16(0) + srcIP + [255, 255, 255, 255] + ipOptions
        return ethernet(dst: broadcast, src: source ?? chaddr, type: 0x0800, payload: ipHeader + udp)
    }

    static func lldpTLV(_ type: UInt16, _ value: [UInt8]) -> [UInt8] { be16(type << 9 | UInt16(value.count)) + value }

    static func lldp(src: [UInt8], tlvs: [[UInt8]], end: Bool = true, vlans: [UInt16] = []) -> [UInt8] {
        ethernet(dst: lldpMulticast, src: src, type: 0x88CC, vlans: vlans, payload: tlvs.flatMap { $0 } + (end ? [0, 0] : []))
    }

    static func cdpTLV(_ type: UInt16, _ value: [UInt8]) -> [UInt8] { be16(type) + be16(UInt16(4 + value.count)) + value }

    static func cdpAddresses(_ addresses: [[UInt8]]) -> [UInt8] {
        be32(UInt32(addresses.count)) + addresses.flatMap { [1, 1, 0xCC] + be16(4) + $0 }
    }

    /// 802.3 with a length, LLC/SNAP (AA AA 03, OUI 00 00 0C, PID 0x2000), CDP header, TLVs.
    static func cdp(src: [UInt8], version: UInt8 = 2, tlvs: [[UInt8]], vlans: [UInt16] = []) -> [UInt8] {
        let pdu: [UInt8] = [0xAA, 0xAA, 0x03, 0x00, 0x00, 0x0C, 0x20, 0x00, version, 180, 0x12, 0x34] + tlvs.flatMap { $0 }
        return ethernet(dst: cdpMulticast, src: src, type: UInt16(pdu.count), vlans: vlans, payload: pdu)
    }
}
