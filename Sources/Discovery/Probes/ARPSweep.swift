import CPcap
import Foundation

/// Host discovery on a directly attached segment: an ARP who-has for each address, replies
/// read with libpcap. Finds hosts that drop ping: a host must answer ARP to talk IPv4 at all.
struct ARPSweep {
    enum Failure: Error { case permission(String), other(String) }

    let interface: LocalInterface
    let pacer: PacketPacer
    /// How long to keep listening after the last request.
    let wait: Double

    /// Replies by address. `sent` is called after each request (progress).
    func run(_ targets: [UInt32], sent: @Sendable () -> Void) throws(Failure) -> [UInt32: [UInt8]] {
        var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE))
        guard let handle = pcap_create(interface.name, &errorBuffer) else {
            throw .other(String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        defer { pcap_close(handle) }
        pcap_set_snaplen(handle, 128)
        pcap_set_immediate_mode(handle, 1)
        pcap_set_timeout(handle, 5)
        let status = pcap_activate(handle)
        if status == PCAP_ERROR_PERM_DENIED {
            throw .permission(String(cString: pcap_geterr(handle)))
        }
        guard status >= 0 else { throw .other("\(interface.name): \(String(cString: pcap_geterr(handle)))") }
        guard pcap_datalink(handle) == DLT_EN10MB else { throw .other("\(interface.name) is not Ethernet") }
        var program = bpf_program()
        // ARP replies only (operation 2).
        guard pcap_compile(handle, &program, "arp and arp[6:2] = 2", 1, PCAP_NETMASK_UNKNOWN) == 0 else {
            throw .other("bpf: \(String(cString: pcap_geterr(handle)))")
        }
        defer { pcap_freecode(&program) }
        pcap_setfilter(handle, &program)
        pcap_setdirection(handle, PCAP_D_IN)
        _ = pcap_setnonblock(handle, 1, &errorBuffer)

        var replies: [UInt32: [UInt8]] = [:]
        let wanted = Set(targets)
        func drain() {
            var header: UnsafeMutablePointer<pcap_pkthdr>?
            var data: UnsafePointer<UInt8>?
            while pcap_next_ex(handle, &header, &data) == 1, let header, let data {
                let length = Int(header.pointee.caplen)
                guard length >= 42 else { continue }
                let frame = UnsafeBufferPointer(start: data, count: length)
                // Ethernet (14) + ARP: htype 1, ptype 0x0800, hlen 6, plen 4, op 2
                guard frame[12] == 0x08, frame[13] == 0x06, frame[20] == 0, frame[21] == 2 else { continue }
                let sender = frame[22..<28]
                let ip = frame[28..<32].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                if wanted.contains(ip), replies[ip] == nil { replies[ip] = Array(sender) }
            }
        }
        var frame = [UInt8](repeating: 0, count: 60)
        for index in 0..<6 { frame[index] = 0xFF }
        frame.replaceSubrange(6..<12, with: interface.mac)
        frame.replaceSubrange(12..<22, with: [0x08, 0x06, 0, 1, 0x08, 0x00, 6, 4, 0, 1])
        frame.replaceSubrange(22..<28, with: interface.mac)
        frame.replaceSubrange(28..<32, with: bytes(interface.address))
        for target in targets {
            pacer.wait()
            frame.replaceSubrange(38..<42, with: bytes(target))
            _ = frame.withUnsafeBytes { pcap_inject(handle, $0.baseAddress, 60) }
            sent()
            drain()
        }
        let deadline = PacketPacer.now() + wait
        while PacketPacer.now() < deadline && replies.count < wanted.count {
            drain()
            usleep(2_000)
        }
        drain()
        return replies
    }

    private func bytes(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
