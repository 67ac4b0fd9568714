import Devices
import Discovery
import Foundation

/// A scan's hosts as a table for people, JSON and CSV for programs. Credential set names
/// appear, secrets never (the scan does not keep them).
enum ScanReport {
    static let columns = ["address", "mac", "mac_vendor", "seen_by", "open_ports", "credential_set", "snmp_version", "name",
                          "vendor", "kind", "model", "os", "version", "serial", "location", "contact", "interfaces", "neighbours"]

    static func fields(_ host: ScannedHost) -> [String] {
        let identity = host.snmp?.identity
        return [
            host.address.description, host.macText ?? "", host.macVendor ?? "",
            host.seenBy.sorted().map(\.rawValue).joined(separator: ","), host.openPorts.map(String.init).joined(separator: ","),
            host.snmp?.credentialSet ?? "", host.snmp?.version ?? "", identity?.sysName ?? "", identity?.vendor ?? "",
            identity?.kind?.rawValue ?? "", identity?.model ?? "", identity?.os ?? "", identity?.version ?? "", identity?.serial ?? "",
            identity?.sysLocation ?? "", identity?.sysContact ?? "", host.snmp?.interfaceCount.map(String.init) ?? "",
            (host.snmp?.neighbours ?? []).map(neighbourText).joined(separator: "; "),
        ]
    }

    static func neighbourText(_ neighbour: Neighbour) -> String {
        var text = "\(neighbour.source.rawValue) \(neighbour.name ?? neighbour.chassisID ?? "?")"
        if let port = neighbour.port { text += " port \(port)" }
        if let address = neighbour.address { text += " at \(address)" }
        return text
    }

    static func table(_ result: ScanResult) -> String {
        let header = ["ADDRESS", "MAC", "MAC VENDOR", "SEEN BY", "SNMP", "NAME", "VENDOR", "KIND", "MODEL", "VERSION", "IFS", "NEIGHBOURS"]
        let rows = result.hosts.map { host -> [String] in
            let f = fields(host)
            let snmp = host.snmp.map { "\($0.version) \($0.credentialSet)" } ?? "-"
            let dash = { (text: String) in text.isEmpty ? "-" : text }
            return [f[0], dash(f[1]), dash(String(f[2].prefix(24))), f[3], snmp, dash(f[7]), dash(f[8]), dash(f[9]), dash(f[10]),
                    dash(f[12]), dash(f[16]), dash((host.snmp?.neighbours ?? []).map { "\($0.source.rawValue):\($0.name ?? $0.chassisID ?? "?")" }.joined(separator: ","))]
        }
        var widths = header.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ") + "\n"
        }
        let snmp = result.hosts.filter { $0.snmp != nil }.count
        return line(header) + rows.map(line).joined()
            + String(format: "%d live of %llu addressed, %d answering SNMP; discovery %.2fs, total %.2fs\n",
                     result.hosts.count, result.probed, snmp, result.discoverySeconds, result.totalSeconds)
    }

    static func csv(_ result: ScanResult) -> String {
        ([columns] + result.hosts.map(fields)).map { $0.map(CSV.quote).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func json(_ result: ScanResult) -> String {
        struct Host: Encodable {
            let address: String, mac: String?, macVendor: String?, seenBy: [String], openPorts: [UInt16]
            let credentialSet: String?, snmpVersion: String?, identity: DeviceIdentity?, interfaces: Int?, neighbours: [Neighbour]
        }
        struct Document: Encodable {
            let probed: UInt64, live: Int, snmp: Int, discoverySeconds: Double, totalSeconds: Double, notices: [String], hosts: [Host]
        }
        let hosts = result.hosts.map { host in
            Host(address: host.address.description, mac: host.macText, macVendor: host.macVendor, seenBy: host.seenBy.sorted().map(\.rawValue),
                 openPorts: host.openPorts, credentialSet: host.snmp?.credentialSet, snmpVersion: host.snmp?.version,
                 identity: host.snmp?.identity, interfaces: host.snmp?.interfaceCount, neighbours: host.snmp?.neighbours ?? [])
        }
        let document = Document(probed: result.probed, live: result.hosts.count, snmp: result.hosts.filter { $0.snmp != nil }.count,
                                discoverySeconds: (result.discoverySeconds * 1000).rounded() / 1000,
                                totalSeconds: (result.totalSeconds * 1000).rounded() / 1000, notices: result.notices, hosts: hosts)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: (try? encoder.encode(document)) ?? Data(), as: UTF8.self)
    }
}

/// RFC 4180 fields.
enum CSV {
    static func quote(_ field: String) -> String {
        // A leading = + - @ would run as a formula in a spreadsheet (CSV injection).
        var text = field
        if let first = text.first, "=+-@".contains(first), Double(text) == nil { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// The live progress line on a terminal's standard error.
final class ScanProgressLine: @unchecked Sendable {
    // @unchecked: written under the lock.
    private let lock = NSLock()
    private var shown = false

    static var enabled: Bool { isatty(STDERR_FILENO) == 1 }

    func show(_ progress: ScanProgress) {
        let total = max(progress.total, 1)
        let fraction = Double(min(progress.done, total)) / Double(total)
        let filled = Int(fraction * 20)
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled)
        var text = "\r\u{1B}[K\(progress.phase.rawValue) [\(bar)] \(progress.done)/\(progress.total)  live \(progress.live)  snmp \(progress.snmp)"
        if let eta = progress.eta { text += String(format: "  ETA %.1fs", eta) }
        lock.withLock {
            shown = true
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    func clear() {
        lock.withLock {
            if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }
    }
}
