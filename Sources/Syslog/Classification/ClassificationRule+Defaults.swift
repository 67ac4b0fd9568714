/// The built-in classification table. Each rule is pinned by a test in `ClassificationRuleTests` with a sample line.
///
/// Sources: the vendors' documented message formats (Cisco IOS/NX-OS/ASA system message guides, Junos system log
/// reference, FortiOS log reference, PAN-OS syslog field descriptions, ArubaOS-Switch event log, RouterOS logging,
/// pfSense filter log format). Add rules here, or build a ``SyslogClassifier`` with your own table.
extension ClassificationRule {
    private static let ifAfterInterface: [InterfaceLocator] = [.after("Interface ")]

    /// The built-in rules.
    public static let defaultRules: [ClassificationRule] = cisco + asa + junos + fortiOS + panOS + mikroTik + unifi
        + aruba + sonicWall + unix

    // MARK: - Cisco IOS / IOS-XE / IOS-XR / NX-OS / Arista EOS (shared mnemonics)

    static let cisco: [ClassificationRule] = [
        .init("cisco.link-updown.down", .mnemonic("LINK-UPDOWN"), when: [.text("changed state to down")], .linkDown,
              interface: ifAfterInterface),
        .init("cisco.link-updown.up", .mnemonic("LINK-UPDOWN"), when: [.text("changed state to up")], .linkUp,
              interface: ifAfterInterface),
        .init("cisco.link-changed.admin-down", .mnemonic("LINK-CHANGED"), when: [.text("administratively down")],
              .linkDown, interface: ifAfterInterface),
        .init("cisco.lineproto-updown.down", .mnemonic("LINEPROTO-UPDOWN"), when: [.text("changed state to down")],
              .linkDown, interface: ifAfterInterface),
        .init("cisco.lineproto-updown.up", .mnemonic("LINEPROTO-UPDOWN"), when: [.text("changed state to up")],
              .linkUp, interface: ifAfterInterface),
        .init("cisco.xr.link-updown.down", .mnemonic("PKT_INFRA-LINK-UPDOWN"), when: [.text("changed state to down")],
              .linkDown, interface: ifAfterInterface),
        .init("cisco.xr.link-updown.up", .mnemonic("PKT_INFRA-LINK-UPDOWN"), when: [.text("changed state to up")],
              .linkUp, interface: ifAfterInterface),
        .init("cisco.xr.lineproto-updown.down", .mnemonic("PKT_INFRA-LINEPROTO-UPDOWN"),
              when: [.text("changed state to down")], .linkDown, interface: ifAfterInterface),
        .init("cisco.xr.lineproto-updown.up", .mnemonic("PKT_INFRA-LINEPROTO-UPDOWN"),
              when: [.text("changed state to up")], .linkUp, interface: ifAfterInterface),
        .init("cisco.nxos.ethport-if-down", .mnemonic("ETHPORT-IF_DOWN_*"), .linkDown, interface: ifAfterInterface),
        .init("cisco.nxos.ethport-if-up", .mnemonic("ETHPORT-IF_UP"), .linkUp, interface: ifAfterInterface),
        .init("cisco.sys-config-i", .mnemonic("SYS-CONFIG_I"), .configChanged),
        .init("cisco.sys-config-startup", .mnemonic("SYS-CONFIG_STARTUP"), .configChanged),
        .init("cisco.parser-cfglog", .mnemonic("PARSER-CFGLOG_LOGGEDCMD"), .configChanged),
        .init("cisco.nxos.vshd-config-i", .mnemonic("VSHD-VSHD_SYSLOG_CONFIG_I"), .configChanged),
        .init("cisco.xr.config-commit", .mnemonic("MGBL-CONFIG-DB_COMMIT"), .configChanged),
        .init("cisco.sys-restart", .mnemonic("SYS-RESTART"), .reboot),
        .init("cisco.sys-reload", .mnemonic("SYS-RELOAD"), .reboot),
        .init("cisco.sys-system-restarted", .mnemonic("SYS-SYSTEM_RESTARTED"), .reboot),
        .init("cisco.sec-login-failed", .mnemonic("SEC_LOGIN-LOGIN_FAILED"), .loginFailure),
        .init("cisco.xr.login-authen-failed", .mnemonic("SECURITY-LOGIN-AUTHEN_FAILED"), .loginFailure),
        .init("cisco.nxos.authpriv-failed", .mnemonic("AUTHPRIV-SYSTEM_MSG"),
              when: [.anyText(["authentication failed", "authentication failure", "failed password"])],
              .loginFailure),
        .init("cisco.eos.aaa-login-failed", .mnemonic("AAA-EXEC_AUTHEN_FAILED"), .loginFailure),
        .init("cisco.envmon", .mnemonic("ENVMON-*"), when: [.severityAtMost(.error)], .hardwareFault),
        .init("cisco.platform-env", .mnemonic("PLATFORM_ENV-*"), when: [.severityAtMost(.error)], .hardwareFault),
        .init("cisco.nxos.platform-ps-fail", .mnemonic("PLATFORM-PS_FAIL"), .hardwareFault),
        .init("cisco.nxos.platform-fan", .mnemonic("PLATFORM-FAN*"), when: [.severityAtMost(.error)],
              .hardwareFault),
    ]

