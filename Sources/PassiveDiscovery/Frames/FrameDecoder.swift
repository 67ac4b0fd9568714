/// Decodes the Ethernet frames passive discovery listens for: ARP, DHCP client messages, LLDP and
/// CDP, bare or behind one or two 802.1Q/802.1ad tags. Pure and total: any byte string gives a
/// sighting or nil, never a trap, however short, long or malformed.
public enum FrameDecoder {
    static let vlanTags: Set<UInt16> = [0x8100, 0x88A8, 0x9100]
    static let arpType: UInt16 = 0x0806
    static let ipv4Type: UInt16 = 0x0800
    static let lldpType: UInt16 = 0x88CC

    public static func decode(_ frame: [UInt8]) -> Sighting? {
        decode(frame[...])
    }

    public static func decode(_ frame: ArraySlice<UInt8>) -> Sighting? {
        var cursor = ByteCursor(frame)
        guard cursor.skip(6), let sourceBytes = cursor.take(6), let source = MACAddress(sourceBytes),
              var typeOrLength = cursor.u16() else { return nil }
        var vlan: UInt16?
        var tags = 0
        while vlanTags.contains(typeOrLength) {
            tags += 1
            guard tags <= 2, let tci = cursor.u16(), let next = cursor.u16() else { return nil }
            vlan = tci & 0x0FFF
            typeOrLength = next
        }
        let sighting: Sighting?
        switch typeOrLength {
        case arpType: sighting = ARPDecoder.decode(&cursor, frameSource: source)
        case ipv4Type: sighting = DHCPDecoder.decode(&cursor, frameSource: source)
        case lldpType: sighting = LLDPDecoder.decode(&cursor, frameSource: source)
        case 0...1500:
            // IEEE 802.3 with a length: LLC/SNAP follows; trailing padding is not part of it. A
            // frame shorter than its length was cut off.
            guard let payload = cursor.take(Int(typeOrLength)) else { return nil }
            var llc = ByteCursor(payload)
            sighting = CDPDecoder.decode(&llc, frameSource: source)
        default: sighting = nil
        }
        guard var sighting else { return nil }
        sighting.vlan = vlan
        return sighting
    }
}

enum ARPDecoder {
    static func decode(_ cursor: inout ByteCursor, frameSource: MACAddress) -> Sighting? {
        // Ethernet (1) / IPv4 (0x0800), 6-byte and 4-byte addresses.
        guard cursor.u16() == 1, cursor.u16() == 0x0800, cursor.u8() == 6, cursor.u8() == 4,
              let op = cursor.u16(), let operation = ARPPacket.Operation(rawValue: op),
              let senderMAC = cursor.take(6).flatMap(MACAddress.init), let senderIP = cursor.take(4).flatMap(IPv4Address.init),
              let targetMAC = cursor.take(6).flatMap(MACAddress.init), let targetIP = cursor.take(4).flatMap(IPv4Address.init),
              senderMAC.isUnicastHost
        else { return nil }
        let packet = ARPPacket(operation: operation, senderMAC: senderMAC, senderIP: senderIP, targetMAC: targetMAC, targetIP: targetIP)
        // A probe's sender has no address yet; the address it asks about is not its own.
        let ip = senderIP.isHostAddress ? senderIP : nil
        return Sighting(seenBy: .arp, mac: senderMAC, ipv4: ip, name: nil, vlan: nil, frameSource: frameSource, detail: .arp(packet))
    }
}

enum DHCPDecoder {
    static let cookie: UInt32 = 0x6382_5363

