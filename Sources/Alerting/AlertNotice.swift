public import Config
public import Foundation

/// What a notification says about an alert, whatever the channel.
public struct AlertNotice: Sendable, Hashable, Encodable {
    public enum Action: String, Sendable, Hashable, Encodable { case raised, resolved, acknowledged }

    public var action: Action
    /// The alert's id; nil in the message that opens it (written with the alert, before its id exists).
    public var alertID: Int64?
    public var kind: String
    public var severity: String
    public var tenant: String
    public var site: String
    public var device: String
    public var address: String
    public var interface: UInt32?
    public var message: String
    public var dedupKey: String
    public var at: Date

    public init(action: Action, alertID: Int64?, kind: String, severity: String, tenant: String, site: String, device: String,
                address: String, interface: UInt32?, message: String, dedupKey: String, at: Date) {
        self.action = action
        self.alertID = alertID
        self.kind = kind
        self.severity = severity
        self.tenant = tenant
        self.site = site
        self.device = device
        self.address = address
        self.interface = interface
        self.message = message
        self.dedupKey = dedupKey
        self.at = at
    }

    /// One line for chat and mail subjects: `[CRITICAL] acme/hq core-sw: ge-0/0/1 is down…`.
    public var headline: String {
        let prefix = action == .raised ? "[\(severity.uppercased())]" : "[\(action.rawValue.uppercased())]"
        return "\(prefix) \(tenant)/\(site) \(device): \(message)"
    }

    /// The payload stored in the outbox for a channel of this kind: what is POSTed (webhook,
    /// Slack, Teams), or the fields of the mail or trap.
    public func payload(for kind: NotificationChannel.Kind) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        let object: any Encodable = switch kind {
        case .webhook, .snmp: self
        case .slack: ["text": headline]
        case .teams: TeamsCard(summary: headline, title: headline, text: "\(message)\n\n\(self.kind) · \(dedupKey)",
                               themeColor: severity == "critical" ? "D13438" : action == .resolved ? "2EB886" : "F2C744")
        case .email: ["subject": headline, "body": "\(message)\n\nTenant: \(tenant)\nSite: \(site)\nDevice: \(device) (\(address))\nAlert: \(self.kind) (\(dedupKey))\n"]
        }
        return String(decoding: (try? encoder.encode(object)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// Microsoft Teams' incoming-webhook MessageCard.
    struct TeamsCard: Encodable {
        let type = "MessageCard"
        let context = "http://schema.org/extensions"
        let summary: String
        let title: String
        let text: String
        let themeColor: String
        enum CodingKeys: String, CodingKey {
            case type = "@type", context = "@context", summary, title, text, themeColor = "theme_color"
        }
    }
}
