@testable import Discovery
import Foundation
import Testing

@Suite struct PacingTests {
    @Test func pacerHoldsThePacketRate() {
        let pacer = PacketPacer(packetsPerSecond: 1000)
        let start = PacketPacer.now()
        for _ in 0..<200 { pacer.wait() }
        let elapsed = PacketPacer.now() - start
        // 200 packets at 1000/s: the first goes at once, the last 199 ms later.
        #expect(elapsed >= 0.195, "\(elapsed)")
        #expect(elapsed < 0.6, "\(elapsed)")
    }

    @Test func pacerSharedByThreadsStillHoldsTheRate() async {
        let pacer = PacketPacer(packetsPerSecond: 2000)
        let start = PacketPacer.now()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask { _ = await onThread("pace") { for _ in 0..<100 { pacer.wait() } } }
            }
        }
        let elapsed = PacketPacer.now() - start
        #expect(elapsed >= 0.195, "400 packets at 2000/s: \(elapsed)")
    }

    @Test func icmpChecksumMatchesRFC1071() {
        // RFC 1071 section 3 example: the one's complement sum of these words is 0xddf2.
        let bytes: [UInt8] = [0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7]
        #expect(ICMPEcho.checksum(bytes) == ~UInt16(0xDDF2))
        // A packet carrying its own checksum sums to zero.
        var packet: [UInt8] = [8, 0, 0, 0, 0x12, 0x34, 0, 1] + Array("netwarden".utf8)
        let sum = ICMPEcho.checksum(packet)
        packet[2] = UInt8(sum >> 8)
        packet[3] = UInt8(sum & 0xFF)
        #expect(ICMPEcho.checksum(packet) == 0)
    }
}
