import CPcap
import Foundation
import Synchronization

/// Listens on one interface with libpcap and hands each ARP, DHCP, LLDP or CDP frame it can
/// read as a ``Sighting`` to an async sequence. libpcap blocks, so the capture runs on a thread
/// of its own (polling the descriptor a few times a second to notice `stop`), never on the
/// cooperative pool.
public final class PassiveCapture: Sendable {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// Opening a capture needs root or CAP_NET_RAW.
        case permission(interface: String, message: String)
        case failed(interface: String, message: String)

        public var description: String {
            switch self {
            case .permission(let interface, let message): "\(interface): no permission to capture (\(message))"
            case .failed(let interface, let message): "\(interface): \(message)"
            }
        }
    }

    public struct Counters: Sendable, Hashable {
        /// Frames libpcap handed over (after the BPF filter).
        public var frames: Int
        /// Frames that told of a host.
        public var sightings: Int
        /// Frames the kernel dropped because the capture fell behind.
        public var kernelDrops: Int
    }

    public let interface: String
    private let handle: Handle
    private let stopping = Atomic<Bool>(false)
    private let started = Atomic<Bool>(false)
    private let frames = Atomic<Int>(0)
    private let sightings = Atomic<Int>(0)
    private let drops = Atomic<Int>(0)

    /// The pcap handle: used by the capture thread only once started, closed by whoever is last.
    private final class Handle: @unchecked Sendable {
        let pointer: OpaquePointer
        init(_ pointer: OpaquePointer) { self.pointer = pointer }
        deinit { pcap_close(pointer) }
    }

    /// Opens and activates the capture (promiscuous) with the BPF filter (tcpdump syntax);
    /// frames the host sends itself are not captured.
    public init(interface: String, filter: String, snapLength: Int32 = 2048) throws(Failure) {
        self.interface = interface
        var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE))
        guard let pointer = pcap_create(interface, &errorBuffer) else {
            throw .failed(interface: interface, message: Self.text(errorBuffer))
        }
        let handle = Handle(pointer)
        pcap_set_snaplen(pointer, snapLength)
        // Promiscuous: on a mirror (SPAN) port the frames are addressed to other hosts, and some
        // NICs drop LLDP's and CDP's multicast groups unless asked for everything.
        pcap_set_promisc(pointer, 1)
        pcap_set_immediate_mode(pointer, 1)
        pcap_set_timeout(pointer, 100)
        let status = pcap_activate(pointer)
        if status == PCAP_ERROR_PERM_DENIED {
            throw .permission(interface: interface, message: String(cString: pcap_geterr(pointer)))
        }
        guard status >= 0 else {
            let message = status == PCAP_ERROR_NO_SUCH_DEVICE ? "no such interface" : String(cString: pcap_geterr(pointer))
            throw .failed(interface: interface, message: message)
        }
        guard pcap_datalink(pointer) == DLT_EN10MB else { throw .failed(interface: interface, message: "not an Ethernet interface") }
        var program = bpf_program()
        guard pcap_compile(pointer, &program, filter, 1, PCAP_NETMASK_UNKNOWN) == 0 else {
            throw .failed(interface: interface, message: "filter \"\(filter)\": \(String(cString: pcap_geterr(pointer)))")
        }
        defer { pcap_freecode(&program) }
        guard pcap_setfilter(pointer, &program) == 0 else {
            throw .failed(interface: interface, message: "filter: \(String(cString: pcap_geterr(pointer)))")
        }
        _ = pcap_setdirection(pointer, PCAP_D_IN)
        guard pcap_setnonblock(pointer, 1, &errorBuffer) == 0 else { throw .failed(interface: interface, message: Self.text(errorBuffer)) }
        self.handle = handle
    }

    public var counters: Counters {
        Counters(frames: frames.load(ordering: .relaxed), sightings: sightings.load(ordering: .relaxed), kernelDrops: drops.load(ordering: .relaxed))
    }

    /// Starts the capture thread (once). The sequence ends after ``stop()``, or with an error
    /// when the interface fails (it was removed, say).
    public func start(bufferingNewest limit: Int = 10_000) -> AsyncThrowingStream<Sighting, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: Sighting.self, throwing: (any Error).self,
                                                                   bufferingPolicy: .bufferingNewest(limit))
        guard !started.exchange(true, ordering: .acquiringAndReleasing) else {
            continuation.finish()
            return stream
        }
        // A consumer that stops listening (its task cancelled) stops the thread too.
        continuation.onTermination = { [self] _ in stop() }
        let thread = Thread { [self] in
            do { try loop(continuation) } catch { continuation.finish(throwing: error); return }
            continuation.finish()
        }
        thread.name = "netwarden.passive.\(interface)"
        thread.start()
        return stream
    }

    /// Asks the capture thread to finish (within about 200 ms).
    public func stop() {
        stopping.store(true, ordering: .releasing)
    }

    private func loop(_ continuation: AsyncThrowingStream<Sighting, any Error>.Continuation) throws(Failure) {
        let pointer = handle.pointer
        let descriptor = pcap_get_selectable_fd(pointer)
        var header: UnsafeMutablePointer<pcap_pkthdr>?
        var data: UnsafePointer<UInt8>?
        var lastStats = ContinuousClock.now
        while !stopping.load(ordering: .acquiring) {
            if descriptor >= 0 {
                var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                _ = poll(&entry, 1, 200)
            } else {
                usleep(20_000)
            }
            while true {
                let result = pcap_next_ex(pointer, &header, &data)
                if result == 0 { break }
                guard result == 1, let header, let data else {
                    throw .failed(interface: interface, message: String(cString: pcap_geterr(pointer)))
                }
                frames.add(1, ordering: .relaxed)
                let frame = Array(UnsafeBufferPointer(start: data, count: Int(header.pointee.caplen)))
                if let sighting = FrameDecoder.decode(frame) {
                    sightings.add(1, ordering: .relaxed)
                    continuation.yield(sighting)
                }
            }
            if ContinuousClock.now - lastStats > .seconds(5) {
                lastStats = .now
                var stats = pcap_stat()
                if pcap_stats(pointer, &stats) == 0 { drops.store(Int(stats.ps_drop), ordering: .relaxed) }
            }
        }
    }

    private static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// The hardware addresses of this host's own interfaces: frames from them are the host itself.
public enum HostInterfaces {
    public static func hardwareAddresses() -> Set<MACAddress> {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return [] }
        defer { freeifaddrs(first) }
        var found: Set<MACAddress> = []
        var cursor: UnsafeMutablePointer<ifaddrs>? = first
        while let entry = cursor {
            defer { cursor = entry.pointee.ifa_next }
            guard let address = entry.pointee.ifa_addr, Int32(address.pointee.sa_family) == AF_PACKET else { continue }
            // struct sockaddr_ll: family 2, protocol 2, ifindex 4, hatype 2, pkttype 1, halen 1, addr 8
            let raw = UnsafeRawPointer(address)
            guard raw.load(fromByteOffset: 11, as: UInt8.self) == 6,
                  let mac = MACAddress((12..<18).map { raw.load(fromByteOffset: $0, as: UInt8.self) }), mac.isUnicastHost
            else { continue }
            found.insert(mac)
        }
        return found
    }
}
