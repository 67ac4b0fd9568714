/// Column names for the CSV dialects, so `message.field("eventid")` works on PAN-OS and filterlog lines.
enum FieldSchema: Hashable, Sendable {
    case none
    case panOSSystem, panOSConfig, panOSTraffic, panOSOther
    case filterlogIPv4, filterlogIPv6, filterlogOther

    // PAN-OS syslog field descriptions (default formats, PAN-OS 10.x); the first seven columns are shared.
    static let panOSCommon = [
        "future_use1", "receive_time", "serial", "type", "subtype", "future_use2", "time_generated",
    ]
    static let panOSSystemNames =
        panOSCommon + [
            "vsys", "eventid", "object", "future_use3", "future_use4", "module", "severity", "description",
            "seqno", "actionflags", "dg_hier_level_1", "dg_hier_level_2", "dg_hier_level_3", "dg_hier_level_4",
            "vsys_name", "device_name",
        ]
    static let panOSConfigNames =
        panOSCommon + [
            "host", "vsys", "cmd", "admin", "client", "result", "path", "seqno", "actionflags",
            "dg_hier_level_1", "dg_hier_level_2", "dg_hier_level_3", "dg_hier_level_4", "vsys_name", "device_name",
        ]
    static let panOSTrafficNames =
        panOSCommon + [
            "src", "dst", "natsrc", "natdst", "rule", "srcuser", "dstuser", "app", "vsys", "from", "to",
            "inbound_if", "outbound_if", "logset", "future_use3", "sessionid", "repeatcnt", "sport", "dport",
            "natsport", "natdport", "flags", "proto", "action",
        ]
    // pfSense filterlog format (docs.netgate.com "Filter Log Format"), shared by OPNsense.
    static let filterlogCommon = [
        "rule", "subrule", "anchor", "tracker", "interface", "reason", "action", "direction", "ipversion",
    ]
    static let filterlogIPv4Names =
        filterlogCommon + [
            "tos", "ecn", "ttl", "id", "offset", "flags", "protoid", "proto", "length", "src", "dst", "sport",
            "dport", "datalen",
        ]
    static let filterlogIPv6Names =
        filterlogCommon + [
            "class", "flowlabel", "hoplimit", "proto", "protoid", "length", "src", "dst", "sport", "dport",
            "datalen",
        ]

    static let utf8Names: [FieldSchema: [[UInt8]]] = [
        .panOSSystem: panOSSystemNames.map { Array($0.utf8) },
        .panOSConfig: panOSConfigNames.map { Array($0.utf8) },
        .panOSTraffic: panOSTrafficNames.map { Array($0.utf8) },
        .panOSOther: panOSCommon.map { Array($0.utf8) },
        .filterlogIPv4: filterlogIPv4Names.map { Array($0.utf8) },
        .filterlogIPv6: filterlogIPv6Names.map { Array($0.utf8) },
        .filterlogOther: filterlogCommon.map { Array($0.utf8) },
    ]

    var names: [String] {
        switch self {
        case .none: []
        case .panOSSystem: FieldSchema.panOSSystemNames
        case .panOSConfig: FieldSchema.panOSConfigNames
        case .panOSTraffic: FieldSchema.panOSTrafficNames
        case .panOSOther: FieldSchema.panOSCommon
        case .filterlogIPv4: FieldSchema.filterlogIPv4Names
        case .filterlogIPv6: FieldSchema.filterlogIPv6Names
        case .filterlogOther: FieldSchema.filterlogCommon
        }
    }

    func name(at index: Int) -> String? {
        let n = names
        return index < n.count ? n[index] : nil
    }

    func index(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let list = FieldSchema.utf8Names[self] else { return nil }
        for (i, name) in list.enumerated() where name.count == key.count && name.elementsEqual(key) {
            return i
        }
        return nil
    }
}
