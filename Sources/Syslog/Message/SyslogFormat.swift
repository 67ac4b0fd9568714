/// The header format a message was parsed as.
public enum SyslogFormat: String, Hashable, Sendable, CaseIterable {
    /// `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD MSG` (RFC 5424).
    case rfc5424
    /// The BSD format and what devices really send under that name (RFC 3164): a PRI and/or a timestamp were found,
    /// hostname and tag when present.
    case rfc3164
    /// Neither a PRI nor a timestamp: bytes that may not be syslog at all. The whole input is the message text.
    case unknown
}

/// The vendor dialect recognised in a message's header or text. It decides which vendor fields are filled in and
/// which classification rules apply.
public enum SyslogDialect: String, Hashable, Sendable, CaseIterable {
    /// Nothing vendor-specific recognised.
    case generic
    /// Cisco IOS / IOS-XE: `%FACILITY-SEVERITY-MNEMONIC:` text, optional sequence numbers before the timestamp.
    case ciscoIOS
    /// Cisco IOS-XR: node ID (`RP/0/RSP0/CPU0:`) before the timestamp, `%A-B-SEV-MNEMONIC :` text.
    case ciscoIOSXR
    /// Cisco NX-OS: year-first timestamps (`2024 Mar  1 ...`), `%ETHPORT-5-IF_DOWN_...`.
    case ciscoNXOS
    /// Cisco ASA / FTD / PIX: `%ASA-SEV-NNNNNN:`.
    case ciscoASA
    /// Arista EOS: a hostname and an agent tag (`Ebra:`) followed by Cisco-style `%FAC-SEV-MNEMONIC:`.
    case aristaEOS
    /// Juniper Junos: `process[pid]: EVENT_TAG: text` or RFC 5424 with the tag as MSGID.
    case junos
    /// Fortinet FortiOS: `key=value` pairs with `logid`, `devname`/`devid`.
    case fortiOS
    /// Palo Alto Networks PAN-OS: CSV (`1,2024/03/01 00:01:02,SERIAL,TYPE,...`).
    case panOS
    /// MikroTik RouterOS: `topic,topic,severity message`.
    case mikroTik
    /// Ubiquiti UniFi: `MODEL,MAC,vFIRMWARE:` as the host field.
    case unifi
    /// HPE Aruba/ProCurve (ArubaOS-Switch): `NNNNN module: text` event numbers.
    case arubaSwitch
    /// Aruba mobility controllers / instant APs: `process[pid]: <NNNNNN> <SEV> ...`.
    case arubaWireless
    /// SonicWall SonicOS: `id=firewall sn=... time="..." fw=... pri=... c=... m=... msg="..."`.
    case sonicWall
    /// pfSense / OPNsense `filterlog`: packet filter CSV.
    case filterlog
    /// Generic `key=value` content from a device not recognised above.
    case keyValue
}
