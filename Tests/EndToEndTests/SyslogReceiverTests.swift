import TestSockets
import Foundation
import Testing

/// `netwarden syslog listen` fed by real senders over loopback: util-linux `logger` over UDP and
/// TCP (both framings, both formats), OpenSSL's s_client over TLS with a throwaway certificate,
/// and hostile bytes around good messages.
@Suite(.enabled(if: Lab.peersAvailable, "needs root and the peers of scripts/install-deps.sh (or CI=true to fail instead of skip)"))
struct SyslogReceiverTests {
    func logger(_ arguments: [String]) throws {
        let result = try Lab.run(["logger"] + arguments, timeout: 20)
        #expect(result.status == 0, "logger \(arguments): \(result.stderr)")
    }

    @Test func loggerOverUDPAndTCPInBothFormatsAndFramings() throws {
        let listener = try Foreground(["syslog", "listen", "--udp", "127.0.0.1:0", "--tcp", "127.0.0.1:0", "--json"])
        defer { listener.stop() }
        let udp = try listener.port("udp"), tcp = try listener.port("tcp")
        try logger(["--udp", "--server", "127.0.0.1", "--port", "\(udp)", "--rfc5424", "-t", "e2eapp", "-p", "local3.warning",
                    "--msgid", "MID1", "--sd-id", "test@32473", "--sd-param", "key=\"va\\\"l\"", "udp 5424"])
        try logger(["--udp", "--server", "127.0.0.1", "--port", "\(udp)", "--rfc3164", "-t", "e2eapp", "-p", "auth.err", "-i", "udp 3164"])
        try logger(["--tcp", "--server", "127.0.0.1", "--port", "\(tcp)", "--octet-count", "--rfc5424", "-t", "e2eapp", "-p", "daemon.info",
                    "tcp octet 5424"])
        try logger(["--tcp", "--server", "127.0.0.1", "--port", "\(tcp)", "--rfc3164", "-t", "e2eapp", "-p", "user.notice", "tcp lf 3164"])
        let objects = listener.objects(atLeast: 4)
        func message(_ text: String) -> [String: Any]? { objects.first { $0["message"] as? String == text } }
        let hostname = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? ""

        let a = try #require(message("udp 5424"), "\(listener.stdout)")
        #expect(a["transport"] as? String == "udp" && a["format"] as? String == "rfc5424")
        #expect(a["facility"] as? String == "local3" && a["severity"] as? String == "warning" && a["pri"] as? Int == 156)
        #expect(a["app"] as? String == "e2eapp" && a["msgid"] as? String == "MID1")
        #expect((a["hostname"] as? String)?.hasPrefix(hostname) == true)
        #expect((a["source"] as? String)?.hasPrefix("127.0.0.1:") == true)
        let sd = try #require(a["structuredData"] as? [[String: Any]])
        let element = try #require(sd.first { $0["id"] as? String == "test@32473" })
        #expect((element["params"] as? [[String: String]])?.first == ["name": "key", "value": "va\"l"])

        let b = try #require(message("udp 3164"))
        #expect(b["format"] as? String == "rfc3164" && b["facility"] as? String == "auth" && b["severity"] as? String == "err")
        #expect(b["app"] as? String == "e2eapp" && (b["procid"] as? String).flatMap(Int.init) != nil)

        let c = try #require(message("tcp octet 5424"))
        #expect(c["transport"] as? String == "tcp" && c["framing"] as? String == "octet-counted" && c["format"] as? String == "rfc5424")
        let d = try #require(message("tcp lf 3164"))
        #expect(d["transport"] as? String == "tcp" && d["framing"] as? String == "lf" && d["format"] as? String == "rfc3164")
        #expect(objects.allSatisfy { ($0["flags"] as? [String])?.contains("invalidUTF8") == false })
    }

