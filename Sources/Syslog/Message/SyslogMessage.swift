/// One parsed syslog message.
///
/// The raw bytes are always kept (``raw``); every text field is a ``SyslogText`` view into them, made on access,
/// so parsing allocates little beyond the message itself. ``flags`` records what was odd about the input.
public struct SyslogMessage: Hashable, Sendable {
    /// The bytes exactly as received (framing removed), never altered.
    public let raw: [UInt8]
    /// When the receiver got the message.
    public var receivedAt: SyslogInstant
    /// The sender's address as the receiver spells it, if it passed one.
    public var sourceAddress: String?

    /// The PRI, or `nil` when absent (``SyslogFlags/missingPRI``) or invalid (``SyslogFlags/invalidPRI``).
    /// ``SyslogPriority/defaultForMissing`` is RFC 3164's stand-in.
    public internal(set) var priority: SyslogPriority?
    /// The header format recognised.
    public internal(set) var format: SyslogFormat = .unknown
    /// The vendor dialect recognised.
    public internal(set) var dialect: SyslogDialect = .generic
    /// What was unusual.
    public internal(set) var flags: SyslogFlags = []
    /// The RFC 5424 VERSION, `nil` for other formats.
    public internal(set) var version: Int?

    // MARK: - Spans into `raw`

    var timestampSpan: ByteSpan?
    var timestampValue: TimestampValue?
    var hostnameSpan: ByteSpan?
    var appNameSpan: ByteSpan?
    var procIDSpan: ByteSpan?
    var msgIDSpan: ByteSpan?
    var messageSpan: ByteSpan?
    var sdElementSpans: [SDElementSpan] = []
    var sdParamSpans: [SDParamSpan] = []

    // MARK: - Vendor fields

    /// Cisco's message counter (`<189>123: ...`): the first number before the timestamp.
    public internal(set) var sequenceNumber: UInt64?
    /// Cisco's `service sequence-numbers` counter when a second number follows the first (`<189>123: 000045: ...`).
    public internal(set) var secondarySequenceNumber: UInt64?
    var mnemonicFacilitySpan: ByteSpan?
    var mnemonicNameSpan: ByteSpan?
    var mnemonicSeverity: UInt8 = 0
    /// The Cisco ASA/FTD message ID (`%ASA-6-302013` → 302013).
    public internal(set) var asaMessageID: Int?
    var eventIDSpan: ByteSpan?
    var deviceModelSpan: ByteSpan?
    var deviceMACSpan: ByteSpan?
    var deviceFirmwareSpan: ByteSpan?
    var fieldSpans: [FieldSpan] = []
    var fieldSchema: FieldSchema = .none

    // MARK: - Classification

    /// The event the message reports, ``EventClass/other`` when no rule matched.
    public internal(set) var eventClass: EventClass = .other
    var interfaceSpan: ByteSpan?
    /// The ``ClassificationRule/id`` of the rule that matched, for audits and tests.
    public internal(set) var matchedRuleID: String?

    init(raw: [UInt8], receivedAt: SyslogInstant, sourceAddress: String?) {
        self.raw = raw
        self.receivedAt = receivedAt
        self.sourceAddress = sourceAddress
    }

    @inline(__always)
    func text(_ span: ByteSpan?) -> SyslogText? {
        guard let span else { return nil }
        return SyslogText(raw[span.lower..<span.upper])
    }
}

// MARK: - Header fields

extension SyslogMessage {
    /// The timestamp from the header (or, for FortiOS/SonicWall, from their date/time fields), or `nil`
    /// (``SyslogFlags/noTimestamp``).
    public var timestamp: SyslogTimestamp? {
        guard let span = timestampSpan else { return nil }
        return SyslogTimestamp(text: SyslogText(raw[span.lower..<span.upper]), value: timestampValue)
    }

    /// The HOSTNAME (RFC 5424) or host field (RFC 3164); `nil` for NILVALUE or when absent.
    public var hostname: SyslogText? { text(hostnameSpan) }
    /// The APP-NAME (RFC 5424) or TAG (RFC 3164, without `[pid]:`); MikroTik topics; ProCurve module.
    public var appName: SyslogText? { text(appNameSpan) }
    /// The PROCID (RFC 5424) or the `[pid]` of an RFC 3164 tag.
    public var procID: SyslogText? { text(procIDSpan) }
    /// The RFC 5424 MSGID.
    public var msgID: SyslogText? { text(msgIDSpan) }
    /// The message text after the header, BOM stripped; `nil` when there is none.
    public var message: SyslogText? { text(messageSpan) }

    /// The event's interface, when the event concerns one (`GigabitEthernet0/1`, `ge-0/0/1`, `ether1`).
    public var interface: SyslogText? { text(interfaceSpan) }
}

// MARK: - Vendor fields

extension SyslogMessage {
    /// A Cisco-style `%FACILITY-SEVERITY-MNEMONIC` (IOS, IOS-XE, IOS-XR, NX-OS, ASA, Arista EOS).
    public struct Mnemonic: Hashable, Sendable, CustomStringConvertible {
        /// `LINK`, `SYS`, `ETHPORT`, `ASA`; for IOS-XR the joined parts before the severity (`PKT_INFRA-LINK`).
        public var facility: SyslogText
        /// The severity digit, 0 ... 7.
        public var severity: Int
        /// `UPDOWN`, `CONFIG_I`; for ASA the message number.
        public var mnemonic: SyslogText

