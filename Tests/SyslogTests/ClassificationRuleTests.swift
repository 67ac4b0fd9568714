import Syslog
import Testing

/// Pins every built-in rule to a sample line: which rule matched, the event and the interface.
struct ClassificationRuleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let rule: String
        let line: String
        let event: EventClass
        let interface: String?
        init(_ rule: String, _ event: EventClass, _ interface: String? = nil, _ line: String) {
            self.rule = rule
            self.line = line
            self.event = event
            self.interface = interface
        }
        var testDescription: String { rule }
    }

    static let ios = "<189>12: *Mar  1 00:01:02.345: "
    static let nxos = "<189>: 2024 Mar  1 00:01:02 UTC: "
    static let xr = "<189>3021: RP/0/RSP0/CPU0:Mar  1 00:01:02.345 UTC: "
    static let eos = "<189>Mar  1 00:01:02 leaf1 "
    static let asa = "<166>Mar 01 2024 00:01:02: "
    static let junos = "<189>Mar  1 00:01:02 mx1 "
    static let forti = #"<189>date=2024-03-01 time=00:01:02 devname="FGT60F-HQ" devid="FGT60FTK2099000" tz="+0100" "#
    static let pan = "<14>Mar  1 00:01:02 PA-3220 1,2024/03/01 00:01:02,012801012345,"
    static let mt = "<30>Mar  1 00:01:02 MikroTik "
    static let unifi = "<14>Mar  1 00:01:02 US24P250,f09fc2aabbcc,v6.5.59.14777: "
    static let procurve = "<14>Mar  1 00:01:02 10.0.0.2 "
    static let sonic = #"<134>id=firewall sn=0017C5AABBCC time="2024-03-01 00:01:02 UTC" fw=203.0.113.1 pri=3 c=16 "#
    static let bsd = "<38>Mar  1 00:01:02 fw1 "

    static let cases: [Case] = [
        // Cisco IOS / IOS-XE / XR / NX-OS / EOS
        .init("cisco.link-updown.down", .linkDown, "GigabitEthernet0/1", ios + "%LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to down"),
        .init("cisco.link-updown.up", .linkUp, "GigabitEthernet0/1", ios + "%LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to up"),
        .init("cisco.link-changed.admin-down", .linkDown, "GigabitEthernet0/2", ios + "%LINK-5-CHANGED: Interface GigabitEthernet0/2, changed state to administratively down"),
        .init("cisco.lineproto-updown.down", .linkDown, "Vlan10", ios + "%LINEPROTO-5-UPDOWN: Line protocol on Interface Vlan10, changed state to down"),
        .init("cisco.lineproto-updown.up", .linkUp, "Vlan10", ios + "%LINEPROTO-5-UPDOWN: Line protocol on Interface Vlan10, changed state to up"),
        .init("cisco.xr.link-updown.down", .linkDown, "GigabitEthernet0/0/0/0", xr + "ifmgr[254]: %PKT_INFRA-LINK-3-UPDOWN : Interface GigabitEthernet0/0/0/0, changed state to Down"),
        .init("cisco.xr.link-updown.up", .linkUp, "GigabitEthernet0/0/0/0", xr + "ifmgr[254]: %PKT_INFRA-LINK-3-UPDOWN : Interface GigabitEthernet0/0/0/0, changed state to Up"),
        .init("cisco.xr.lineproto-updown.down", .linkDown, "TenGigE0/1/0/2", xr + "ifmgr[254]: %PKT_INFRA-LINEPROTO-5-UPDOWN : Line protocol on Interface TenGigE0/1/0/2, changed state to Down"),
        .init("cisco.xr.lineproto-updown.up", .linkUp, "TenGigE0/1/0/2", xr + "ifmgr[254]: %PKT_INFRA-LINEPROTO-5-UPDOWN : Line protocol on Interface TenGigE0/1/0/2, changed state to Up"),
        .init("cisco.nxos.ethport-if-down", .linkDown, "Ethernet1/2", nxos + "%ETHPORT-5-IF_DOWN_ADMIN_DOWN: Interface Ethernet1/2 is down (Administratively down)"),
        .init("cisco.nxos.ethport-if-up", .linkUp, "Ethernet1/1", nxos + "%ETHPORT-5-IF_UP: Interface Ethernet1/1 is up in mode access"),
        .init("cisco.sys-config-i", .configChanged, nil, ios + "%SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.0.0.5)"),
        .init("cisco.sys-config-startup", .configChanged, nil, eos + "ConfigAgent: %SYS-5-CONFIG_STARTUP: Startup config saved from system:/running-config by admin on vty3 (10.0.0.5)."),
        .init("cisco.parser-cfglog", .configChanged, nil, ios + "%PARSER-5-CFGLOG_LOGGEDCMD: User:admin  logged command:interface GigabitEthernet0/3"),
        .init("cisco.nxos.vshd-config-i", .configChanged, nil, nxos + "%VSHD-5-VSHD_SYSLOG_CONFIG_I: Configured from vty by admin on 10.0.0.5@pts/0"),
        .init("cisco.xr.config-commit", .configChanged, nil, xr + "config[65740]: %MGBL-CONFIG-6-DB_COMMIT : Configuration committed by user 'admin'. Use 'show configuration commit changes 1000000042' to view the changes."),
        .init("cisco.sys-restart", .reboot, nil, ios + "%SYS-5-RESTART: System restarted --"),
        .init("cisco.sys-reload", .reboot, nil, ios + "%SYS-5-RELOAD: Reload requested by admin on vty0 (10.0.0.5). Reload Reason: Reload Command."),
        .init("cisco.sys-system-restarted", .reboot, nil, eos + "Launcher: %SYS-5-SYSTEM_RESTARTED: System restarted"),
        .init("cisco.sec-login-failed", .loginFailure, nil, ios + "%SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: admin] [Source: 198.51.100.7] [localport: 22] [Reason: Login Authentication Failed] at 00:01:02 UTC Fri Mar 1 2024"),
        .init("cisco.xr.login-authen-failed", .loginFailure, nil, xr + "exec[65800]: %SECURITY-LOGIN-4-AUTHEN_FAILED : Failed authentication attempt by user 'admin' from '198.51.100.7' on 'vty0'"),
        .init("cisco.nxos.authpriv-failed", .loginFailure, nil, nxos + "%AUTHPRIV-3-SYSTEM_MSG: pam_aaa:Authentication failed for user admin from 198.51.100.7 - dcos_sshd[12345]"),
        .init("cisco.eos.aaa-login-failed", .loginFailure, nil, eos + "Aaa: %AAA-4-EXEC_AUTHEN_FAILED: User admin failed authentication on vty5 from 198.51.100.7"),
        .init("cisco.envmon", .hardwareFault, nil, ios + "%ENVMON-2-FAN_FAILED: Fan 2 not rotating"),
        .init("cisco.platform-env", .hardwareFault, nil, ios + "%PLATFORM_ENV-1-PWR: Faulty internal power supply A detected"),
        .init("cisco.nxos.platform-ps-fail", .hardwareFault, nil, nxos + "%PLATFORM-2-PS_FAIL: Power supply 1 failed or shut down (Serial number ABC1234XYZ)"),
        .init("cisco.nxos.platform-fan", .hardwareFault, nil, nxos + "%PLATFORM-2-FANMOD_FAN_FAIL: Fan module 1 (Fan1(sys_fan1) fan) failed"),
        // Cisco ASA
        .init("asa.411001.up", .linkUp, "inside", asa + "%ASA-4-411001: Line protocol on Interface inside, changed state to up"),
        .init("asa.411002.down", .linkDown, "inside", asa + "%ASA-4-411002: Line protocol on Interface inside, changed state to down"),
        .init("asa.411003.admin-down", .linkDown, "dmz", asa + "%ASA-4-411003: Configuration status on Interface dmz, changed state to administratively down"),
        .init("asa.411004.admin-up", .linkUp, "dmz", asa + "%ASA-4-411004: Configuration status on Interface dmz, changed state to up"),
        .init("asa.111008.command", .configChanged, nil, asa + "%ASA-5-111008: User 'enable_15' executed the 'write memory' command."),
        .init("asa.111010.config", .configChanged, nil, asa + "%ASA-5-111010: User 'admin', running 'CLI' from IP 10.0.0.5, executed 'write memory'"),
        .init("asa.605004.login-denied", .loginFailure, nil, asa + #"%ASA-6-605004: Login denied from 198.51.100.7/51234 to outside:203.0.113.1/ssh for user "admin""#),
        .init("asa.113015.aaa-rejected", .loginFailure, nil, asa + "%ASA-6-113015: AAA user authentication Rejected : reason = Invalid password : local database : user = admin : user IP = 198.51.100.7"),
        .init("asa.611102.auth-failed", .loginFailure, nil, asa + "%ASA-6-611102: User authentication failed: IP address: 198.51.100.7, Uname: admin"),
        .init("asa.199001.reload", .reboot, nil, asa + "%ASA-5-199001: Reload command executed from Telnet (remote 10.0.0.5)."),
        .init("asa.199005.startup", .reboot, nil, asa + "%ASA-6-199005: Startup begin"),
        // Junos
        .init("junos.snmp-trap-link-down", .linkDown, "ge-0/0/1", junos + "mib2d[1650]: SNMP_TRAP_LINK_DOWN: ifIndex 545, ifAdminStatus up(1), ifOperStatus down(2), ifName ge-0/0/1"),
        .init("junos.snmp-trap-link-up", .linkUp, "ge-0/0/1", junos + "mib2d[1650]: SNMP_TRAP_LINK_UP: ifIndex 545, ifAdminStatus up(1), ifOperStatus up(1), ifName ge-0/0/1"),
        .init("junos.ui-commit", .configChanged, nil, junos + "mgd[1234]: UI_COMMIT: User 'admin' requested 'commit' operation (comment: none)"),
        .init("junos.ui-commit-completed", .configChanged, nil, junos + "mgd[1234]: UI_COMMIT_COMPLETED: commit complete"),
        .init("junos.sshd-login-failed", .loginFailure, nil, junos + "sshd[2345]: SSHD_LOGIN_FAILED: Login failed for user 'root' from host '198.51.100.7'"),
        .init("junos.login-failed", .loginFailure, nil, junos + "login[2346]: LOGIN_FAILED: Login failed for user root from host ttyu0"),
        .init("junos.ui-reboot", .reboot, nil, junos + "mgd[1234]: UI_REBOOT_EVENT: System going down IMMEDIATELY by request of user 'admin'"),
        .init("junos.snmpd-cold-start", .reboot, nil, junos + "snmpd[1500]: SNMPD_TRAP_COLD_START: trap_generate_cold: SNMP trap: cold start"),
        .init("junos.snmpd-warm-start", .reboot, nil, junos + "snmpd[1500]: SNMPD_TRAP_WARM_START: trap_generate_warm: SNMP trap: warm start"),
        .init("junos.chassisd-failure", .hardwareFault, nil, junos + "chassisd[1400]: CHASSISD_SNMP_TRAP10: SNMP trap generated: Power Supply failed (jnxContentsContainerIndex 2, jnxContentsL1Index 1)"),
        // FortiOS (and FortiWeb's key=value)
        .init("fortios.0100032002.admin-login-failed", .loginFailure, nil, forti + #"logid="0100032002" type="event" subtype="system" level="alert" vd="root" logdesc="Admin login failed" user="admin" action="login" status="failed" msg="Administrator admin login failed from ssh(198.51.100.7) because of invalid password""#),
        .init("fortios.0102043009.auth-failed", .loginFailure, nil, forti + #"logid="0102043009" type="event" subtype="user" level="notice" vd="root" logdesc="Authentication failed" srcip=192.168.10.14 policyid=37 interface="internal2" user="test" action="authentication" status="failure" msg="User test failed in authentication""#),
        .init("fortios.0100044546.attribute-configured", .configChanged, nil, forti + #"logid="0100044546" type="event" subtype="system" level="information" vd="root" logdesc="Attribute configured" user="admin" ui="GUI(10.0.0.5)" action="Edit" cfgpath="system.interface" cfgobj="port1" cfgattr="alias[->wan]" msg="Edit system.interface port1""#),
        .init("fortios.0100044547.object-attribute-configured", .configChanged, nil, forti + #"logid="0100044547" type="event" subtype="system" level="information" vd="root" logdesc="Object attribute configured" user="admin" ui="ssh(10.0.0.5)" action="Add" cfgpath="firewall.address" cfgobj="srv1" msg="Add firewall.address srv1""#),
        .init("fortios.login-failed", .loginFailure, nil, #"<185>date=2024-03-01 time=00:01:02 log_id=10000017 msg_id=000000195892 device_id=FV-1KD3A13800012 vd="root" type=event subtype="system" pri=alert user=a ui=GUI action=login status=failed msg="User a login failed from GUI(172.22.6.240)""#),
        .init("fortios.reboot", .reboot, nil, forti + #"logid="0100032138" type="event" subtype="system" level="critical" vd="root" logdesc="Device rebooted" user="admin" ui="ssh(10.0.0.5)" action="reboot" msg="User admin rebooted the device from ssh(10.0.0.5).""#),
        .init("fortios.interface-down", .linkDown, "port2", forti + #"logid="0100020099" type="event" subtype="system" level="warning" vd="root" logdesc="Interface status changed" interface="port2" status="DOWN" msg="Interface port2 is down""#),
        .init("fortios.interface-up", .linkUp, "port2", forti + #"logid="0100020099" type="event" subtype="system" level="notice" vd="root" logdesc="Interface status changed" interface="port2" status="UP" msg="Interface port2 is up""#),
        .init("fortios.hardware", .hardwareFault, nil, forti + #"logid="0100022107" type="event" subtype="system" level="critical" vd="root" logdesc="Power supply failure" msg="Power supply 2 failure detected""#),
        // PAN-OS
        .init("panos.config", .configChanged, nil, pan + "CONFIG,0,0,2024/03/01 00:01:02,198.51.100.7,,set,admin,Web,Succeeded, deviceconfig system,7340124,0x0,0,0,0,0,,PA-3220"),
        .init("panos.auth-fail", .loginFailure, nil, pan + #"SYSTEM,auth,0,2024/03/01 00:01:02,,auth-fail,admin,0,0,general,medium,"failed authentication for user 'admin'. Reason: Invalid username/password.",7340123,0x0,0,0,0,0,,PA-3220"#),
        .init("panos.port.down", .linkDown, "ethernet1/3", pan + "SYSTEM,port,0,2024/03/01 00:01:02,,link-change,ethernet1/3,0,0,general,critical,Port ethernet1/3: Down 1Gb/s-full duplex,7340125,0x0,0,0,0,0,,PA-3220"),
        .init("panos.port.up", .linkUp, "ethernet1/3", pan + "SYSTEM,port,0,2024/03/01 00:01:02,,link-change,ethernet1/3,0,0,general,informational,Port ethernet1/3: Up 1Gb/s-full duplex,7340126,0x0,0,0,0,0,,PA-3220"),
        .init("panos.hw", .hardwareFault, nil, pan + "SYSTEM,hw,0,2024/03/01 00:01:02,,fan-failure,,0,0,general,critical,Fan tray 1 failed,7340127,0x0,0,0,0,0,,PA-3220"),
        .init("panos.restart", .reboot, nil, pan + "SYSTEM,general,0,2024/03/01 00:01:02,,general,,0,0,general,critical,The system is rebooting,7340128,0x0,0,0,0,0,,PA-3220"),
        // MikroTik
        .init("mikrotik.link-down", .linkDown, "ether1", mt + "interface,info ether1 link down"),
        .init("mikrotik.link-up", .linkUp, "sfp-sfpplus1", mt + "interface,info sfp-sfpplus1 link up (speed 10G, full duplex)"),
        .init("mikrotik.login-failure", .loginFailure, nil, mt + "system,error,critical login failure for user admin from 198.51.100.7 via winbox"),
        .init("mikrotik.rebooted", .reboot, nil, mt + "system,info router rebooted"),
        .init("mikrotik.config", .configChanged, nil, mt + "system,info filter rule changed by admin"),
        // UniFi
        .init("unifi.trapmgr.link-down", .linkDown, "0/3", unifi + "switch: TRAPMGR: Link Down: 0/3"),
        .init("unifi.trapmgr.link-up", .linkUp, "0/3", unifi + "switch: TRAPMGR: Link Up: 0/3"),
        .init("unifi.trapmgr.cold-start", .reboot, nil, unifi + "switch: TRAPMGR: Cold Start: Unit: 0"),
        .init("unix.dropbear.bad-password", .loginFailure, nil, "<38>Mar  1 00:01:02 U7PG2,18e829aabbcc,v4.3.28.11361: dropbear[1234]: Bad password attempt for 'admin' from 198.51.100.7:51234"),
        // Aruba / ProCurve
        .init("aruba.ports.off-line", .linkDown, "A5", procurve + "00076 ports: port A5 is now off-line"),
        .init("aruba.ports.on-line", .linkUp, "A5", procurve + "00077 ports: port A5 is now on-line"),
        .init("aruba.mgr.config", .configChanged, nil, procurve + "00090 mgr: Startup configuration changed by CLI.  New seq. number 12"),
        .init("aruba.system.reboot", .reboot, nil, procurve + "00064 system: Operator cold reboot from CONSOLE session."),
        .init("aruba.auth.invalid", .loginFailure, nil, procurve + "00419 auth: Invalid user name/password on SSH session admin from 198.51.100.7"),
        .init("aruba.chassis.fault", .hardwareFault, nil, procurve + "00070 chassis: Fan failure detected"),
        .init("aruba.wireless.auth-failed", .loginFailure, nil, "<143>Mar  1 00:01:02 2024 10.1.1.1 authmgr[4164]: <522275> <NOTI> |authmgr|  User Authentication failed. username=jdoe"),
        // SonicWall
        .init("sonicwall.login-denied", .loginFailure, nil, sonic + #"m=30 msg="Administrator login denied due to bad credentials" n=12 src=198.51.100.7:51234:X1"#),
        .init("sonicwall.link-down", .linkDown, "X1", sonic + #"m=6 msg="Interface X1 Link Down" n=13"#),
        .init("sonicwall.link-up", .linkUp, "X1", sonic + #"m=7 msg="Interface X1 Link Up" n=14"#),
        .init("sonicwall.restart", .reboot, nil, sonic + #"m=1 msg="Firewall was restarted" n=15"#),
        .init("sonicwall.config", .configChanged, nil, sonic + #"m=1000 msg="Configuration changed by admin" n=16"#),
        // Unix-like
        .init("unix.kernel.link-state-down", .linkDown, "igb0", bsd + "kernel: igb0: link state changed to DOWN"),
        .init("unix.kernel.link-state-up", .linkUp, "igb0", bsd + "kernel: igb0: link state changed to UP"),
        .init("unix.kernel.link-is-down", .linkDown, "eth0", bsd + "kernel: [12345.678901] r8169 0000:02:00.0 eth0: Link is Down"),
        .init("unix.kernel.link-is-up", .linkUp, "eth0", bsd + "kernel: [12345.678901] e1000e: eth0 NIC Link is Up 1000 Mbps Full Duplex, Flow Control: None"),
        .init("unix.sshd.failed", .loginFailure, nil, bsd + "sshd[4242]: Failed password for invalid user admin from 198.51.100.7 port 51234 ssh2"),
        .init("pfsense.webgui.auth-error", .loginFailure, nil, bsd + "php-fpm[123]: /index.php: webConfigurator authentication error for user 'admin' from: 198.51.100.7"),
        .init("pfsense.config-change", .configChanged, nil, bsd + "php-fpm[123]: /firewall_rules_edit.php: Configuration Change: admin@10.0.0.5 (Local Database): Firewall: Rules - saved/edited a firewall rule."),
        .init("opnsense.audit.auth-error", .loginFailure, nil, bsd + "audit[123]: /index.php: Web GUI authentication error for user 'root' from 198.51.100.7"),
        .init("unix.generic.auth-failure", .loginFailure, nil, "<38>Mar  1 00:01:02 nas01 login: pam_unix(login:auth): authentication failure; logname= uid=0 euid=0 tty=ttyS0 ruser= rhost= user=admin"),
    ]

    @Test(arguments: cases)
    func rule(_ c: Case) {
        let m = parse(c.line)
        #expect(m.matchedRuleID == c.rule, "\(m.dialect) \(m.vendorEventID.s ?? "-")")
        #expect(m.eventClass == c.event)
        #expect(m.interface.s == c.interface)
    }

    @Test func everyBuiltInRuleIsPinned() {
        let pinned = Set(Self.cases.map(\.rule))
        let ids = ClassificationRule.defaultRules.map(\.id)
        #expect(Set(ids).count == ids.count, "rule IDs are unique")
        #expect(Set(ids).subtracting(pinned).sorted() == [])
        #expect(pinned.subtracting(ids).sorted() == [])
    }

    @Test func routineTrafficIsOther() {
        for line in Samples.lines where line.contains("302013") || line.contains("filterlog") || line.contains("hostapd") {
            #expect(parse(line).eventClass == .other)
        }
        #expect(parse(Self.ios + "%LINK-3-UPDOWN: Interface Gi0/1, changed state to testing").eventClass == .other)
        #expect(parse(Self.ios + "%ENVMON-6-FAN_OK: Fan 2 ok").eventClass == .other)
    }

    @Test func customTable() {
        let rules = [
            ClassificationRule("site.backup-link", .appName("watchdog"), when: [.text("uplink lost")], .linkDown,
                               interface: [.after("uplink lost on ")]),
            ClassificationRule("site.any-reboot", .any, when: [.text("going down for reboot")], .reboot),
        ]
        let parser = SyslogParser(classifier: SyslogClassifier(rules: rules))
        let a = parser.parse(Array("<13>Mar  1 00:00:00 box watchdog: uplink lost on wan0".utf8), receivedAt: received)
        #expect(a.eventClass == .linkDown)
        #expect(a.interface == "wan0")
        let b = parser.parse(Array("<13>Mar  1 00:00:00 box shutdown: system going down for reboot NOW".utf8), receivedAt: received)
        #expect(b.matchedRuleID == "site.any-reboot")
        // Built-in rules are not in a custom table.
        let c = parser.parse(Array(Samples.lines[0].utf8), receivedAt: received)
        #expect(c.eventClass == .other)
        // Without a classifier nothing is classified.
        let none = SyslogParser(classifier: nil).parse(Array(Samples.lines[0].utf8), receivedAt: received)
        #expect(none.eventClass == .other && none.matchedRuleID == nil)
    }
}
