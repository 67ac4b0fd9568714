import Foundation
import PassiveDiscovery
import Testing

@Suite struct FrameDecoderTests {
    typealias B = FrameBuilder
    static let host: [UInt8] = [0x00, 0x1B, 0x21, 0x0A, 0x0B, 0x0C]
    static let other: [UInt8] = [0x00, 0x00, 0x0C, 0x9F, 0xF0, 0x01]

    // MARK: ARP

    @Test func arpRequestGivesTheSender() throws {
        let frame = B.arp(op: 1, senderMAC: Self.host, senderIP: B.ip(10, 9, 0, 7), targetIP: B.ip(10, 9, 0, 1))
        let sighting = try #require(FrameDecoder.decode(frame))
        #expect(sighting.seenBy == .arp)
        #expect(sighting.mac.description == "00:1b:21:0a:0b:0c")
        #expect(sighting.ipv4?.description == "10.9.0.7")
        #expect(sighting.vlan == nil)
        guard case .arp(let packet) = sighting.detail else { Issue.record("not ARP"); return }
        #expect(packet.operation == .request)
        #expect(packet.targetIP.description == "10.9.0.1")
        #expect(!packet.isGratuitous && !packet.isProbe)
    }

    @Test func arpReplyGratuitousAndProbe() throws {
        let reply = try #require(FrameDecoder.decode(B.arp(op: 2, senderMAC: Self.other, senderIP: B.ip(10, 9, 0, 1),
                                                             targetMAC: Self.host, targetIP: B.ip(10, 9, 0, 7))))
        #expect(reply.mac.description == "00:00:0c:9f:f0:01")
        #expect(reply.ipv4?.description == "10.9.0.1")

        let gratuitous = try #require(FrameDecoder.decode(B.arp(op: 1, senderMAC: Self.host, senderIP: B.ip(10, 9, 0, 7), targetIP: B.ip(10, 9, 0, 7))))
        guard case .arp(let announcement) = gratuitous.detail else { Issue.record("not ARP"); return }
        #expect(announcement.isGratuitous)
        #expect(gratuitous.ipv4?.description == "10.9.0.7")

        // RFC 5227 probe: the host has no address yet, the target is the one it wants.
        let probe = try #require(FrameDecoder.decode(B.arp(op: 1, senderMAC: Self.host, senderIP: B.ip(0, 0, 0, 0), targetIP: B.ip(10, 9, 0, 7))))
        guard case .arp(let asked) = probe.detail else { Issue.record("not ARP"); return }
        #expect(asked.isProbe)
        #expect(probe.ipv4 == nil, "a probe's target is not the sender's address")
        #expect(probe.mac.description == "00:1b:21:0a:0b:0c")
    }

    @Test func vlanTagsAreRead() throws {
        let tagged = try #require(FrameDecoder.decode(B.arp(op: 1, senderMAC: Self.host, senderIP: B.ip(10, 9, 0, 7), targetIP: B.ip(10, 9, 0, 1), vlans: [42])))
        #expect(tagged.vlan == 42)
        #expect(tagged.ipv4?.description == "10.9.0.7")
        // 802.1ad outer tag, 802.1Q inner: the inner (customer) VLAN.
        let qinq = try #require(FrameDecoder.decode(B.arp(op: 1, senderMAC: Self.host, senderIP: B.ip(10, 9, 0, 7), targetIP: B.ip(10, 9, 0, 1), vlans: [100, 7])))
        #expect(qinq.vlan == 7)
        // Three tags: not something we read.
        var three = B.arp(op: 1, senderMAC: Self.host, senderIP: B.ip(10, 9, 0, 7), targetIP: B.ip(10, 9, 0, 1), vlans: [5])
        three.insert(contentsOf: [0x81, 0x00, 0x00, 0x06, 0x81, 0x00, 0x00, 0x07], at: 12)
        #expect(FrameDecoder.decode(three) == nil)
    }

    @Test func arpThatIsNotEthernetIPv4OrFromAGroupAddressIsIgnored() {
        var wrongHardware = B.arp(op: 1, senderMAC: Self.host, senderIP: B.ip(10, 9, 0, 7), targetIP: B.ip(10, 9, 0, 1))
        wrongHardware[15] = 6  // htype 6 (IEEE 802)
        #expect(FrameDecoder.decode(wrongHardware) == nil)
        var wrongOperation = B.arp(op: 1, senderMAC: Self.host, senderIP: B.ip(10, 9, 0, 7), targetIP: B.ip(10, 9, 0, 1))
        wrongOperation[21] = 3  // RARP request
        #expect(FrameDecoder.decode(wrongOperation) == nil)
        #expect(FrameDecoder.decode(B.arp(op: 1, senderMAC: B.broadcast, senderIP: B.ip(10, 9, 0, 7), targetIP: B.ip(10, 9, 0, 1))) == nil)
        #expect(FrameDecoder.decode(B.arp(op: 1, senderMAC: [0, 0, 0, 0, 0, 0], senderIP: B.ip(10, 9, 0, 7), targetIP: B.ip(10, 9, 0, 1))) == nil)
    }

    // MARK: DHCP

    @Test func dhcpDiscoverGivesClientRequestedAddressHostNameAndVendorClass() throws {
        let frame = B.dhcp(type: 1, chaddr: Self.host, options: [
            .init(code: 61, value: [1] + Self.host),
            .init(code: 50, value: B.ip(10, 9, 0, 50)),
            .init(code: 12, value: Array("lab-printer".utf8)),
            .init(code: 60, value: Array("MSFT 5.0".utf8)),
            .init(code: 55, value: [1, 3, 6, 15]),
        ])
        let sighting = try #require(FrameDecoder.decode(frame))
        #expect(sighting.seenBy == .dhcp)
        #expect(sighting.mac.description == "00:1b:21:0a:0b:0c")
        #expect(sighting.ipv4?.description == "10.9.0.50")
        #expect(sighting.name == "lab-printer")
        guard case .dhcp(let request) = sighting.detail else { Issue.record("not DHCP"); return }
        #expect(request.messageType == .discover)
        #expect(request.hostName == "lab-printer")
        #expect(request.vendorClass == "MSFT 5.0")
        #expect(request.relay == nil && request.clientIP == nil)
    }

    @Test func dhcpRequestRenewingAndRelayedAndIPOptions() throws {
        // Renewing: ciaddr set, no option 50.
        let renew = try #require(FrameDecoder.decode(B.dhcp(type: 3, chaddr: Self.host, ciaddr: B.ip(10, 9, 0, 51), options: [],
                                                            srcIP: B.ip(10, 9, 0, 51))))
        #expect(renew.ipv4?.description == "10.9.0.51")
        // Relayed: the frame comes from the relay, the client is chaddr.
        let relayed = try #require(FrameDecoder.decode(B.dhcp(type: 1, chaddr: Self.host, giaddr: B.ip(10, 9, 0, 1), options: [],
                                                              source: Self.other, srcIP: B.ip(10, 9, 0, 1), srcPort: 67)))
        #expect(relayed.mac.description == "00:1b:21:0a:0b:0c")
        #expect(relayed.frameSource.description == "00:00:0c:9f:f0:01")
        guard case .dhcp(let request) = relayed.detail else { Issue.record("not DHCP"); return }
        #expect(request.relay?.description == "10.9.0.1")
        #expect(relayed.ipv4 == nil)
        // An IP header with options (IHL 6).
        let withOptions = try #require(FrameDecoder.decode(B.dhcp(type: 8, chaddr: Self.host, ciaddr: B.ip(10, 9, 0, 52), options: [],
                                                                  ipOptions: [1, 1, 1, 0])))
        #expect(withOptions.ipv4?.description == "10.9.0.52")
    }

    @Test func dhcpMessagesThatSayNothingOfAClientAreIgnored() {
        for type: UInt8 in [2, 4, 5, 6, 7] {  // OFFER, DECLINE, ACK, NAK, RELEASE
            #expect(FrameDecoder.decode(B.dhcp(type: type, chaddr: Self.host, options: [])) == nil, "type \(type)")
        }
        // A fragment, a BOOTREPLY, a wrong cookie, a bad option length.
        #expect(FrameDecoder.decode(B.dhcp(type: 1, chaddr: Self.host, options: [], fragment: 0x2000)) == nil)
        var reply = B.dhcp(type: 1, chaddr: Self.host, options: [])
        reply[42] = 2
        #expect(FrameDecoder.decode(reply) == nil)
        var cookie = B.dhcp(type: 1, chaddr: Self.host, options: [])
        cookie[42 + 236] = 0
        #expect(FrameDecoder.decode(cookie) == nil)
        var overlong = B.dhcp(type: 1, chaddr: Self.host, options: [.init(code: 12, value: Array("abc".utf8))])
        overlong[42 + 240 + 3 + 1] = 200  // option 12 claims 200 bytes
        #expect(FrameDecoder.decode(overlong) == nil)
        // To port 68 (server to client): not a request.
        var toClient = B.dhcp(type: 1, chaddr: Self.host, options: [])
        toClient[36] = 0; toClient[37] = 68
        #expect(FrameDecoder.decode(toClient) == nil)
    }

    @Test func hostileTextIsCleaned() throws {
        let frame = B.dhcp(type: 1, chaddr: Self.host, options: [.init(code: 12, value: Array("evil\nFAKE LOG LINE\u{1B}[31m".utf8) + [0, 0])])
        let sighting = try #require(FrameDecoder.decode(frame))
        #expect(sighting.name == "evil?FAKE LOG LINE?[31m")
    }

    // MARK: LLDP

    static let lldpTLVs: [[UInt8]] = [
        B.lldpTLV(1, [4] + host),                                     // chassis: MAC
        B.lldpTLV(2, [5] + Array("ge-0/0/1".utf8)),                    // port: interface name
        B.lldpTLV(3, B.be16(120)),                                     // TTL
        B.lldpTLV(4, Array("uplink".utf8)),
        B.lldpTLV(5, Array("core-sw1".utf8)),
        B.lldpTLV(6, Array("Juniper Networks EX2300".utf8)),
        B.lldpTLV(7, [0, 0x14, 0, 0x14]),                              // capabilities
        B.lldpTLV(8, [7, 2] + Array(repeating: 0xFE, count: 6) + [2] + B.be32(1) + [0]),  // an IPv6 (skipped)
        B.lldpTLV(8, [5, 1] + B.ip(10, 9, 0, 60) + [2] + B.be32(3) + [0]),
        B.lldpTLV(127, [0x00, 0x12, 0x0F, 1, 3, 0x6C, 0x03, 0x00, 0x10]),  // org-specific (802.3 MAC/PHY)
    ]

    @Test func lldpGivesChassisPortNamesAndManagementAddress() throws {
        let sighting = try #require(FrameDecoder.decode(B.lldp(src: Self.other, tlvs: Self.lldpTLVs)))
        #expect(sighting.seenBy == .lldp)
        #expect(sighting.mac.description == "00:1b:21:0a:0b:0c", "the chassis MAC, not the port's")
        #expect(sighting.frameSource.description == "00:00:0c:9f:f0:01")
        #expect(sighting.ipv4?.description == "10.9.0.60")
        #expect(sighting.name == "core-sw1")
        guard case .lldp(let lldp) = sighting.detail else { Issue.record("not LLDP"); return }
        #expect(lldp.chassisID == "00:1b:21:0a:0b:0c" && lldp.chassisIDSubtype == 4)
        #expect(lldp.portID == "ge-0/0/1" && lldp.portIDSubtype == 5)
        #expect(lldp.ttl == 120)
        #expect(lldp.portDescription == "uplink")
        #expect(lldp.systemDescription == "Juniper Networks EX2300")
        #expect(lldp.managementAddresses.map(\.description) == ["10.9.0.60"])
    }

    @Test func lldpWithALocalChassisIDUsesTheFrameSource() throws {
        let frame = B.lldp(src: Self.other, tlvs: [B.lldpTLV(1, [7] + Array("SN-12345".utf8)), B.lldpTLV(2, [3] + Self.other),
                                                   B.lldpTLV(3, B.be16(120))], vlans: [10])
        let sighting = try #require(FrameDecoder.decode(frame))
        #expect(sighting.mac.description == "00:00:0c:9f:f0:01")
        #expect(sighting.ipv4 == nil)
        #expect(sighting.vlan == 10)
        guard case .lldp(let lldp) = sighting.detail else { Issue.record("not LLDP"); return }
        #expect(lldp.chassisID == "SN-12345")
        #expect(lldp.portID == "00:00:0c:9f:f0:01")
        // Chassis as a network address (subtype 5, family 1 = IPv4).
        let byAddress = try #require(FrameDecoder.decode(B.lldp(src: Self.other, tlvs: [B.lldpTLV(1, [5, 1] + B.ip(10, 9, 0, 61)), B.lldpTLV(3, B.be16(1))])))
        #expect(byAddress.ipv4?.description == "10.9.0.61")
        // No chassis TLV, or an empty one: not LLDP we can use.
        #expect(FrameDecoder.decode(B.lldp(src: Self.other, tlvs: [B.lldpTLV(3, B.be16(120))])) == nil)
        #expect(FrameDecoder.decode(B.lldp(src: Self.other, tlvs: [B.lldpTLV(1, [4])])) == nil)
    }

    // MARK: CDP

    static let cdpTLVs: [[UInt8]] = [
        B.cdpTLV(0x0001, Array("branch-rtr.example".utf8)),
        B.cdpTLV(0x0002, B.cdpAddresses([B.ip(10, 9, 0, 70)])),
        B.cdpTLV(0x0003, Array("GigabitEthernet0/1".utf8)),
        B.cdpTLV(0x0004, B.be32(0x29)),
        B.cdpTLV(0x0005, Array("Cisco IOS Software, C2900 Software, Version 15.7(3)M5".utf8)),
        B.cdpTLV(0x0006, Array("cisco CISCO2911/K9".utf8)),
        B.cdpTLV(0x0016, B.cdpAddresses([B.ip(10, 9, 0, 71)])),
    ]

    @Test func cdpGivesDeviceIDAddressesPlatformAndPort() throws {
        let sighting = try #require(FrameDecoder.decode(B.cdp(src: Self.other, tlvs: Self.cdpTLVs)))
        #expect(sighting.seenBy == .cdp)
        #expect(sighting.mac.description == "00:00:0c:9f:f0:01")
        #expect(sighting.ipv4?.description == "10.9.0.70")
        #expect(sighting.name == "branch-rtr.example")
        guard case .cdp(let cdp) = sighting.detail else { Issue.record("not CDP"); return }
        #expect(cdp.version == 2 && cdp.ttl == 180)
        #expect(cdp.portID == "GigabitEthernet0/1")
        #expect(cdp.platform == "cisco CISCO2911/K9")
        #expect(cdp.softwareVersion?.hasPrefix("Cisco IOS Software") == true)
        #expect(cdp.managementAddresses.map(\.description) == ["10.9.0.71"])
        let tagged = try #require(FrameDecoder.decode(B.cdp(src: Self.other, version: 1, tlvs: Self.cdpTLVs, vlans: [99])))
        #expect(tagged.vlan == 99)
    }

    @Test func cdpOddities() throws {
        // An IPv6 address (802.2 protocol) before the IPv4 one is skipped.
        let v6: [UInt8] = B.be32(2) + [2, 8, 0xAA, 0xAA, 0x03, 0, 0, 0, 0x86, 0xDD] + B.be16(16) + Array(repeating: 0xFE, count: 16)
            + [1, 1, 0xCC] + B.be16(4) + B.ip(10, 9, 0, 72)
        let sighting = try #require(FrameDecoder.decode(B.cdp(src: Self.other, tlvs: [B.cdpTLV(0x0002, v6)])))
        #expect(sighting.ipv4?.description == "10.9.0.72")
        // A TLV length under its own header, an address list that runs out, another SNAP protocol.
        #expect(FrameDecoder.decode(B.cdp(src: Self.other, tlvs: [B.be16(1) + B.be16(2)])) == nil)
        #expect(FrameDecoder.decode(B.cdp(src: Self.other, tlvs: [B.cdpTLV(0x0002, B.be32(3) + [1, 1, 0xCC] + B.be16(4) + B.ip(1, 2, 3, 4))])) == nil)
        var vtp = B.cdp(src: Self.other, tlvs: Self.cdpTLVs)
        vtp[21] = 0x03  // PID 0x2003 (VTP)
        #expect(FrameDecoder.decode(vtp) == nil)
        #expect(FrameDecoder.decode(B.cdp(src: Self.other, tlvs: [])) == nil, "no TLVs at all")
    }

    // MARK: Frames real peers sent

    /// Captured with tcpdump on a veth (Fixtures/frames/*.hex, also the fuzzer's seeds): iputils
    /// arping 20221126, busybox 1.35.0 udhcpc (`-r 10.9.0.50 -x hostname:lab-printer -V
    /// netwarden-test`) and lldpd 1.0.16 (`-l -ccccc -m 10.9.0.60 -S "netwarden test peer"`), on
    /// Debian 12.
    static let captured: [String: String] = {
        guard let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)?.appendingPathComponent("frames"),
              let files = try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil) else { return [:] }
        return Dictionary(uniqueKeysWithValues: files.filter { $0.pathExtension == "hex" }.compactMap { file in
            (try? String(contentsOf: file, encoding: .utf8)).map { (file.deletingPathExtension().lastPathComponent, $0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        })
    }()

    static func bytes(_ hex: String) -> [UInt8] {
        var result: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            result.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return result
    }

    @Test func framesRealPeersSent() throws {
        #expect(Self.captured.keys.sorted() == ["arp", "cdp", "dhcp", "lldp"])
        let arp = try #require(FrameDecoder.decode(Self.bytes(Self.captured["arp"]!)))
        #expect(arp.seenBy == .arp && arp.mac.description == "00:1b:21:aa:bb:01" && arp.ipv4?.description == "10.9.0.7")

        let dhcp = try #require(FrameDecoder.decode(Self.bytes(Self.captured["dhcp"]!)))
        #expect(dhcp.seenBy == .dhcp && dhcp.mac.description == "00:00:0c:aa:bb:02" && dhcp.ipv4?.description == "10.9.0.50")
        guard case .dhcp(let request) = dhcp.detail else { Issue.record("not DHCP"); return }
        #expect(request.messageType == .discover && request.hostName == "lab-printer" && request.vendorClass == "netwarden-test")

        let lldp = try #require(FrameDecoder.decode(Self.bytes(Self.captured["lldp"]!)))
        #expect(lldp.seenBy == .lldp && lldp.mac.description == "00:50:56:aa:bb:03" && lldp.ipv4?.description == "10.9.0.60")
        guard case .lldp(let advertisement) = lldp.detail else { Issue.record("not LLDP"); return }
        #expect(advertisement.systemName == "vm" && advertisement.systemDescription == "netwarden test peer")
        #expect(advertisement.portID == "00:50:56:aa:bb:03" && advertisement.portDescription == "pdtm2" && advertisement.ttl == 120)

        let cdp = try #require(FrameDecoder.decode(Self.bytes(Self.captured["cdp"]!)))
        #expect(cdp.seenBy == .cdp && cdp.mac.description == "00:50:56:aa:bb:03" && cdp.ipv4?.description == "10.9.0.60")
        guard case .cdp(let cisco) = cdp.detail else { Issue.record("not CDP"); return }
        #expect(cisco.deviceID == "vm" && cisco.portID == "pdtm2" && cisco.platform == "Linux" && cisco.softwareVersion == "netwarden test peer")
        #expect(cisco.version == 2 && cisco.ttl == 120)

        for (name, hex) in Self.captured {
            let frame = Self.bytes(hex)
            for length in 0..<frame.count where FrameDecoder.decode(Array(frame.prefix(length))) != nil {
                #expect(name == "lldp", "\(name): a \(length)-byte prefix decoded")
            }
        }
    }

    /// Inputs the fuzzer (scripts/fuzz.sh) found are kept in Fixtures/crashers and replayed.
    @Test func crashersReplay() throws {
        guard let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)?.appendingPathComponent("crashers"),
              let files = try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil) else { return }
        for file in files where !file.lastPathComponent.hasPrefix(".") {
            _ = FrameDecoder.decode(Array(try Data(contentsOf: file)))
        }
    }

    // MARK: Malformed and truncated

    static var validFrames: [(String, [UInt8])] {
        [
            ("arp", B.arp(op: 1, senderMAC: host, senderIP: B.ip(10, 9, 0, 7), targetIP: B.ip(10, 9, 0, 1), vlans: [42])),
            ("dhcp", B.dhcp(type: 1, chaddr: host, options: [.init(code: 50, value: B.ip(10, 9, 0, 50)), .init(code: 12, value: Array("h".utf8))],
                            ipOptions: [1, 1, 1, 0])),
            ("lldp", B.lldp(src: other, tlvs: lldpTLVs)),
            ("cdp", B.cdp(src: other, tlvs: cdpTLVs, vlans: [99])),
        ].map { name, frame in
            // Without the padding, so that the last byte is the protocol's own.
            var trimmed = frame
            while trimmed.count > 14, trimmed.last == 0, FrameDecoder.decode(Array(trimmed.dropLast())) == FrameDecoder.decode(frame) {
                trimmed.removeLast()
            }
            return (name, trimmed)
        }
    }

    @Test func everyTruncatedPrefixIsRejectedOrTheSameHost() throws {
        for (name, frame) in Self.validFrames {
            let full = try #require(FrameDecoder.decode(frame), "\(name)")
            for length in 0..<frame.count {
                let prefix = Array(frame.prefix(length))
                guard let partial = FrameDecoder.decode(prefix) else { continue }
                // LLDP may stop at a TLV boundary (the End TLV is not required); nothing else may.
                #expect(name == "lldp", "\(name): a \(length)-byte prefix of \(frame.count) decoded")
                #expect(partial.mac == full.mac && partial.seenBy == full.seenBy, "\(name) prefix \(length)")
            }
        }
    }

    @Test func mutatedAndRandomFramesNeverTrap() {
        var generator = SplitMix64(seed: 0x5EED)
        var decoded = 0
        for (_, frame) in Self.validFrames {
            for _ in 0..<10_000 {
                var mutated = frame
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let index = Int.random(in: 0..<mutated.count, using: &generator)
                    mutated[index] = UInt8.random(in: 0...255, using: &generator)
                }
                if Bool.random(using: &generator) { mutated = Array(mutated.prefix(Int.random(in: 0...mutated.count, using: &generator))) }
                if FrameDecoder.decode(mutated) != nil { decoded += 1 }
            }
        }
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...300, using: &generator)
            var frame = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if length >= 14 { frame[12] = [0x08, 0x88, 0x00, 0x81][Int.random(in: 0..<4, using: &generator)] }
            _ = FrameDecoder.decode(frame)
        }
        #expect(decoded > 0, "some single-byte changes still decode (a changed name, say)")
    }

    @Test func addressText() {
        #expect(MACAddress("00-1B-21-0A-0B-0C")?.description == "00:1b:21:0a:0b:0c")
        #expect(MACAddress("001b.210a.0b0c")?.description == "00:1b:21:0a:0b:0c")
        #expect(MACAddress("00:1b:21:0a:0b") == nil)
        #expect(MACAddress("02:00:00:00:00:01")?.isLocallyAdministered == true)
        #expect(IPv4Address("10.9.0.300") == nil)
        #expect(IPv4Address("10.9.0.7")?.description == "10.9.0.7")
    }
}

/// A seeded generator, so that a failure can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