        public var description: String { "%\(facility)-\(severity)-\(mnemonic)" }
    }

    /// The Cisco-style mnemonic, if the text has one.
    public var mnemonic: Mnemonic? {
        guard let f = text(mnemonicFacilitySpan), let m = text(mnemonicNameSpan) else { return nil }
        return Mnemonic(facility: f, severity: Int(mnemonicSeverity), mnemonic: m)
    }

    /// The vendor's event identifier: the Junos event tag (`UI_COMMIT`), FortiOS `logid`, SonicWall `m`, ProCurve
    /// event number, Aruba message number, and for PAN-OS the SYSTEM `eventid` or else the log type (`CONFIG`).
    public var vendorEventID: SyslogText? { text(eventIDSpan) }

    /// For UniFi: the device model, MAC and firmware from the `MODEL,MAC,vFIRMWARE` host field.
    public var unifiDevice: (model: SyslogText, mac: SyslogText, firmware: SyslogText)? {
        guard let a = text(deviceModelSpan), let b = text(deviceMACSpan), let c = text(deviceFirmwareSpan) else {
            return nil
        }
        return (a, b, c)
    }

    /// A `key=value` pair (FortiOS, SonicWall, generic) or a named CSV column (PAN-OS, filterlog).
    public struct Field: Hashable, Sendable {
        /// The key, or the column name; `nil` for CSV columns with no known name.
        public var key: SyslogText?
        /// The value, without surrounding quotes (escapes inside are left as sent).
        public var value: SyslogText
    }

    /// All `key=value` pairs, or all CSV columns (named where the dialect's layout is known), in order.
    public var fields: [Field] {
        var out: [Field] = []
        out.reserveCapacity(fieldSpans.count)
        for (i, f) in fieldSpans.enumerated() {
            let key: SyslogText? =
                if let k = f.key { text(k) } else if let name = fieldSchema.name(at: i) { SyslogText(name) } else { nil }
            out.append(Field(key: key, value: SyslogText(raw[f.value.lower..<f.value.upper])))
        }
        return out
    }

    /// The value of a `key=value` field, or of a named CSV column (`type`, `eventid`, `interface`...).
    public func field(_ key: String) -> SyslogText? {
        var key = key
        return key.withUTF8 { k in fieldSpan(named: k).map { SyslogText(raw[$0.lower..<$0.upper]) } }
    }

    /// The CSV column at `index` (0-based) for PAN-OS and filterlog.
    public func csvField(at index: Int) -> SyslogText? {
        guard fieldSchema != .none, index >= 0, index < fieldSpans.count else { return nil }
        return text(fieldSpans[index].value)
    }

    func fieldSpan(named k: UnsafeBufferPointer<UInt8>) -> ByteSpan? {
        if fieldSchema == .none {
            for f in fieldSpans {
                guard let key = f.key, key.count == k.count else { continue }
                if Bytes.equal(raw, key, k) { return f.value }
            }
            return nil
        }
        guard let index = fieldSchema.index(of: k), index < fieldSpans.count else { return nil }
        return fieldSpans[index].value
    }
}

// MARK: - Structured data

extension SyslogMessage {
    /// The RFC 5424 STRUCTURED-DATA elements, in order (empty for NILVALUE and other formats).
    public var structuredData: [StructuredDataElement] {
        sdElementSpans.map { e in
            StructuredDataElement(
                id: SyslogText(raw[e.id.lower..<e.id.upper]),
                parameters: sdParamSpans[e.firstParam..<e.endParam].map { p in
                    StructuredDataElement.Parameter(
                        name: SyslogText(raw[p.name.lower..<p.name.upper]),
                        rawValue: SyslogText(raw[p.value.lower..<p.value.upper]),
                        value: p.escaped ? StructuredDataElement.unescape(raw[p.value.lower..<p.value.upper])
                            : String(decoding: raw[p.value.lower..<p.value.upper], as: UTF8.self))
                })
        }
    }

    /// The unescaped value of the first parameter `name` in the first element `id`.
    public func structuredDataValue(id: String, name: String) -> String? {
        for e in sdElementSpans where text(e.id) == SyslogText(id) {
            for p in sdParamSpans[e.firstParam..<e.endParam] where text(p.name) == SyslogText(name) {
                let v = raw[p.value.lower..<p.value.upper]
                return p.escaped ? StructuredDataElement.unescape(v) : String(decoding: v, as: UTF8.self)
            }
        }
        return nil
    }
}

struct SDElementSpan: Hashable, Sendable {
    var id: ByteSpan
    var firstParam: Int
    var endParam: Int
}

struct SDParamSpan: Hashable, Sendable {
    var name: ByteSpan
    var value: ByteSpan
    var escaped: Bool
}

struct FieldSpan: Hashable, Sendable {
    var key: ByteSpan?
    var value: ByteSpan
}
