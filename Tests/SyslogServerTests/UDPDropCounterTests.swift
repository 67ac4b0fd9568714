import Testing
@testable import SyslogServer

struct UDPDropCounterTests {
    @Test func readsTheDropsColumnOfTheSocketOnOurPort() {
        // /proc/net/udp as Linux 6.1 prints it (port 0x0202 = 514, 0x2710 = 10000).
        let table = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
             123: 0100007F:0202 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 31337 2 0000000000000000 42
             456: 00000000:2710 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 31338 2 0000000000000000 7
            """
        #expect(UDPDropCounter.drops(inTable: table, localPort: 514) == 42)
        #expect(UDPDropCounter.drops(inTable: table, localPort: 10_000) == 7)
        #expect(UDPDropCounter.drops(inTable: table, localPort: 162) == 0)
        #expect(UDPDropCounter.drops(inTable: "garbage\nmore garbage here", localPort: 514) == 0)
    }
}
