/// Realistic lines for every dialect, reused by the hostile-input and framing tests.
enum Samples {
    static let lines: [String] = [
        "<189>123: *Mar  1 00:01:02.345: %LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to down",
        "<189>4711: 000045: Mar  1 11:59:00.123 UTC: %SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.0.0.5)",
        "<187>2345: edge-sw1: Mar  1 2024 10:00:00.001 CET: %LINEPROTO-5-UPDOWN: Line protocol on Interface Te1/1/1, changed state to up",
        "<189>17: 1w2d: %SYS-5-RESTART: System restarted --",
        "<189>: 2024 Mar  1 00:01:02 UTC: %ETHPORT-5-IF_DOWN_LINK_FAILURE: Interface Ethernet1/1 is down (Link failure)",
        "<187>3021: RP/0/RSP0/CPU0:Mar  1 00:01:02.345 UTC: ifmgr[254]: %PKT_INFRA-LINK-3-UPDOWN : Interface Gi0/0/0/0, changed state to Down",
        "<166>Mar 01 2024 00:01:02: %ASA-6-302013: Built inbound TCP connection 123456 for outside:198.51.100.7/51515 (198.51.100.7/51515) to inside:10.0.0.10/443 (203.0.113.10/443)",
        "<163>Mar 01 2024 00:01:02 fw-hq : %ASA-4-411002: Line protocol on Interface outside, changed state to down",
        "<189>Mar  1 00:01:02 mx1 mgd[1234]: UI_COMMIT: User 'admin' requested 'commit' operation (comment: none)",
        #"<28>1 2024-03-01T00:01:02.345Z mx1 mib2d 1650 SNMP_TRAP_LINK_UP [junos@2636.1.1.1.2.39 snmp-interface-index="545" interface-name="xe-0/0/3"] ifIndex 545, ifName xe-0/0/3"#,
        "<189>Mar  1 00:01:02 leaf1 Ebra: %LINEPROTO-5-UPDOWN: Line protocol on Interface Ethernet7, changed state to down",
        #"<185>date=2024-03-01 time=00:01:02 devname="FGT60F-HQ" devid="FGT60FTK2099000" tz="+0100" logid="0100032002" type="event" subtype="system" level="alert" vd="root" logdesc="Admin login failed" user="admin" action="login" status="failed" msg="Administrator admin login failed""#,
        #"<14>Mar  1 00:01:02 PA-3220 1,2024/03/01 00:01:02,012801012345,SYSTEM,auth,0,2024/03/01 00:01:02,,auth-fail,admin,0,0,general,medium,"failed authentication for user 'admin'.",7340123,0x0,0,0,0,0,,PA-3220"#,
        "<30>Mar  1 00:01:02 MikroTik interface,info ether1 link down",
        "<28>system,error,critical login failure for user admin from 198.51.100.7 via ssh",
        "<14>Mar  1 00:01:02 US24P250,f09fc2aabbcc,v6.5.59.14777: switch: TRAPMGR: Link Down: 0/3",
        "<14>Mar  1 00:01:02 10.0.0.2 00076 ports: port 5 is now off-line",
        "<143>Mar  1 00:01:02 2024 10.1.1.1 authmgr[4164]: <522275> <NOTI> |authmgr|  User Authentication failed. username=jdoe",
        #"<134>id=firewall sn=0017C5AABBCC time="2024-03-01 00:01:02 UTC" fw=203.0.113.1 pri=1 c=32 m=30 msg="Administrator login denied due to bad credentials" n=12"#,
        "<134>Mar  1 00:01:02 filterlog[12345]: 5,,,1000000103,em0,match,block,in,4,0x0,,64,12345,0,none,6,tcp,60,198.51.100.7,203.0.113.1,51234,22,0,S,123456789,,64240,,mss",
        #"<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"] text"#,
        #"<13>1 2024-03-01T00:00:00Z h a - - [x@1 q="say \"hi\"" r="a\]b"] text"#,
        "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8",
        "<14>1 - - - - - -",
    ]

    static var bytes: [[UInt8]] { lines.map { Array($0.utf8) } }
}

/// SplitMix64: a tiny deterministic generator so random tests repeat exactly.
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
