import Foundation

/// IANA's Private Enterprise Numbers registry: the organisation behind each number under
/// `enterprises` (1.3.6.1.4.1). Debian ships a copy with Wireshark's data
/// (libwireshark-data: /usr/share/wireshark/enterprises.tsv); identification uses it to name the
/// vendor of any device whose number the rules do not list.
public struct EnterpriseRegistry: Sendable {
    public static let defaultPath = "/usr/share/wireshark/enterprises.tsv"

    private let names: [UInt32: String]

    public init(names: [UInt32: String]) {
        self.names = names
    }

    /// Reads the registry's tab-separated form (`NUMBER<TAB>NAME[<TAB># comment]`).
    public static func load(path: String = defaultPath) throws -> EnterpriseRegistry {
        var names: [UInt32: String] = [:]
        try RegistryFile.forEachLine(path: path) { line in
            guard let tab = line.firstIndex(of: UInt8(ascii: "\t")),
                  let number = UInt32(String(decoding: line[..<tab], as: UTF8.self)) else { return }
            let rest = line[(tab + 1)...]
            let nameEnd = rest.firstIndex(of: UInt8(ascii: "\t")) ?? rest.endIndex
            if nameEnd > rest.startIndex { names[number] = String(decoding: rest[..<nameEnd], as: UTF8.self) }
        }
        return EnterpriseRegistry(names: names)
    }

    /// The registrant's short name (see ``shortName(_:)``); names are shortened when asked for,
    /// not for all sixty thousand at load.
    public subscript(number: UInt32) -> String? { names[number].map(Self.shortName) }

    public var count: Int { names.count }

    /// "Clavister AB" → "Clavister", "Ruijie Networks Co., Ltd." → "Ruijie Networks": the
    /// registrant's name without its legal form, which reads better as a vendor.
    static func shortName(_ registered: String) -> String {
        var name = registered.split(separator: ",", maxSplits: 1).first.map(String.init) ?? registered
        let suffixes = [" Inc.", " Inc", " Ltd.", " Ltd", " LLC", " GmbH", " AG", " AB", " SA", " S.A.", " s.r.o.",
                        " Corporation", " Corp.", " Co.", " Company Limited", " Limited", " Company"]
        var changed = true
        while changed {
            changed = false
            name = name.trimmingCharacters(in: .whitespaces)
            for suffix in suffixes where name.hasSuffix(suffix) && name.count > suffix.count {
                name.removeLast(suffix.count)
                changed = true
            }
        }
        return name
    }
}
