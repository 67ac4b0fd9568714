// Parse + classify cost per message over a mix of dialects, in the build configuration it was compiled with.
//
//     swift run -c release SyslogBench [seconds-per-case]
//
// Prints ns/message (CPU time of this process, and wall time) per sample and for the whole mix, then the framer's
// cost per frame. Compare with rsyslog's RFC 5424 → JSON path: 5 CPU-seconds per million messages (5,000 ns).
import Syslog

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func cpuNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

let samples: [(String, String)] = [
    ("rfc5424 logger", #"<189>1 2026-11-22T01:16:18.820383+00:00 vm netwarden-test - - [timeQuality tzKnown="1" isSynced="0"] hello from logger rfc5424"#),
    ("rfc5424 sd x2", #"<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"] An application event log entry"#),
    ("rfc3164 sshd", "<86>Nov 22 01:16:18 vm sshd[4242]: Failed password for root from 198.51.100.7 port 51234 ssh2"),
    ("cisco ios", "<189>123: *Mar  1 00:01:02.345: %LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to down"),
    ("cisco nx-os", "<189>: 2024 Mar  1 00:01:02 UTC: %ETHPORT-5-IF_DOWN_LINK_FAILURE: Interface Ethernet1/1 is down (Link failure)"),
    ("cisco asa", "<166>Mar 01 2024 00:01:02: %ASA-6-302013: Built inbound TCP connection 123456 for outside:198.51.100.7/51515 (198.51.100.7/51515) to inside:10.0.0.10/443 (203.0.113.10/443)"),
    ("junos", "<189>Mar  1 00:01:02 mx1 mgd[1234]: UI_COMMIT: User 'admin' requested 'commit' operation (comment: none)"),
    ("arista eos", "<189>Mar  1 00:01:02 leaf1 Ebra: %LINEPROTO-5-UPDOWN: Line protocol on Interface Ethernet7, changed state to down"),
    ("fortios", #"<189>date=2024-03-01 time=00:01:02 devname="FGT60F-HQ" devid="FGT60FTK2099000" eventtime=1709251262123456789 tz="+0100" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=10.0.0.5 srcport=51234 srcintf="port1" srcintfrole="lan" dstip=203.0.113.7 dstport=443 dstintf="wan1" dstintfrole="wan" sessionid=123456 proto=6 action="close" policyid=1 policytype="policy" service="HTTPS" trandisp="snat" transip=198.51.100.1 transport=51234 duration=12 sentbyte=1234 rcvdbyte=5678 sentpkt=10 rcvdpkt=12 appcat="unscanned""#),
    ("pan-os traffic", "<14>Mar  1 00:01:02 PA-3220 1,2024/03/01 00:01:02,012801012345,TRAFFIC,end,2561,2024/03/01 00:01:02,10.0.0.5,203.0.113.7,198.51.100.1,203.0.113.7,allow-web,,,ssl,vsys1,trust,untrust,ethernet1/2,ethernet1/1,forward-all,2024/03/01 00:01:02,123456,1,51234,443,40001,443,0x400053,tcp,allow,5678,1234,4444,22,2024/03/01 00:00:50,12,computer-and-internet-info,0,7340123,0x0,10.0.0.0-10.255.255.255,United States,0,10,12,tcp-fin,0,0,0,0,,PA-3220,from-policy,,,0,,0,,N/A,0,0,0,0"),
    ("mikrotik", "<30>Mar  1 00:01:02 MikroTik interface,info ether1 link down"),
    ("unifi", "<30>Mar  1 00:01:02 U7PG2,18e829aabbcc,v4.3.28.11361: hostapd: ath0: STA 11:22:33:44:55:66 IEEE 802.11: associated"),
    ("procurve", "<14>Mar  1 00:01:02 10.0.0.2 00076 ports: port 5 is now off-line"),
    ("sonicwall", #"<134>id=firewall sn=0017C5AABBCC time="2024-03-01 00:01:02 UTC" fw=203.0.113.1 pri=6 c=1024 m=537 msg="Connection Closed" f=2 n=11782330 src=192.168.97.214:60622:X0-V999 dst=172.27.14.5:53:X0-V51 proto=udp/dns sent=56 rcvd=146"#),
    ("filterlog", "<134>Mar  1 00:01:02 filterlog[12345]: 5,,,1000000103,em0,match,block,in,4,0x0,,64,12345,0,none,6,tcp,60,198.51.100.7,203.0.113.1,51234,22,0,S,123456789,,64240,,mss;sackOK;TS;nop;wscale"),
]

let seconds = CommandLine.arguments.count > 1 ? Double(CommandLine.arguments[1]) ?? 0.5 : 0.5
let received = SyslogInstant(secondsSince1970: 1_709_294_400)
let parser = SyslogParser()
let inputs = samples.map { Array($0.1.utf8) }

@inline(never)
func run(_ batch: [[UInt8]], _ iterations: Int) -> Int {
    var sink = 0
    for _ in 0..<iterations {
        for b in batch {
            let m = parser.parse(b, receivedAt: received)
            sink &+= m.eventClass.hashValue &+ Int(m.flags.rawValue)
        }
    }
    return sink
}

/// Runs until `seconds` of CPU time; returns (cpu ns/msg, wall ns/msg, messages).
func measure(_ batch: [[UInt8]]) -> (Double, Double, Int) {
    _ = run(batch, 100)  // warm up
    var iterations = 1000
    var total = 0
    var cpu: UInt64 = 0
    var wall: Duration = .zero
    var sink = 0
    let clock = ContinuousClock()
    while Double(cpu) < seconds * 1e9 {
        let c0 = cpuNanoseconds()
        let w0 = clock.now
        sink &+= run(batch, iterations)
        wall += clock.now - w0
        cpu += cpuNanoseconds() - c0
        total += iterations * batch.count
        iterations *= 2
    }
    if sink == 42 { print("") }
    let wallNs = Double(wall.components.seconds) * 1e9 + Double(wall.components.attoseconds) / 1e9
    return (Double(cpu) / Double(total), wallNs / Double(total), total)
}

func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
func fmt(_ v: Double) -> String {
    let r = (v * 10).rounded() / 10
    return String(r)
}

#if DEBUG
print("warning: debug build; use `swift run -c release SyslogBench`")
#endif
print("parse + classify, ns per message (CPU / wall)")
for (i, (name, _)) in samples.enumerated() {
    let (c, w, _) = measure([inputs[i]])
    print("  \(pad(name, 16)) \(pad(fmt(c), 8)) \(fmt(w))   (\(inputs[i].count) bytes)")
}
let (c, w, n) = measure(inputs)
print("  \(pad("mix", 16)) \(pad(fmt(c), 8)) \(fmt(w))   (\(n) messages; \(fmt(1e9 / c)) msgs/s per core)")

// Framer: an octet-counted stream of the mix, fed in 4 KiB chunks.
var stream: [UInt8] = []
for _ in 0..<200 { for b in inputs { stream += Array("\(b.count) ".utf8) + b } }
var frames = 0
var framerCPU: UInt64 = 0
var rounds = 0
while Double(framerCPU) < seconds * 1e9 {
    let c0 = cpuNanoseconds()
    var framer = SyslogFramer()
    var i = 0
    while i < stream.count {
        let j = min(i + 4096, stream.count)
        framer.append(stream[i..<j])
        while framer.nextFrame() != nil { frames += 1 }
        i = j
    }
    framerCPU += cpuNanoseconds() - c0
    rounds += 1
}
print("framer (octet counting, 4 KiB chunks): \(fmt(Double(framerCPU) / Double(frames))) ns per frame")
