import Foundation

/// Where alerts go: named channels, and routes choosing channels for each alert.
public struct Notifications: Sendable, Hashable, Encodable {
    public var channels: [NotificationChannel] = []
    public var routes: [NotificationRoute] = []

    public init() {}
}

public struct NotificationChannel: Sendable, Hashable, Encodable {
    public enum Kind: String, Sendable, Hashable, Encodable, CaseIterable {
        case webhook, slack, teams, email, snmp
    }

    public struct Email: Sendable, Hashable, Encodable {
        /// How the connection is protected, from `port` and `starttls`.
        public enum Security: String, Sendable, Hashable, Encodable {
            /// Plain TCP upgraded with STARTTLS before anything else (the default; port 587 or 25).
            case startTLS = "starttls"
            /// TLS from the first byte: port 465 (RFC 8314), where `starttls` defaults to false.
            case implicitTLS = "implicit_tls"
            /// `starttls: false` on any port but 465: no encryption.
            case none
        }

        public var host: String
        public var port = 587
        /// Upgrade to TLS with STARTTLS before authenticating; defaults to true except on port
        /// 465, which is implicit TLS.
        public var starttls = true
        public var user: String?
        public var password: Secret?
        public var from: String
        public var to: [String]
        /// PEM certificate authorities trusted instead of the system's store (a private CA).
        public var caFile: String?

        public var security: Security {
            if port == 465 && !starttls { return .implicitTLS }
            return starttls ? .startTLS : .none
        }
    }

    public struct SNMPTarget: Sendable, Hashable, Encodable {
        public enum Mode: String, Sendable, Hashable, Encodable, CaseIterable { case trap, inform }
        public var target: HostPort
        /// Credential set name used to send (community or v3 user).
        public var credentials: String
        public var mode: Mode = .trap
    }

    public enum Settings: Sendable, Hashable, Encodable {
        /// A JSON POST to any URL, with extra headers (an `Authorization`, say).
        case webhook(url: Secret, headers: [String: Secret])
        /// Slack incoming webhook message format.
        case slack(url: Secret)
        /// Microsoft Teams incoming webhook (message card) format.
        case teams(url: Secret)
        case email(Email)
        /// SNMP traps or informs to an upstream manager (NETWARDEN-MIB notifications).
        case snmp(SNMPTarget)
    }

    public var name: String
    /// A disabled channel receives nothing; its secrets need not resolve.
    public var enabled = true
    /// Time allowed for one delivery attempt.
    public var timeout: Duration = .seconds(10)
    public var settings: Settings

    public var kind: Kind {
        switch settings {
        case .webhook: return .webhook
        case .slack: return .slack
        case .teams: return .teams
        case .email: return .email
        case .snmp: return .snmp
        }
    }
}

/// What an alert is about, for routing.
public enum AlertKind: String, Sendable, Hashable, Encodable, CaseIterable {
    case deviceDown = "device_down"
    case deviceUnreachable = "device_unreachable"
    case interfaceDown = "interface_down"
    case flapping
    case reboot
    case firmwareChanged = "firmware_changed"
    case firmwareOutdated = "firmware_outdated"
    case configUnsaved = "config_unsaved"
    case configChanged = "config_changed"
    case storage, cpu, memory
    case interfaceUtilisation = "interface_utilisation"
    case errorRate = "error_rate"
    case loginFailure = "login_failure"
    case hardwareFault = "hardware_fault"
    case newDevice = "new_device"
}

public enum AlertSeverity: String, Sendable, Hashable, Encodable, CaseIterable, Comparable {
    case info, warning, critical

    public static func < (a: AlertSeverity, b: AlertSeverity) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Sends the alerts it matches to its channels. Every matching route delivers; an empty
/// filter matches everything.
public struct NotificationRoute: Sendable, Hashable, Encodable {
    public var channels: [String]
    public var tenants: [String] = []
    /// `tenant/site`
    public var sites: [String] = []
    public var kinds: [AlertKind] = []
    public var minSeverity: AlertSeverity = .warning

