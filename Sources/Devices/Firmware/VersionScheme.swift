/// A vendor's firmware numbering scheme: how its versions are written and how they order.
///
/// Every scheme follows one principle (docs/firmware-versions.md has the details):
/// - numbers order numerically, never as text (`9.3(10)` is newer than `9.3(9)`);
/// - different *feature releases* (the first two numbers: Cisco `15.0` and `15.2`, Junos `15.1`
///   and `21.4`) order by those numbers, whatever their trains;
/// - inside one feature release, versions of different release trains, platforms or variants are
///   ``VersionComparison/unknown(_:)``: Cisco `15.2(7)E3` and `15.2(4)M11`;
/// - a build, respin or rebuild number that only one side states matches any (`21.4R3-S5` is the
///   same as `21.4R3-S5.4`), so a policy may name a release without its build.
///
/// The raw values are the names used in configuration; ``init(name:)`` also accepts common
/// spellings (`ios-xe`, `nx-os`, `pan-os`, `semver`, …).
public enum VersionScheme: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Cisco IOS: `15.2(7)E3`, `12.2(55)SE12`, `15.1(4)M12a`, `12.4(25g)`.
    case ciscoIOS
    /// Cisco IOS XE: `17.9.4a`, `16.12.10`, `03.06.06E`, `3.16.5S`.
    case ciscoIOSXE
    /// Cisco NX-OS: `9.3(10)`, `10.3(4a)M`, `7.0(3)I7(9)`, `6.0(2)N2(3)`.
    case ciscoNXOS
    /// Cisco ASA software: `9.16(4)19`, `9.18(3)`, interim `9.16(4.19)`.
    case ciscoASA
    /// Juniper Junos OS and Junos OS Evolved: `21.4R3-S5.4`, `15.1X49-D200.5`, `22.4R2-S2.6-EVO`.
    case junos
    /// Fortinet FortiOS: `v7.2.8,build1639,240313 (GA.M)`, `7.4.3`.
    case fortiOS
    /// Palo Alto Networks PAN-OS: `10.2.9-h1`, `11.1.4-h7`, `-c` builds.
    case panOS
    /// MikroTik RouterOS v6 and v7: `7.14.2`, `6.49.10 (long-term)`, `7.15rc3`, `7.15beta4`.
    case routerOS
    /// ArubaOS-Switch (HPE ProCurve): `WC.16.11.0012`, `KB.16.10.0015`, `K.15.18.0024`.
    case arubaOSSwitch
    /// ArubaOS-CX: `10.13.1000`, `FL.10.13.1000`.
    case arubaOSCX
    /// ArubaOS for Mobility Controllers and Instant APs: `8.10.0.9`, `8.3.0.0 (64659)`.
    case arubaOS
    /// Arista EOS: `4.30.2F`, `4.28.10.1M`.
    case aristaEOS
    /// SonicWall SonicOS: `7.0.1-5145`, `6.5.4.4-44n`.
    case sonicOS
    /// Ubiquiti UniFi device firmware and applications: `6.6.55`, `6.6.55.15189`.
    case unifi
    /// Semantic Versioning 2.0.0: `2.4.1`, `1.0.0-rc.1`, `v3.2.0+build.5`.
    case semantic
    /// Plain dotted numbers of any length, for vendors with no scheme of their own: `6.7.2`, `8.2.3`.
    case dotted

    /// A short name for messages: `Cisco IOS`, `Junos`.
    public var displayName: String {
        switch self {
        case .ciscoIOS: "Cisco IOS"
        case .ciscoIOSXE: "Cisco IOS XE"
        case .ciscoNXOS: "Cisco NX-OS"
        case .ciscoASA: "Cisco ASA"
        case .junos: "Junos"
        case .fortiOS: "FortiOS"
        case .panOS: "PAN-OS"
        case .routerOS: "RouterOS"
        case .arubaOSSwitch: "ArubaOS-Switch"
        case .arubaOSCX: "AOS-CX"
        case .arubaOS: "ArubaOS"
        case .aristaEOS: "Arista EOS"
        case .sonicOS: "SonicOS"
        case .unifi: "UniFi"
        case .semantic: "semantic"
        case .dotted: "dotted"
        }
    }

    /// One version written the way the scheme writes it, for messages.
    public var example: String {
        switch self {
        case .ciscoIOS: "15.2(7)E3"
        case .ciscoIOSXE: "17.9.4a"
        case .ciscoNXOS: "9.3(10)"
        case .ciscoASA: "9.16(4)19"
        case .junos: "21.4R3-S5"
        case .fortiOS: "v7.2.8,build1639"
        case .panOS: "10.2.9-h1"
        case .routerOS: "7.14.2"
        case .arubaOSSwitch: "WC.16.11.0012"
        case .arubaOSCX: "FL.10.13.1000"
        case .arubaOS: "8.10.0.9"
        case .aristaEOS: "4.30.2F"
        case .sonicOS: "7.0.1-5145"
        case .unifi: "6.6.55"
        case .semantic: "1.2.3"
        case .dotted: "6.7.2"
        }
    }

    public var description: String { rawValue }

    var versionType: any SchemeVersion.Type {
        switch self {
        case .ciscoIOS: CiscoIOSVersion.self
        case .ciscoIOSXE: CiscoIOSXEVersion.self
        case .ciscoNXOS: CiscoNXOSVersion.self
        case .ciscoASA: CiscoASAVersion.self
        case .junos: JunosVersion.self
        case .fortiOS: FortiOSVersion.self
        case .panOS: PANOSVersion.self
        case .routerOS: RouterOSVersion.self
        case .arubaOSSwitch: ArubaOSSwitchVersion.self
        case .arubaOSCX: ArubaOSCXVersion.self
        case .arubaOS: ArubaOSVersion.self
        case .aristaEOS: AristaEOSVersion.self
        case .sonicOS: SonicOSVersion.self
        case .unifi: UniFiVersion.self
        case .semantic: SemanticVersion.self
        case .dotted: DottedVersion.self
        }
    }

    // MARK: - Names

    /// A scheme from its configuration name, ignoring case, spaces, `-` and `_`: the raw value
    /// (`ciscoIOSXE`) or a common spelling (`ios-xe`, `nxos`, `pan-os`, `aos-s`, `semver`, …).
    public init?(name: String) {
        let key = String(name.lowercased().filter { $0.isLetter || $0.isNumber })
        if let scheme = VersionScheme.allCases.first(where: { $0.rawValue.lowercased() == key }) {
            self = scheme
            return
        }
        switch key {
        case "ios", "cisco": self = .ciscoIOS
        case "iosxe", "xe": self = .ciscoIOSXE
        case "nxos", "nexus": self = .ciscoNXOS
        case "asa": self = .ciscoASA
        case "junosevolved", "junosos", "evo": self = .junos
        case "fortigate", "fortinet": self = .fortiOS
        case "paloalto": self = .panOS
        case "mikrotik": self = .routerOS
        case "arubaswitch", "aoss", "procurve", "provision": self = .arubaOSSwitch
        case "aoscx", "cx": self = .arubaOSCX
        case "aos", "arubainstant": self = .arubaOS
        case "eos", "arista": self = .aristaEOS
        case "sonicwall": self = .sonicOS
        case "ubiquiti", "ubnt": self = .unifi
        case "semver": self = .semantic
        case "numeric", "plain": self = .dotted
        default: return nil
        }
    }
}

extension VersionScheme: Codable {
    /// Decodes a scheme from any name ``init(name:)`` accepts.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let scheme = VersionScheme(name: name) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "unknown version scheme '\(name)'; one of "
                    + VersionScheme.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self = scheme
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
