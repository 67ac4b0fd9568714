import Syslog
import Testing

/// One test per vendor dialect, with lines written after each vendor's documented format.
struct VendorDialectTests {
    @Test func ciscoIOS() {
        let m = parse("<189>123: *Mar  1 00:01:02.345: %LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to down")
        #expect(m.format == .rfc3164)
        #expect(m.dialect == .ciscoIOS)
        #expect(m.priority?.facility == .local7)
        #expect(m.priority?.severity == .notice)
        #expect(m.sequenceNumber == 123)
        #expect(m.flags.contains(.unsynchronizedClock))
        #expect(m.flags.contains(.noHostname))
        #expect(m.flags.contains(.inferredYear))
        #expect(m.timestamp?.text == "Mar  1 00:01:02.345")
        #expect(m.timestamp?.instant == SyslogInstant(secondsSince1970: utc(2024, 3, 1, 0, 1, 2), nanoseconds: 345_000_000))
        #expect(m.mnemonic?.facility == "LINK")
        #expect(m.mnemonic?.severity == 3)
        #expect(m.mnemonic?.mnemonic == "UPDOWN")
        #expect(m.message.s == "%LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to down")
        #expect(m.eventClass == .linkDown)
        #expect(m.interface == "GigabitEthernet0/1")
    }

    @Test func ciscoIOSConfigChangedWithTwoSequenceNumbersAndZone() {
        let m = parse("<189>4711: 000045: Mar  1 11:59:00.123 UTC: %SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.0.0.5)")
        #expect(m.sequenceNumber == 4711)
        #expect(m.secondarySequenceNumber == 45)
        #expect(!m.flags.contains(.unsynchronizedClock))
        #expect(!m.flags.contains(.assumedTimeZone))
        #expect(m.timestamp?.hasZone == true)
        #expect(m.eventClass == .configChanged)
        #expect(m.matchedRuleID == "cisco.sys-config-i")
    }

    @Test func ciscoIOSXEWithOriginIDAndYear() {
        let m = parse("<187>2345: edge-sw1: Mar  1 2024 10:00:00.001 CET: %LINEPROTO-5-UPDOWN: Line protocol on Interface TenGigabitEthernet1/1/1, changed state to up")
        #expect(m.hostname == "edge-sw1")
        #expect(m.timestamp?.hasYear == true)
        #expect(m.timestamp?.utcOffsetSeconds == 3600)
        #expect(m.timestamp?.instant?.secondsSince1970 == utc(2024, 3, 1, 9, 0, 0))
        #expect(m.eventClass == .linkUp)
        #expect(m.interface == "TenGigabitEthernet1/1/1")
    }

    @Test func ciscoIOSUptimeStamp() {
        let m = parse("<189>17: 1w2d: %SYS-5-RESTART: System restarted --")
        #expect(m.sequenceNumber == 17)
        #expect(m.flags.contains(.noTimestamp))
        #expect(m.mnemonic?.mnemonic == "RESTART")
        #expect(m.eventClass == .reboot)
    }

    /// Cisco lines forwarded by a relay that put its own header in front.
    @Test func ciscoBehindARelay() {
        let m = parse("<189>Mar  1 00:01:03 10.0.0.1 123: *Mar  1 00:01:02.345: %LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to up")
        #expect(m.hostname == "10.0.0.1")
        #expect(m.dialect == .ciscoIOS)
        #expect(m.mnemonic?.mnemonic == "UPDOWN")
        #expect(m.eventClass == .linkUp)
        #expect(m.interface == "GigabitEthernet0/1")
        let n = parse("<14>Mar  1 00:01:03 web01 app: CPU at 95% load, 100%CPU")
        #expect(n.mnemonic == nil)
    }

    @Test func ciscoNXOS() {
        let m = parse("<189>: 2024 Mar  1 00:01:02 UTC: %ETHPORT-5-IF_DOWN_LINK_FAILURE: Interface Ethernet1/1 is down (Link failure)")
        #expect(m.dialect == .ciscoNXOS)
        #expect(m.sequenceNumber == nil)
        #expect(m.timestamp?.instant?.secondsSince1970 == utc(2024, 3, 1, 0, 1, 2))
        #expect(m.timestamp?.hasYear == true)
        #expect(m.mnemonic?.facility == "ETHPORT")
        #expect(m.mnemonic?.mnemonic == "IF_DOWN_LINK_FAILURE")
        #expect(m.eventClass == .linkDown)
        #expect(m.interface == "Ethernet1/1")
    }

