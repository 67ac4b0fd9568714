/// One row of the classification table: which messages it applies to, and the event they report.
///
/// A rule is found through its ``key`` (an exact or prefix match on a field the parser already extracted, so the
/// table can grow without slowing every message), then all its ``conditions`` must hold. The first rule that holds
/// wins; see ``SyslogClassifier`` for the order.
public struct ClassificationRule: Hashable, Sendable {
    /// How a rule is looked up.
    public enum Key: Hashable, Sendable {
        /// A Cisco-style mnemonic as `FACILITY-MNEMONIC`, any severity (`LINK-UPDOWN`, `SYS-CONFIG_I`,
        /// `PKT_INFRA-LINK-UPDOWN`). A trailing `*` matches a prefix (`ETHPORT-IF_DOWN_*`).
        case mnemonic(String)
        /// A Cisco ASA/FTD message ID (`%ASA-6-411002` → 411002).
        case asaMessageID(Int)
        /// ``SyslogMessage/vendorEventID`` (Junos tag, FortiOS logid, PAN-OS eventid/type, SonicWall `m`,
        /// ProCurve and Aruba numbers). A trailing `*` matches a prefix.
        case eventID(String)
        /// ``SyslogMessage/appName`` exactly (`sshd`, `kernel`, `ports`).
        case appName(String)
        /// No key: the rule is tried, after all keyed rules, on every message its dialects allow.
        case any
    }

    /// A test on the message; every condition of a rule must hold.
    public enum Condition: Hashable, Sendable {
        /// The message text contains this, ignoring ASCII case.
        case text(String)
        /// The message text contains one of these, ignoring ASCII case.
        case anyText([String])
        /// The message text does not contain this, ignoring ASCII case.
        case notText(String)
        /// The named field (key=value, CSV column or SD-PARAM) contains this, ignoring ASCII case.
        case field(String, contains: String)
        /// The named field equals this, ignoring ASCII case.
        case fieldEquals(String, String)
        /// The severity (from the mnemonic, else the PRI) is this or more urgent.
        case severityAtMost(SyslogSeverity)
    }

    /// Where the event's interface name is found.
    public enum InterfaceLocator: Hashable, Sendable {
        /// The word after this text in the message (ignoring case), with trailing `,:;.` removed
        /// (`.after("Interface ")` on `Interface Gi0/1, changed state` → `Gi0/1`).
        case after(String)
        /// The word just before this text in the message (ignoring case)
        /// (`.before(": link state")` on `em0: link state changed to DOWN` → `em0`).
        case before(String)
        /// The message text's first word, trailing `:` removed (`ether1 link down`).
        case firstWord
        /// The value of a named field or SD-PARAM (`interface-name`).
        case field(String)
    }

    /// A stable name, reported as ``SyslogMessage/matchedRuleID`` and pinned by a test.
    public var id: String
    /// The dialects the rule applies to; empty for all.
    public var dialects: [SyslogDialect]
    /// How the rule is looked up.
    public var key: Key
    /// What must also hold.
    public var conditions: [Condition]
    /// The event reported.
    public var eventClass: EventClass
    /// Where to find the interface, tried in order.
    public var interface: [InterfaceLocator]

    /// Creates a rule.
    public init(
        _ id: String, _ key: Key, dialects: [SyslogDialect] = [], when conditions: [Condition] = [],
        _ eventClass: EventClass, interface: [InterfaceLocator] = []
    ) {
        self.id = id
        self.dialects = dialects
        self.key = key
        self.conditions = conditions
        self.eventClass = eventClass
        self.interface = interface
    }
}