    public func matches(tenant: String, site: String, kind: AlertKind, severity: AlertSeverity) -> Bool {
        (tenants.isEmpty || tenants.contains(tenant))
            && (sites.isEmpty || sites.contains("\(tenant)/\(site)"))
            && (kinds.isEmpty || kinds.contains(kind))
            && severity >= minSeverity
    }
}

extension NotificationChannel.Kind: ConfigEnum { static var expected: String { "channel type" } }
extension NotificationChannel.SNMPTarget.Mode: ConfigEnum { static var expected: String { "mode" } }
extension AlertKind: ConfigEnum { static var expected: String { "alert kind" } }
extension AlertSeverity: ConfigEnum { static var expected: String { "severity" } }

extension Notifications: ConfigDecodable {
    static func decode(_ node: ConfigNode) -> Notifications? {
        node.object(kind: "notifications") { r in
            var n = Notifications()
            n.channels = r.value("channels")?.namedEntries(kind: "channel") { name, item in
                r.context.definedNames[.channel, default: []].insert(name)
                return NotificationChannel.decode(name: name, item)
            }?.map(\.value) ?? []
            n.routes = r.list("routes") ?? []
            return n
        }
    }
}

extension NotificationChannel {
    static func decode(name: String, _ node: ConfigNode) -> NotificationChannel? {
        node.object(kind: "channel") { r -> NotificationChannel? in
            let typeNode = r.value("type")
            let kind = typeNode.flatMap(Kind.decode)
            if typeNode == nil && !r.isProbe {
                r.base.problem("missing required key 'type' (webhook, slack, teams, email or snmp)")
            }
            r.skipUnknownKeys = kind == nil
            let enabled = r.optional("enabled", Bool.self) ?? true
            let timeout = r.optional("timeout", ConfigDuration.self)?.duration ?? .seconds(10)
            if !enabled { r.context.lenientSecrets += 1 }
            defer { if !enabled { r.context.lenientSecrets -= 1 } }
            var settings: Settings?
            for candidate in Kind.allCases where r.isProbe || candidate == kind {
                r.withKind("channel (\(candidate.rawValue))") {
                    settings = decodeSettings(candidate, r)
                }
            }
            guard let settings else { return nil }
            return NotificationChannel(name: name, enabled: enabled, timeout: timeout, settings: settings)
        }
    }

    private static func decodeSettings(_ kind: Kind, _ r: ObjectReader) -> Settings? {
        switch kind {
        case .webhook:
            let url = webURL(r)
            let headers = r.value("headers")?.namedEntries(kind: "header") { _, item in Secret.decode(item) }
            guard let url else { return nil }
            return .webhook(url: url, headers: Dictionary(headers ?? [], uniquingKeysWith: { a, _ in a }))
        case .slack:
            return webURL(r).map { .slack(url: $0) }
        case .teams:
            return webURL(r).map { .teams(url: $0) }
        case .email:
            let host = r.required("host", String.self)
            let port = r.optional("port", Int.self) ?? 587
            // Port 465 is implicit TLS (RFC 8314): STARTTLS there would wait forever.
            let starttls = r.optional("starttls", Bool.self) ?? (port != 465)
            if port == 465, starttls, let node = r.value("starttls") {
                node.problem("port 465 is implicit TLS: leave starttls out or set it false (STARTTLS is for ports 587 and 25)")
            }
            let user = r.optional("user", String.self)
            let password = r.optional("password", Secret.self)
            if let host, user != nil, !starttls, port != 465, !isLoopback(host), let node = r.value("user") {
                node.problem("the password would cross the network in clear: use starttls: true, port 465, or a loopback relay")
            }
            if user != nil, password == nil, !r.isProbe { r.base.problem("'user' needs a 'password'") }
            if password != nil, user == nil, let node = r.value("password") { node.problem("'password' needs a 'user'") }
            let caFile = caFile(r)
            let fromNode = r.value("from")
            let from = fromNode.flatMap(String.decode)
            if fromNode == nil && !r.isProbe { r.base.problem("missing required key 'from'") }
            let toNode = r.value("to")
            let to = toNode?.list { item -> String? in
                guard let address = String.decode(item) else { return nil }
                if !isMailAddress(address) { item.problem("'\(address)' is not an e-mail address") }
                return address
            }
            if let fromNode, let from, !isMailAddress(from) { fromNode.problem("'\(from)' is not an e-mail address") }
            if toNode == nil && !r.isProbe { r.base.problem("missing required key 'to' (one or more addresses)") }
            if !(1...65_535).contains(port), let node = r.value("port") { node.problem("invalid port \(port)") }
            guard let host, let from, let to, !to.isEmpty else { return nil }
            return .email(Email(host: host, port: port, starttls: starttls, user: user, password: password, from: from, to: to,
                                caFile: caFile))
        case .snmp:
            let target = r.required("target", TrapTargetValue.self)?.value
            let credentialsNode = r.value("credentials")
            let credentials = credentialsNode.flatMap(String.decode)
            if let credentialsNode, let credentials { r.context.expectReference(.credentialSet, credentials, at: credentialsNode) }
            if credentialsNode == nil && !r.isProbe { r.base.problem("missing required key 'credentials' (a credential set name)") }
            let mode = r.optional("mode", SNMPTarget.Mode.self) ?? .trap
            guard let target, let credentials else { return nil }
            return .snmp(SNMPTarget(target: target, credentials: credentials, mode: mode))
        }
    }

