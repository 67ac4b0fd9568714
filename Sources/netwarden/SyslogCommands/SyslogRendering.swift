import Foundation
import Syslog

/// How `netwarden syslog parse` and `syslog listen` print a message: one JSON object per line, or
/// a few lines of text for a person.
enum SyslogRendering {
    /// Where a received message came from; empty for `parse`.
    struct Origin {
        var source: String?
        var transport: String?
        var framing: String?
    }

    static func json(_ m: SyslogMessage, origin: Origin = Origin()) -> String {
        var o: [String: Any] = [
            "receivedAt": m.receivedAt.description,
            "format": m.format.rawValue,
            "dialect": m.dialect.rawValue,
            "eventClass": m.eventClass.rawValue,
            "flags": m.flags.names,
            "raw": String(decoding: m.raw, as: UTF8.self),
        ]
        if let v = origin.source { o["source"] = v }
        if let v = origin.transport { o["transport"] = v }
        if let v = origin.framing { o["framing"] = v }
        if let p = m.priority {
            o["pri"] = Int(p.value)
            o["facility"] = p.facility.description
            o["severity"] = p.severity.description
        }
        if let v = m.version { o["version"] = v }
        if let t = m.timestamp {
            o["timestamp"] = t.text.string
            if let instant = t.instant { o["timestampUTC"] = instant.description }
        }
        if let v = m.hostname { o["hostname"] = v.string }
        if let v = m.appName { o["app"] = v.string }
        if let v = m.procID { o["procid"] = v.string }
        if let v = m.msgID { o["msgid"] = v.string }
        if let v = m.mnemonic { o["mnemonic"] = v.description }
        if let v = m.asaMessageID { o["asaMessageID"] = v }
        if let v = m.vendorEventID { o["vendorEventID"] = v.string }
        if let v = m.sequenceNumber { o["sequence"] = v }
        if let v = m.interface { o["interface"] = v.string }
        if let v = m.matchedRuleID { o["rule"] = v }
        if let v = m.message { o["message"] = v.string }
        let sd = m.structuredData
        if !sd.isEmpty {
            o["structuredData"] = sd.map { e in
                ["id": e.id.string, "params": e.parameters.map { ["name": $0.name.string, "value": $0.value] }] as [String: Any]
            }
        }
        let fields = m.fields
        if !fields.isEmpty {
            o["fields"] = fields.map { f in
                var x: [String: Any] = ["value": f.value.string]
                if let k = f.key { x["key"] = k.string }
                return x
            }
        }
        // Bytes that are not text survive in base64, exactly as received.
        if m.flags.contains(.invalidUTF8) || m.flags.contains(.containsNUL) || m.flags.contains(.controlCharacters) {
            o["rawBase64"] = Data(m.raw).base64EncodedString()
        }
        let data = (try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func text(_ m: SyslogMessage, origin: Origin = Origin()) -> String {
        func show(_ t: SyslogText?) -> String { t.map { printable($0.string) } ?? "-" }
        var head = m.priority.map { "\($0) (<\($0.value)>)" } ?? "no PRI"
        head += "  \(m.format.rawValue)/\(m.dialect.rawValue)"
        if let t = m.timestamp { head += "  \(printable(t.text.string))" + (t.instant.map { " = \($0)" } ?? "") }
        if let s = origin.source { head = "\(s) \(origin.transport ?? "")\(origin.framing.map { "/\($0)" } ?? "")  " + head }
        var ids = "  host: \(show(m.hostname))  app: \(show(m.appName))  procid: \(show(m.procID))  msgid: \(show(m.msgID))"
        if let mn = m.mnemonic { ids += "  mnemonic: \(mn)" }
        if let v = m.vendorEventID { ids += "  event-id: \(printable(v.string))" }
        if let v = m.sequenceNumber { ids += "  seq: \(v)" }
        var event = "  event: \(m.eventClass.rawValue)"
        if let r = m.matchedRuleID { event += " (rule \(r))" }
        if let i = m.interface { event += "  interface: \(printable(i.string))" }
        event += "  flags: \(m.flags)"
        var lines = [head, ids, event]
        for e in m.structuredData {
            lines.append("  [\(printable(e.id.string))] " + e.parameters.map { "\(printable($0.name.string))=\"\(printable($0.value))\"" }.joined(separator: " "))
        }
        lines.append("  message: \(show(m.message))")
        return lines.joined(separator: "\n")
    }

    /// Control characters shown as `\xNN`, so that a hostile message cannot drive the terminal.
    static func printable(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\x" + String(scalar.value, radix: 16, uppercase: false).leftPadded(to: 2)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