    @Test func ciscoIOSXR() {
        let m = parse("<187>3021: RP/0/RSP0/CPU0:Mar  1 00:01:02.345 UTC: ifmgr[254]: %PKT_INFRA-LINK-3-UPDOWN : Interface GigabitEthernet0/0/0/0, changed state to Down")
        #expect(m.dialect == .ciscoIOSXR)
        #expect(m.appName == "ifmgr")
        #expect(m.procID == "254")
        #expect(m.mnemonic?.facility == "PKT_INFRA-LINK")
        #expect(m.mnemonic?.mnemonic == "UPDOWN")
        #expect(m.eventClass == .linkDown)
        #expect(m.interface == "GigabitEthernet0/0/0/0")
    }

    @Test func ciscoASA() {
        let m = parse("<166>Mar 01 2024 00:01:02: %ASA-6-302013: Built inbound TCP connection 123456 for outside:198.51.100.7/51515 (198.51.100.7/51515) to inside:10.0.0.10/443 (203.0.113.10/443)")
        #expect(m.dialect == .ciscoASA)
        #expect(m.asaMessageID == 302013)
        #expect(m.mnemonic?.severity == 6)
        #expect(m.timestamp?.hasYear == true)
        #expect(m.flags.contains(.noHostname))
        #expect(m.eventClass == .other)
    }

    @Test func ciscoASAWithDeviceIDLinkDown() {
        let m = parse("<163>Mar 01 2024 00:01:02 fw-hq : %ASA-4-411002: Line protocol on Interface outside, changed state to down")
        #expect(m.hostname == "fw-hq")
        #expect(m.asaMessageID == 411002)
        #expect(m.eventClass == .linkDown)
        #expect(m.interface == "outside")
    }

    @Test func junos() {
        let m = parse("<189>Mar  1 00:01:02 mx1 mgd[1234]: UI_COMMIT: User 'admin' requested 'commit' operation (comment: none)")
        #expect(m.dialect == .junos)
        #expect(m.hostname == "mx1")
        #expect(m.appName == "mgd")
        #expect(m.procID == "1234")
        #expect(m.vendorEventID == "UI_COMMIT")
        #expect(m.eventClass == .configChanged)
    }

    @Test func junosLinkDown() {
        let m = parse("<28>Mar  1 00:01:02 ex4300 mib2d[1650]: SNMP_TRAP_LINK_DOWN: ifIndex 545, ifAdminStatus up(1), ifOperStatus down(2), ifName ge-0/0/1")
        #expect(m.vendorEventID == "SNMP_TRAP_LINK_DOWN")
        #expect(m.eventClass == .linkDown)
        #expect(m.interface == "ge-0/0/1")
    }