    /// An IPv4 datagram: only unfragmented UDP to port 67 (a client's or a relay's request).
    static func decode(_ cursor: inout ByteCursor, frameSource: MACAddress) -> Sighting? {
        guard let versionIHL = cursor.u8(), versionIHL >> 4 == 4 else { return nil }
        let headerLength = Int(versionIHL & 0x0F) * 4
        guard headerLength >= 20, cursor.skip(1), let totalLength = cursor.u16(), Int(totalLength) >= headerLength,
              cursor.skip(2), let fragment = cursor.u16(), fragment & 0x3FFF == 0,  // neither MF nor an offset
              cursor.skip(1), cursor.u8() == 17, cursor.skip(2 + 4 + 4), cursor.skip(headerLength - 20),
              // UDP
              cursor.u16() != nil, cursor.u16() == 67, let udpLength = cursor.u16(), udpLength >= 8, cursor.skip(2),
              Int(udpLength) - 8 <= cursor.remaining,
              let payload = cursor.take(Int(udpLength) - 8)
        else { return nil }
        var bootp = ByteCursor(payload)
        // BOOTREQUEST, Ethernet, 6-byte hardware address.
        guard bootp.u8() == 1, bootp.u8() == 1, bootp.u8() == 6, bootp.skip(1 + 4 + 2 + 2),
              let ciaddr = bootp.take(4).flatMap(IPv4Address.init), bootp.skip(8),
              let giaddr = bootp.take(4).flatMap(IPv4Address.init),
              let chaddr = bootp.take(16), let clientMAC = MACAddress(chaddr.prefix(6)), clientMAC.isUnicastHost,
              bootp.skip(64 + 128), bootp.u32() == cookie
        else { return nil }
        var type: DHCPRequest.MessageType?
        var requested: IPv4Address?
        var hostName: String?
        var vendorClass: String?
        options: while let code = bootp.u8() {
            switch code {
            case 0: continue
            case 255: break options
            default:
                guard let length = bootp.u8(), let value = bootp.take(Int(length)) else { return nil }
                switch code {
                case 53:
                    guard value.count == 1 else { return nil }
                    type = DHCPRequest.MessageType(rawValue: value[value.startIndex])
                    // DECLINE, RELEASE and the server's messages say nothing new of a client.
                    if type == nil { return nil }
                case 50: requested = IPv4Address(value)
                case 12: hostName = FrameText.text(value)
                case 60: vendorClass = FrameText.text(value)
                default: break
                }
            }
        }
        guard let type else { return nil }
        let request = DHCPRequest(messageType: type, clientMAC: clientMAC, clientIP: ciaddr.isUnspecified ? nil : ciaddr,
                                  requestedIP: requested, hostName: hostName, vendorClass: vendorClass,
                                  relay: giaddr.isUnspecified ? nil : giaddr)
        let ip = [request.clientIP, request.requestedIP].compactMap { $0 }.first { $0.isHostAddress }
        return Sighting(seenBy: .dhcp, mac: clientMAC, ipv4: ip, name: hostName, vlan: nil, frameSource: frameSource, detail: .dhcp(request))
    }
}

enum LLDPDecoder {
    static func decode(_ cursor: inout ByteCursor, frameSource: MACAddress) -> Sighting? {
        var chassis: (subtype: UInt8, value: ArraySlice<UInt8>)?
        var port: (subtype: UInt8, value: ArraySlice<UInt8>)?
        var ttl: UInt16?
        var portDescription: String?, systemName: String?, systemDescription: String?
        var management: [IPv4Address] = []
        tlvs: while let header = cursor.u16() {
            let type = header >> 9
            guard let value = cursor.take(Int(header & 0x01FF)) else { return nil }
            var v = ByteCursor(value)
            switch type {
            case 0: break tlvs  // End of LLDPDU; padding may follow.
            case 1, 2:
                guard let subtype = v.u8(), !v.isEmpty else { return nil }
                if type == 1 { chassis = (subtype, v.rest) } else { port = (subtype, v.rest) }
            case 3: ttl = v.u16()
            case 4: portDescription = FrameText.text(value)
            case 5: systemName = FrameText.text(value)
            case 6: systemDescription = FrameText.text(value)
            case 8:
                // Address string length (subtype + address), subtype, address, then the
                // interface numbering and OID, which say nothing about the host.
                guard let length = v.u8(), length >= 2, let subtype = v.u8(), let address = v.take(Int(length) - 1) else { return nil }
                if subtype == 1, let ip = IPv4Address(address) { management.append(ip) }
            default: break
            }
        }
        guard let chassis else { return nil }
        let chassisText: String
        var chassisMAC: MACAddress?
        var chassisIP: IPv4Address?
        switch chassis.subtype {
        case 4:
            chassisMAC = MACAddress(chassis.value)
            chassisText = chassisMAC?.description ?? FrameText.hex(chassis.value)
        case 5:
            chassisIP = Self.networkAddress(chassis.value)
            chassisText = chassisIP?.description ?? FrameText.hex(chassis.value)
        default:
            chassisText = FrameText.identifier(chassis.value) ?? ""
        }
        let portText: String? = port.map { port in
            switch port.subtype {
            case 3: MACAddress(port.value)?.description ?? FrameText.hex(port.value)
            case 4: Self.networkAddress(port.value)?.description ?? FrameText.hex(port.value)
            default: FrameText.identifier(port.value) ?? ""
            }
        }
        let advertisement = LLDPAdvertisement(
            chassisID: chassisText, chassisIDSubtype: chassis.subtype, portID: portText, portIDSubtype: port?.subtype, ttl: ttl,
            portDescription: portDescription, systemName: systemName, systemDescription: systemDescription,
            managementAddresses: management)
        let mac = chassisMAC.flatMap { $0.isUnicastHost ? $0 : nil } ?? frameSource
        guard mac.isUnicastHost else { return nil }
        let ip = (management + [chassisIP].compactMap { $0 }).first { $0.isHostAddress }
        return Sighting(seenBy: .lldp, mac: mac, ipv4: ip, name: systemName, vlan: nil, frameSource: frameSource, detail: .lldp(advertisement))
    }

