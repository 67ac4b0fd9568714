/// The PRI part of a syslog message: facility × 8 + severity (RFC 5424 §6.2.1), 0 ... 191.
public struct SyslogPriority: Hashable, Sendable, CustomStringConvertible {
    /// The PRI value, 0 ... 191.
    public let value: UInt8

    /// Creates a priority from a PRI value; `nil` above 191.
    public init?(value: Int) {
        guard (0...191).contains(value) else { return nil }
        self.value = UInt8(value)
    }

    /// Creates a priority from its parts.
    public init(facility: SyslogFacility, severity: SyslogSeverity) {
        self.value = facility.rawValue << 3 | severity.rawValue
    }

    /// The facility (PRI / 8).
    public var facility: SyslogFacility { SyslogFacility(rawValue: value >> 3) ?? .local7 }
    /// The severity (PRI % 8).
    public var severity: SyslogSeverity { SyslogSeverity(rawValue: value & 7) ?? .debug }

    /// RFC 3164 §4.3.3: a relay that receives no PRI uses 13 (user.notice).
    public static let defaultForMissing = SyslogPriority(facility: .user, severity: .notice)

    public var description: String { "\(facility).\(severity)" }
}

/// Syslog facilities, RFC 5424 table 1.
public enum SyslogFacility: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case kern = 0, user, mail, daemon, auth, syslog, lpr, news, uucp, cron, authpriv, ftp, ntp, audit, alert, clock
    case local0, local1, local2, local3, local4, local5, local6, local7

    public var description: String {
        switch self {
        case .kern: "kern"
        case .user: "user"
        case .mail: "mail"
        case .daemon: "daemon"
        case .auth: "auth"
        case .syslog: "syslog"
        case .lpr: "lpr"
        case .news: "news"
        case .uucp: "uucp"
        case .cron: "cron"
        case .authpriv: "authpriv"
        case .ftp: "ftp"
        case .ntp: "ntp"
        case .audit: "audit"
        case .alert: "alert"
        case .clock: "clock"
        case .local0: "local0"
        case .local1: "local1"
        case .local2: "local2"
        case .local3: "local3"
        case .local4: "local4"
        case .local5: "local5"
        case .local6: "local6"
        case .local7: "local7"
        }
    }
}

/// Syslog severities, RFC 5424 table 2; 0 is the most severe.
public enum SyslogSeverity: UInt8, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    case emergency = 0, alert, critical, error, warning, notice, informational, debug

    /// Orders by urgency: `.emergency < .debug`.
    public static func < (a: SyslogSeverity, b: SyslogSeverity) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .emergency: "emerg"
        case .alert: "alert"
        case .critical: "crit"
        case .error: "err"
        case .warning: "warning"
        case .notice: "notice"
        case .informational: "info"
        case .debug: "debug"
        }
    }
}
