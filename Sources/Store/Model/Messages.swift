public import Foundation

/// A received syslog message as stored: the parsed fields and the bytes as received.
public struct SyslogRecordDraft: Sendable, Hashable {
    public var deviceID: Int64?
    public var receivedAt: Date
    public var sourceAddress: String
    public var facility: Int64?
    public var severity: Int64?
    public var hostname: String?
    public var appName: String?
    public var msgID: String?
    public var message: String
    public var raw: [UInt8]
    /// Parser flags (invalid UTF-8, truncated, no PRI …) as a bit set or list; opaque to the store.
    public var flags: Int64
    public var eventClass: String?

    public init(
        deviceID: Int64? = nil, receivedAt: Date, sourceAddress: String, facility: Int64? = nil,
        severity: Int64? = nil, hostname: String? = nil, appName: String? = nil, msgID: String? = nil,
        message: String, raw: [UInt8], flags: Int64 = 0, eventClass: String? = nil
    ) {
        self.deviceID = deviceID
        self.receivedAt = receivedAt
        self.sourceAddress = sourceAddress
        self.facility = facility
        self.severity = severity
        self.hostname = hostname
        self.appName = appName
        self.msgID = msgID
        self.message = message
        self.raw = raw
        self.flags = flags
        self.eventClass = eventClass
    }
}

public struct SyslogRecord: Sendable, Hashable {
    public var id: Int64
    public var draft: SyslogRecordDraft
}

/// A syslog search. Terms are words that must all appear (message, hostname or app);
/// `word*` matches a prefix; punctuation inside a word makes a phrase (`Gi0/1`, `10.0.0.1`).
public struct SyslogQuery: Sendable, Hashable {
    public enum Order: Sendable, Hashable {
        /// Newest first: fast at any size, stops after `limit` matches.
        case recent
        /// Best bm25 match first: ranks every match, so slower for common terms.
        case relevance
    }

    public var text: String
    public var deviceID: Int64?
    public var since: Date?
    public var until: Date?
    /// At most this severity number (0 emergency … 7 debug): 3 means error and worse.
    public var maxSeverity: Int64?
    public var limit: Int
    public var order: Order

    public init(
        _ text: String, deviceID: Int64? = nil, since: Date? = nil, until: Date? = nil, maxSeverity: Int64? = nil,
        limit: Int = 100, order: Order = .recent
    ) {
        self.text = text
        self.deviceID = deviceID
        self.since = since
        self.until = until
        self.maxSeverity = maxSeverity
        self.limit = limit
        self.order = order
    }
}

/// A received trap or inform.
public struct TrapRecordDraft: Sendable, Hashable {
    public var deviceID: Int64?
    public var receivedAt: Date
    public var sourceAddress: String
    /// "v1", "v2c", "v3".
    public var version: String
    public var trapOID: String
    /// The varbinds as a JSON array of {oid, type, value}.
    public var varbindsJSON: String

    public init(
        deviceID: Int64? = nil, receivedAt: Date, sourceAddress: String, version: String, trapOID: String,
        varbindsJSON: String
    ) {
        self.deviceID = deviceID
        self.receivedAt = receivedAt
        self.sourceAddress = sourceAddress
        self.version = version
        self.trapOID = trapOID
        self.varbindsJSON = varbindsJSON
    }
}

public struct TrapRecord: Sendable, Hashable {
    public var id: Int64
    public var draft: TrapRecordDraft
}