    @Test func tlsFromOpenSSLWithAThrowawayCertificate() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nw-tls-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let made = try Lab.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(dir)/key.pem",
                                "-out", "\(dir)/cert.pem", "-days", "1", "-subj", "/CN=localhost"])
        try #require(made.status == 0, "openssl req: \(made.stderr)")
        let listener = try Foreground(["syslog", "listen", "--tls", "127.0.0.1:0", "--cert", "\(dir)/cert.pem", "--key", "\(dir)/key.pem", "--json"])
        defer { listener.stop() }
        let port = try listener.port("tls")
        // RFC 5425: octet-counted frames over TLS.
        let frames = ["<165>1 2026-03-01T10:00:00.123Z router1 sshd 77 AUTH - Failed password for root from 192.0.2.9",
                      "<189>1 2026-03-01T10:00:01Z router1 ios - - - %SYS-5-CONFIG_I: Configured from console by admin on vty0"]
        let payload = frames.map { "\($0.utf8.count) \($0)" }.joined()
        try payload.write(toFile: "\(dir)/frames", atomically: true, encoding: .utf8)
        let sent = try Lab.run(["sh", "-c", "openssl s_client -connect 127.0.0.1:\(port) -quiet -no_ign_eof < \(dir)/frames"], timeout: 30)
        #expect(sent.status == 0, "s_client: \(sent.stderr)")
        let objects = listener.objects(atLeast: 2)
        try #require(objects.count == 2, "\(listener.stdout) \(listener.stderr)")
        #expect(objects.allSatisfy { $0["transport"] as? String == "tls" && $0["framing"] as? String == "octet-counted" })
        #expect(objects[0]["hostname"] as? String == "router1" && objects[0]["msgid"] as? String == "AUTH")
        #expect(objects[0]["timestampUTC"] as? String == "2026-03-01T10:00:00.123Z")
        #expect(objects[1]["eventClass"] as? String == "configChanged" && objects[1]["mnemonic"] as? String == "%SYS-5-CONFIG_I")
    }

    @Test func hostileInputIsRecordedAndTheGoodMessagesAroundItArrive() throws {
        let listener = try Foreground(["syslog", "listen", "--udp", "127.0.0.1:0", "--tcp", "127.0.0.1:0", "--json",
                                       "--max-message-size", "2048"])
        defer { listener.stop() }
        let udp = try listener.port("udp"), tcp = try listener.port("tcp")
        let good = { (i: Int) in Array("<13>Mar  1 00:00:00 host good: good \(i)".utf8) }
        let hostile: [[UInt8]] = [
            Array("<13".utf8),                                   // truncated PRI
            [0x3C, 0x31, 0x33, 0x3E, 0xFF, 0xFE, 0x00, 0x01, 0xC3, 0x28, 0x00, 0x7F],  // binary, NULs, bad UTF-8
            Array("<999>invalid pri".utf8),
            Array("<13>Mar  1 00:00:00 host big: ".utf8) + Array(repeating: UInt8(ascii: "B"), count: 10_000),  // oversize
        ]
        let sender = TestSocket.udp()
        var expectedGood = 0
        for (i, bad) in hostile.enumerated() {
            sender.send(good(expectedGood), to: udp); expectedGood += 1
            sender.send(bad, to: udp)
            _ = i
        }
        sender.send(good(expectedGood), to: udp); expectedGood += 1

        // TCP: a peer sends half an octet-counted frame and stalls; others go on.
        let staller = try TestSocket.tcp(port: tcp)
        try staller.write(Array("500 <13>Mar  1 00:00:00 host stall: half a frame".utf8))
        let stream = try TestSocket.tcp(port: tcp)
        var tcpBytes: [UInt8] = []
        tcpBytes += good(100) + [0x0A]
        tcpBytes += [0x01, 0x00, 0x02, 0xFF, 0x0A]                                    // binary line
        tcpBytes += Array("<abc>not a pri\n".utf8)
        tcpBytes += Array("<13>Mar  1 00:00:00 host big: ".utf8) + Array(repeating: UInt8(ascii: "C"), count: 100_000) + [0x0A]  // cut at 2048
        tcpBytes += good(101) + [0x0A]
        try stream.write(tcpBytes)
        let sent = 2 * hostile.count + 1 + 5
        var objects = listener.objects(atLeast: sent)
        #expect(objects.count == sent, "\(listener.stdout)")
        func with(_ text: String) -> [[String: Any]] { objects.filter { ($0["raw"] as? String)?.contains(text) == true } }
        #expect(objects.filter { ($0["message"] as? String)?.hasPrefix("good") == true }.count == expectedGood + 2)
        #expect((with("<999>").first?["flags"] as? [String])?.contains("invalidPRI") == true)
        #expect((with("<abc>").first?["flags"] as? [String])?.contains("invalidPRI") == true)
        let binary = objects.filter { ($0["flags"] as? [String])?.contains("containsNUL") == true }
        #expect(binary.count == 2 && binary.allSatisfy { $0["rawBase64"] != nil })
        let bigUDP = try #require(with("host big:").first { $0["transport"] as? String == "udp" })
        #expect((bigUDP["flags"] as? [String])?.contains("oversize") == true && (bigUDP["raw"] as? String)?.utf8.count ?? 0 > 10_000)
        let bigTCP = try #require(with("host big:").first { $0["transport"] as? String == "tcp" })
        #expect((bigTCP["flags"] as? [String])?.contains("truncated") == true && (bigTCP["raw"] as? String)?.utf8.count == 2048)

        // The stalled peer leaves: its half frame is kept, flagged truncated.
        staller.shutdownWrite()
        objects = listener.objects(atLeast: sent + 1)
        let half = try #require(objects.first { ($0["raw"] as? String)?.contains("half a frame") == true }, "\(listener.stdout)")
        #expect((half["flags"] as? [String])?.contains("truncated") == true)
    }

    @Test func rsyslogForwardsOverTCPAndTLS() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nw-rsyslog-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let made = try Lab.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(dir)/key.pem",
                                "-out", "\(dir)/cert.pem", "-days", "1", "-subj", "/CN=localhost"])
        try #require(made.status == 0, "openssl req: \(made.stderr)")
        let listener = try Foreground(["syslog", "listen", "--tcp", "127.0.0.1:0", "--tls", "127.0.0.1:0",
                                       "--cert", "\(dir)/cert.pem", "--key", "\(dir)/key.pem", "--json"])
        defer { listener.stop() }
        let tcp = try listener.port("tcp"), tls = try listener.port("tls")
        let input = Int.random(in: 20_000..<30_000)
        // rsyslog takes logger's datagrams and forwards each over TCP (octet counting) and over
        // TLS (gnutls, its default LF framing).
        try """
            global(workDirectory="\(dir)" defaultNetstreamDriverCAFile="\(dir)/cert.pem")
            module(load="imudp")
            input(type="imudp" address="127.0.0.1" port="\(input)")
            action(type="omfwd" target="127.0.0.1" port="\(tcp)" protocol="tcp" tcp_framing="octet-counted" template="RSYSLOG_SyslogProtocol23Format")
            action(type="omfwd" target="127.0.0.1" port="\(tls)" protocol="tcp" streamDriver="gtls" streamDriverMode="1"
                   streamDriverAuthMode="anon" template="RSYSLOG_SyslogProtocol23Format")
            """.write(toFile: "\(dir)/rsyslog.conf", atomically: true, encoding: .utf8)
        let rsyslog = Process()
        rsyslog.executableURL = URL(fileURLWithPath: "/usr/sbin/rsyslogd")
        rsyslog.arguments = ["-n", "-f", "\(dir)/rsyslog.conf", "-i", "\(dir)/rsyslogd.pid"]
        try rsyslog.run()
        defer { Lab.stop(rsyslog) }
        Thread.sleep(forTimeInterval: 1)
        try logger(["--udp", "--server", "127.0.0.1", "--port", "\(input)", "--rfc5424", "-t", "relayed", "-p", "local1.err",
                    "%LINK-3-UPDOWN: Interface GigabitEthernet0/3, changed state to down"])
        let deadline = Date().addingTimeInterval(20)
        var relayed: [[String: Any]] = []
        while Date() < deadline, relayed.count < 2 {
            relayed = listener.objects(atLeast: 0, timeout: 0).filter { $0["app"] as? String == "relayed" }
            usleep(50_000)
        }
        try #require(relayed.count == 2, "\(listener.stdout)")
        let byTransport = Dictionary(uniqueKeysWithValues: relayed.map { ($0["transport"] as? String ?? "", $0) })
        #expect(byTransport["tcp"]?["framing"] as? String == "octet-counted")
        #expect(byTransport["tls"]?["framing"] as? String == "lf")
        for m in relayed {
            #expect(m["format"] as? String == "rfc5424" && m["facility"] as? String == "local1" && m["severity"] as? String == "err")
            #expect(m["eventClass"] as? String == "linkDown" && m["interface"] as? String == "GigabitEthernet0/3")
        }
    }
}