    // MARK: - Cisco ASA / FTD

    static let asa: [ClassificationRule] = [
        .init("asa.411001.up", .asaMessageID(411001), .linkUp, interface: ifAfterInterface),
        .init("asa.411002.down", .asaMessageID(411002), .linkDown, interface: ifAfterInterface),
        .init("asa.411003.admin-down", .asaMessageID(411003), .linkDown, interface: ifAfterInterface),
        .init("asa.411004.admin-up", .asaMessageID(411004), .linkUp, interface: ifAfterInterface),
        .init("asa.111008.command", .asaMessageID(111008), .configChanged),
        .init("asa.111010.config", .asaMessageID(111010), .configChanged),
        .init("asa.605004.login-denied", .asaMessageID(605004), .loginFailure),
        .init("asa.113015.aaa-rejected", .asaMessageID(113015), .loginFailure),
        .init("asa.611102.auth-failed", .asaMessageID(611102), .loginFailure),
        .init("asa.199001.reload", .asaMessageID(199001), .reboot),
        .init("asa.199005.startup", .asaMessageID(199005), .reboot),
    ]

    // MARK: - Junos

    static let junos: [ClassificationRule] = [
        .init("junos.snmp-trap-link-down", .eventID("SNMP_TRAP_LINK_DOWN"), .linkDown,
              interface: [.field("interface-name"), .after("ifName ")]),
        .init("junos.snmp-trap-link-up", .eventID("SNMP_TRAP_LINK_UP"), .linkUp,
              interface: [.field("interface-name"), .after("ifName ")]),
        .init("junos.ui-commit", .eventID("UI_COMMIT"), .configChanged),
        .init("junos.ui-commit-completed", .eventID("UI_COMMIT_COMPLETED"), .configChanged),
        .init("junos.sshd-login-failed", .eventID("SSHD_LOGIN_FAILED"), .loginFailure),
        .init("junos.login-failed", .eventID("LOGIN_FAILED"), .loginFailure),
        .init("junos.ui-reboot", .eventID("UI_REBOOT_EVENT"), .reboot),
        .init("junos.snmpd-cold-start", .eventID("SNMPD_TRAP_COLD_START"), .reboot),
        .init("junos.snmpd-warm-start", .eventID("SNMPD_TRAP_WARM_START"), .reboot),
        .init("junos.chassisd-failure", .eventID("CHASSISD_*"), when: [.anyText(["fail", "fault"])], .hardwareFault),
    ]

    // MARK: - FortiOS