    /// An IANA address family number and the address: IPv4 (1) only.
    static func networkAddress(_ bytes: ArraySlice<UInt8>) -> IPv4Address? {
        guard bytes.first == 1 else { return nil }
        return IPv4Address(bytes.dropFirst())
    }
}

enum CDPDecoder {
    /// An 802.3 payload: LLC (SNAP), Cisco's OUI, protocol 0x2000, then the CDP header and TLVs.
    static func decode(_ cursor: inout ByteCursor, frameSource: MACAddress) -> Sighting? {
        guard cursor.u8() == 0xAA, cursor.u8() == 0xAA, cursor.u8() == 0x03,
              cursor.u8() == 0x00, cursor.u8() == 0x00, cursor.u8() == 0x0C, cursor.u16() == 0x2000,
              let version = cursor.u8(), version == 1 || version == 2, let ttl = cursor.u8(), cursor.skip(2)
        else { return nil }
        var advertisement = CDPAdvertisement(version: version, ttl: ttl, deviceID: nil, addresses: [], portID: nil,
                                             softwareVersion: nil, platform: nil, managementAddresses: [])
        var sawTLV = false
        while !cursor.isEmpty {
            guard let type = cursor.u16(), let length = cursor.u16(), length >= 4, let value = cursor.take(Int(length) - 4) else { return nil }
            sawTLV = true
            switch type {
            case 0x0001: advertisement.deviceID = FrameText.text(value)
            case 0x0002: guard let list = Self.addresses(value) else { return nil }; advertisement.addresses = list
            case 0x0003: advertisement.portID = FrameText.text(value)
            case 0x0005: advertisement.softwareVersion = FrameText.text(value)
            case 0x0006: advertisement.platform = FrameText.text(value)
            case 0x0016: guard let list = Self.addresses(value) else { return nil }; advertisement.managementAddresses = list
            default: break
            }
        }
        guard sawTLV, frameSource.isUnicastHost else { return nil }
        let ip = (advertisement.addresses + advertisement.managementAddresses).first { $0.isHostAddress }
        return Sighting(seenBy: .cdp, mac: frameSource, ipv4: ip, name: advertisement.deviceID, vlan: nil, frameSource: frameSource,
                        detail: .cdp(advertisement))
    }

    /// Count (4 bytes), then per address: protocol type, protocol length, protocol, address
    /// length (2 bytes), address. IPv4 is NLPID (1) protocol 0xCC; others are skipped.
    static func addresses(_ bytes: ArraySlice<UInt8>) -> [IPv4Address]? {
        var cursor = ByteCursor(bytes)
        guard let count = cursor.u32() else { return nil }
        var found: [IPv4Address] = []
        for _ in 0..<min(count, 64) {
            guard let protocolType = cursor.u8(), let protocolLength = cursor.u8(), let proto = cursor.take(Int(protocolLength)),
                  let addressLength = cursor.u16(), let address = cursor.take(Int(addressLength)) else { return nil }
            if protocolType == 1, proto.count == 1, proto.first == 0xCC, let ip = IPv4Address(address) { found.append(ip) }
        }
        return found
    }
}
