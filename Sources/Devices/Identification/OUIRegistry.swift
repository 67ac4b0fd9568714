import Foundation

/// The IEEE registry of MAC address blocks (MA-L, 24-bit OUIs): the organisation that made a
/// network card. Debian's ieee-data package keeps it at /usr/share/ieee-data/oui.txt.
public struct OUIRegistry: Sendable {
    public static let defaultPath = "/usr/share/ieee-data/oui.txt"

    private let names: [UInt32: String]

    public init(names: [UInt32: String]) {
        self.names = names
    }

    /// Reads the registry's text form, whose lines `E8-04-62   (hex)\t\tCisco Systems, Inc` name
    /// each block.
    public static func load(path: String = defaultPath) throws -> OUIRegistry {
        var names: [UInt32: String] = [:]
        try RegistryFile.forEachLine(path: path) { line in
            // "E8-04-62   (hex)\t\tCisco Systems, Inc"
            guard line.count > 18, line[line.startIndex + 11] == UInt8(ascii: "("),
                  let tab = line.lastIndex(of: UInt8(ascii: "\t")) else { return }
            let hex = line.prefix(8).filter { $0 != UInt8(ascii: "-") }
            guard hex.count == 6, let prefix = UInt32(String(decoding: hex, as: UTF8.self), radix: 16) else { return }
            names[prefix] = String(decoding: line[(tab + 1)...], as: UTF8.self)
        }
        return OUIRegistry(names: names)
    }

    /// The organisation for a MAC address (at least its first three octets).
    public func organization(for mac: some Collection<UInt8>) -> String? {
        guard mac.count >= 3 else { return nil }
        let bytes = Array(mac.prefix(3))
        return names[UInt32(bytes[0]) << 16 | UInt32(bytes[1]) << 8 | UInt32(bytes[2])].map(EnterpriseRegistry.shortName)
    }

    public var count: Int { names.count }
}