    static let fortiOS: [ClassificationRule] = [
        .init("fortios.0100032002.admin-login-failed", .eventID("0100032002"), .loginFailure),
        .init("fortios.0102043009.auth-failed", .eventID("0102043009"), .loginFailure),
        .init("fortios.0100044546.attribute-configured", .eventID("0100044546"), .configChanged),
        .init("fortios.0100044547.object-attribute-configured", .eventID("0100044547"), .configChanged),
        .init("fortios.login-failed", .any, dialects: [.fortiOS, .keyValue],
              when: [.fieldEquals("action", "login"), .fieldEquals("status", "failed")], .loginFailure),
        .init("fortios.reboot", .any, dialects: [.fortiOS], when: [.field("logdesc", contains: "reboot")], .reboot),
        .init("fortios.interface-down", .any, dialects: [.fortiOS],
              when: [.field("logdesc", contains: "interface status"), .field("status", contains: "down")],
              .linkDown, interface: [.field("interface"), .after("interface ")]),
        .init("fortios.interface-up", .any, dialects: [.fortiOS],
              when: [.field("logdesc", contains: "interface status"), .field("status", contains: "up")],
              .linkUp, interface: [.field("interface"), .after("interface ")]),
        .init("fortios.hardware", .any, dialects: [.fortiOS],
              when: [.anyText(["power supply", "fan ", "temperature"]), .anyText(["fail", "fault", "alarm"])],
              .hardwareFault),
    ]

    // MARK: - PAN-OS

    static let panOS: [ClassificationRule] = [
        .init("panos.config", .eventID("CONFIG"), dialects: [.panOS], .configChanged),
        .init("panos.auth-fail", .eventID("auth-fail"), dialects: [.panOS], .loginFailure),
        .init("panos.port.down", .any, dialects: [.panOS],
              when: [.fieldEquals("subtype", "port"), .field("description", contains: ": down")], .linkDown,
              interface: [.after("Port ")]),
        .init("panos.port.up", .any, dialects: [.panOS],
              when: [.fieldEquals("subtype", "port"), .field("description", contains: ": up")], .linkUp,
              interface: [.after("Port ")]),
        .init("panos.hw", .any, dialects: [.panOS],
              when: [.fieldEquals("subtype", "hw"), .anyText(["fail", "fault", "alarm", "removed"])], .hardwareFault),
        .init("panos.restart", .any, dialects: [.panOS],
              when: [.fieldEquals("type", "SYSTEM"), .anyText(["restart", "rebooting", "reboot"])], .reboot),
    ]

    // MARK: - MikroTik RouterOS

    static let mikroTik: [ClassificationRule] = [
        .init("mikrotik.link-down", .any, dialects: [.mikroTik], when: [.text(" link down")], .linkDown,
              interface: [.firstWord]),
        .init("mikrotik.link-up", .any, dialects: [.mikroTik], when: [.text(" link up")], .linkUp,
              interface: [.firstWord]),
        .init("mikrotik.login-failure", .any, dialects: [.mikroTik], when: [.text("login failure")], .loginFailure),
        .init("mikrotik.rebooted", .any, dialects: [.mikroTik], when: [.anyText(["rebooted", "reboot"])], .reboot),
        .init("mikrotik.config", .any, dialects: [.mikroTik],
              when: [.anyText([" changed by ", " added by ", " removed by ", " moved by "])], .configChanged),
    ]

    // MARK: - UniFi

    static let unifi: [ClassificationRule] = [
        .init("unifi.trapmgr.link-down", .any, dialects: [.unifi], when: [.text("Link Down:")], .linkDown,
              interface: [.after("Link Down:")]),
        .init("unifi.trapmgr.link-up", .any, dialects: [.unifi], when: [.text("Link Up:")], .linkUp,
              interface: [.after("Link Up:")]),
        .init("unifi.trapmgr.cold-start", .any, dialects: [.unifi], when: [.anyText(["Cold Start", "Warm Start"])],
              .reboot),
    ]