    @Test func junosStructuredData() {
        let m = parse(#"<28>1 2024-03-01T00:01:02.345Z mx1 mib2d 1650 SNMP_TRAP_LINK_UP [junos@2636.1.1.1.2.39 snmp-interface-index="545" admin-status="up(1)" operational-status="up(1)" interface-name="xe-0/0/3"] ifIndex 545, ifAdminStatus up(1), ifOperStatus up(1), ifName xe-0/0/3"#)
        #expect(m.format == .rfc5424)
        #expect(m.dialect == .junos)
        #expect(m.vendorEventID == "SNMP_TRAP_LINK_UP")
        #expect(m.eventClass == .linkUp)
        #expect(m.interface == "xe-0/0/3")
    }

    @Test func aristaEOS() {
        let m = parse("<189>Mar  1 00:01:02 leaf1 Ebra: %LINEPROTO-5-UPDOWN: Line protocol on Interface Ethernet7, changed state to down")
        #expect(m.dialect == .aristaEOS)
        #expect(m.hostname == "leaf1")
        #expect(m.appName == "Ebra")
        #expect(m.eventClass == .linkDown)
        #expect(m.interface == "Ethernet7")
        let c = parse("<189>Mar  1 00:02:00 leaf1 ConfigAgent: %SYS-5-CONFIG_I: Configured from console by admin on vty3 (10.0.0.5)")
        #expect(c.dialect == .aristaEOS)
        #expect(c.eventClass == .configChanged)
    }

    @Test func fortiOS() {
        let line = #"<185>date=2024-03-01 time=00:01:02 devname="FGT60F-HQ" devid="FGT60FTK2099000" eventtime=1709251262123456789 tz="+0100" logid="0100032002" type="event" subtype="system" level="alert" vd="root" logdesc="Admin login failed" sn="0" user="admin" ui="https(198.51.100.7)" method="https" srcip=198.51.100.7 dstip=10.0.0.1 action="login" status="failed" reason="passwd_invalid" msg="Administrator admin login failed from https(198.51.100.7) because of invalid password""#
        let m = parse(line)
        #expect(m.dialect == .fortiOS)
        #expect(m.flags.contains(.noHostname))
        #expect(m.vendorEventID == "0100032002")
        #expect(m.field("devname") == "FGT60F-HQ")
        #expect(m.field("srcip") == "198.51.100.7")
        #expect(m.field("msg") == "Administrator admin login failed from https(198.51.100.7) because of invalid password")
        #expect(m.timestamp?.instant?.secondsSince1970 == utc(2024, 2, 29, 23, 1, 2))
        #expect(m.timestamp?.text == "date=2024-03-01 time=00:01:02")
        #expect(m.timestamp?.utcOffsetSeconds == 3600)
        #expect(!m.flags.contains(.noTimestamp))
        #expect(m.eventClass == .loginFailure)
        #expect(m.fields.count == 22)
    }

    @Test func panOS() {
        let line = #"<14>Mar  1 00:01:02 PA-3220 1,2024/03/01 00:01:02,012801012345,SYSTEM,auth,0,2024/03/01 00:01:02,,auth-fail,admin,0,0,general,medium,"failed authentication for user 'admin'. Reason: Invalid username/password. From: 198.51.100.7.",7340123,0x0,0,0,0,0,,PA-3220"#
        let m = parse(line)
        #expect(m.dialect == .panOS)
        #expect(m.hostname == "PA-3220")
        #expect(m.appName == nil)
        #expect(m.field("type") == "SYSTEM")
        #expect(m.field("serial") == "012801012345")
        #expect(m.field("eventid") == "auth-fail")
        #expect(m.field("description") == "failed authentication for user 'admin'. Reason: Invalid username/password. From: 198.51.100.7.")
        #expect(m.field("device_name") == "PA-3220")
        #expect(m.vendorEventID == "auth-fail")
        #expect(m.eventClass == .loginFailure)
        let c = parse(#"<14>Mar  1 00:01:02 PA-3220 1,2024/03/01 00:01:02,012801012345,CONFIG,0,0,2024/03/01 00:01:02,198.51.100.7,,set,admin,Web,Succeeded, deviceconfig system,7340124,0x0,0,0,0,0,,PA-3220"#)
        #expect(c.field("cmd") == "set")
        #expect(c.field("admin") == "admin")
        #expect(c.eventClass == .configChanged)
    }

    @Test func mikroTik() {
        let m = parse("<30>Mar  1 00:01:02 MikroTik interface,info ether1 link down")
        #expect(m.dialect == .mikroTik)
        #expect(m.hostname == "MikroTik")
        #expect(m.appName == "interface,info")
        #expect(m.eventClass == .linkDown)
        #expect(m.interface == "ether1")
        // RouterOS 6 without `bsd-syslog`: no timestamp, no hostname.
        let f = parse("<28>system,error,critical login failure for user admin from 198.51.100.7 via ssh")
        #expect(f.dialect == .mikroTik)
        #expect(f.flags.contains(.noTimestamp))
        #expect(f.eventClass == .loginFailure)
    }

    @Test func unifi() {
        let m = parse("<14>Mar  1 00:01:02 US24P250,f09fc2aabbcc,v6.5.59.14777: switch: TRAPMGR: Link Down: 0/3")
        #expect(m.dialect == .unifi)
        #expect(m.hostname == "US24P250,f09fc2aabbcc,v6.5.59.14777")
        #expect(m.unifiDevice?.model == "US24P250")
        #expect(m.unifiDevice?.mac == "f09fc2aabbcc")
        #expect(m.unifiDevice?.firmware == "6.5.59.14777")
        #expect(m.appName == "switch")
        #expect(m.eventClass == .linkDown)
        #expect(m.interface == "0/3")
        let ap = parse("<30>Mar  1 00:01:02 U7PG2,18e829aabbcc,v4.3.28.11361: hostapd: ath0: STA 11:22:33:44:55:66 IEEE 802.11: associated")
        #expect(ap.appName == "hostapd")
        #expect(ap.eventClass == .other)
    }

    @Test func arubaProCurve() {
        let m = parse("<14>Mar  1 00:01:02 10.0.0.2 00076 ports: port 5 is now off-line")
        #expect(m.dialect == .arubaSwitch)
        #expect(m.hostname == "10.0.0.2")
        #expect(m.vendorEventID == "00076")
        #expect(m.appName == "ports")
        #expect(m.message == "port 5 is now off-line")
        #expect(m.eventClass == .linkDown)
        #expect(m.interface == "5")
    }

    @Test func arubaWireless() {
        let m = parse("<143>Mar  1 00:01:02 2024 10.1.1.1 authmgr[4164]: <522275> <NOTI> |authmgr|  User Authentication failed. username=jdoe MAC=11:22:33:44:55:66 IP=10.2.0.9 auth method=802.1x")
        #expect(m.dialect == .arubaWireless)
        #expect(m.timestamp?.hasYear == true)
        #expect(m.hostname == "10.1.1.1")
        #expect(m.vendorEventID == "522275")
        #expect(m.eventClass == .loginFailure)
    }

    @Test func sonicWall() {
        let line = #"<134>id=firewall sn=0017C5AABBCC time="2024-03-01 00:01:02 UTC" fw=203.0.113.1 pri=1 c=32 m=30 msg="Administrator login denied due to bad credentials" n=12 src=198.51.100.7:51234:X1 dst=203.0.113.1:443:X1"#
        let m = parse(line)
        #expect(m.dialect == .sonicWall)
        #expect(m.vendorEventID == "30")
        #expect(m.field("sn") == "0017C5AABBCC")
        #expect(m.timestamp?.text == "2024-03-01 00:01:02 UTC")
        #expect(m.timestamp?.hasZone == true)
        #expect(m.timestamp?.instant?.secondsSince1970 == utc(2024, 3, 1, 0, 1, 2))
        #expect(m.eventClass == .loginFailure)
    }

    @Test func pfSenseFilterlog() {
        let m = parse("<134>Mar  1 00:01:02 filterlog[12345]: 5,,,1000000103,em0,match,block,in,4,0x0,,64,12345,0,none,6,tcp,60,198.51.100.7,203.0.113.1,51234,22,0,S,123456789,,64240,,mss;sackOK;TS;nop;wscale")
        #expect(m.dialect == .filterlog)
        #expect(m.flags.contains(.noHostname))
        #expect(m.appName == "filterlog")
        #expect(m.field("interface") == "em0")
        #expect(m.field("action") == "block")
        #expect(m.field("proto") == "tcp")
        #expect(m.field("src") == "198.51.100.7")
        #expect(m.field("dport") == "22")
        #expect(m.csvField(at: 3) == "1000000103")
        #expect(m.eventClass == .other)
    }

    @Test func opnsenseFilterlogRFC5424() {
        let m = parse(#"<134>1 2024-03-01T00:01:02+00:00 OPNsense.localdomain filterlog 12345 - [meta sequenceId="1"] 96,,,fae559338f65e11c53669fc3642c93c2,vtnet0,match,pass,out,6,0x00,0x00000,64,udp,17,40,2001:db8::1,2001:db8::2,546,547,40"#)
        #expect(m.format == .rfc5424)
        #expect(m.dialect == .filterlog)
        #expect(m.field("ipversion") == "6")
        #expect(m.field("src") == "2001:db8::1")
        #expect(m.structuredDataValue(id: "meta", name: "sequenceId") == "1")
    }
}