    /// The URL of a webhook, checked without quoting it (it usually carries a token).
    private static func webURL(_ r: ObjectReader) -> Secret? {
        guard let node = r.value("url") else {
            if !r.isProbe { r.base.problem("missing required key 'url'") }
            return nil
        }
        guard let url = Secret.decode(node) else { return nil }
        let text = url.reveal().lowercased()
        if !url.isEmpty && !(text.hasPrefix("https://") || text.hasPrefix("http://")) {
            node.problem("must be an http:// or https:// URL (value not shown: it is a secret)")
        }
        return url
    }

    /// `local@domain` in ASCII, with nothing that would end the address in `MAIL FROM:<…>` or a
    /// header (blanks, controls, `<>()[],;:\\"`).
    static func isMailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && text.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) && !"<>()[],;:\\\"".unicodeScalars.contains($0) }
    }

    static func isLoopback(_ host: String) -> Bool {
        let name = host.lowercased()
        if name == "localhost" || name == "::1" { return true }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// `ca_file`: read now, so that a missing or wrong file is reported at its line (not at the
    /// first alert). A disabled channel's file need not exist, like its secrets.
    private static func caFile(_ r: ObjectReader) -> String? {
        guard let node = r.value("ca_file"), let path = ConfigFilePath.decode(node)?.path else { return nil }
        guard r.context.lenientSecrets == 0 else { return path }
        do {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            if !text.contains("-----BEGIN CERTIFICATE-----") { node.problem("\(path) holds no PEM certificate (-----BEGIN CERTIFICATE-----)") }
        } catch {
            node.problem("cannot read CA file \(path): \(FileErrorText.reason(error))")
        }
        return path
    }
}

extension NotificationRoute: ConfigDecodable {
    static func decode(_ node: ConfigNode) -> NotificationRoute? {
        node.object(kind: "route") { r in
            let channelsNode = r.value("channels")
            let channels = channelsNode?.list { item -> String? in
                guard let name = String.decode(item) else { return nil }
                item.context.expectReference(.channel, name, at: item)
                return name
            }
            if channelsNode == nil && !r.isProbe { r.base.problem("missing required key 'channels'") }
            let tenants = r.value("tenants")?.list { item -> String? in
                guard let name = String.decode(item) else { return nil }
                item.context.expectReference(.tenant, name, at: item)
                return name
            } ?? []
            let sites = r.value("sites")?.list { item -> String? in
                guard let name = String.decode(item) else { return nil }
                item.context.expectReference(.site, name, at: item)
                return name
            } ?? []
            let kinds = r.list("kinds", AlertKind.self) ?? []
            let minSeverity = r.optional("min_severity", AlertSeverity.self) ?? .warning
            guard let channels, !channels.isEmpty else {
                if let channelsNode { channelsNode.problem("a route needs at least one channel") }
                return nil
            }
            return NotificationRoute(channels: channels, tenants: tenants, sites: sites, kinds: kinds, minSeverity: minSeverity)
        }
    }
}