    // MARK: - Aruba / ProCurve

    static let aruba: [ClassificationRule] = [
        .init("aruba.ports.off-line", .appName("ports"), dialects: [.arubaSwitch], when: [.text("is now off-line")],
              .linkDown, interface: [.after("port ")]),
        .init("aruba.ports.on-line", .appName("ports"), dialects: [.arubaSwitch], when: [.text("is now on-line")],
              .linkUp, interface: [.after("port ")]),
        .init("aruba.mgr.config", .appName("mgr"), dialects: [.arubaSwitch],
              when: [.anyText(["configuration changed", "config change"])], .configChanged),
        .init("aruba.system.reboot", .appName("system"), dialects: [.arubaSwitch],
              when: [.anyText(["reboot", "system went down", "system restarted"])], .reboot),
        .init("aruba.auth.invalid", .appName("auth"), dialects: [.arubaSwitch],
              when: [.anyText(["invalid user name/password", "invalid password", "authentication failed"])],
              .loginFailure),
        .init("aruba.chassis.fault", .appName("chassis"), dialects: [.arubaSwitch],
              when: [.anyText(["fail", "fault"])], .hardwareFault),
        .init("aruba.wireless.auth-failed", .any, dialects: [.arubaWireless],
              when: [.anyText(["authentication failed", "auth failed"])], .loginFailure),
    ]

    // MARK: - SonicWall

    static let sonicWall: [ClassificationRule] = [
        .init("sonicwall.login-denied", .any, dialects: [.sonicWall],
              when: [.field("msg", contains: "login denied")], .loginFailure),
        .init("sonicwall.link-down", .any, dialects: [.sonicWall], when: [.field("msg", contains: "link down")],
              .linkDown, interface: [.after("Interface ")]),
        .init("sonicwall.link-up", .any, dialects: [.sonicWall], when: [.field("msg", contains: "link up")],
              .linkUp, interface: [.after("Interface ")]),
        .init("sonicwall.restart", .any, dialects: [.sonicWall],
              when: [.field("msg", contains: "restart")], .reboot),
        .init("sonicwall.config", .any, dialects: [.sonicWall],
              when: [.field("msg", contains: "configuration")], .configChanged),
    ]

    // MARK: - Unix-like systems (pfSense, OPNsense, Linux-based devices)

    static let unix: [ClassificationRule] = [
        .init("unix.kernel.link-state-down", .appName("kernel"), when: [.text("link state changed to DOWN")],
              .linkDown, interface: [.before(": link state")]),
        .init("unix.kernel.link-state-up", .appName("kernel"), when: [.text("link state changed to UP")], .linkUp,
              interface: [.before(": link state")]),
        .init("unix.kernel.link-is-down", .appName("kernel"), when: [.text("link is down")], .linkDown,
              interface: [.before(": link is down"), .before(" nic link is down")]),
        .init("unix.kernel.link-is-up", .appName("kernel"), when: [.text("link is up")], .linkUp,
              interface: [.before(": link is up"), .before(" nic link is up")]),
        .init("unix.sshd.failed", .appName("sshd"),
              when: [.anyText(["failed password", "invalid user", "authentication failure"])], .loginFailure),
        .init("unix.dropbear.bad-password", .appName("dropbear"), when: [.text("bad password attempt")],
              .loginFailure),
        .init("pfsense.webgui.auth-error", .appName("php-fpm"), when: [.text("authentication error")],
              .loginFailure),
        .init("pfsense.config-change", .appName("php-fpm"), when: [.text("Configuration Change")], .configChanged),
        .init("opnsense.audit.auth-error", .appName("audit"), when: [.text("authentication error")], .loginFailure),
        .init("unix.generic.auth-failure", .any, dialects: [.generic],
              when: [.anyText(["authentication failure", "login failed", "failed password for"])], .loginFailure),
    ]
}
