import Foundation

/// The addresses a scan covers: targets (CIDR, `A-B`, host names, `@file`) minus exclusions,
/// de-duplicated and in address order.
public struct TargetSet: Sendable, Hashable {
    /// Disjoint, sorted ranges.
    public private(set) var ranges: [AddressRange]

    /// More addresses than this is a typing mistake, not a scan (a /12 at 2000 pps is 35 min).
    public static let maximumAddresses: UInt64 = 1 << 20
    /// IPv6 prefixes are scanned only when this long or longer (65536 addresses).
    public static let shortestIPv6Prefix = 112

    public init(ranges: [AddressRange]) {
        self.ranges = Self.normalised(ranges)
    }

    /// Parses targets and exclusions. `resolve` turns a host name into addresses (getaddrinfo
    /// by default); `readFile` reads an `@file` (one target per line, `#` comments).
    public static func parse(_ targets: [String], exclude: [String] = [],
                             resolve: (String) throws -> [IPAddress] = TargetSet.resolveHost,
                             readFile: (String) throws -> String = TargetSet.readTargetFile) throws -> TargetSet {
        guard !targets.isEmpty else { throw TargetError("no targets given") }
        let include = try expand(targets, resolve: resolve, readFile: readFile)
        let excluded = try expand(exclude, resolve: resolve, readFile: readFile)
        var set = TargetSet(ranges: include)
        for range in excluded { set.ranges = set.ranges.flatMap { $0.subtracting(range) } }
        guard set.count > 0 else { throw TargetError("every target address is excluded") }
        guard set.count <= maximumAddresses else {
            throw TargetError("\(set.count) addresses to scan; the limit is \(maximumAddresses) (a /12): split the scan")
        }
        return set
    }

    static func expand(_ items: [String], resolve: (String) throws -> [IPAddress], readFile: (String) throws -> String) throws -> [AddressRange] {
        var ranges: [AddressRange] = []
        for item in items {
            let text = item.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("@") {
                let path = String(text.dropFirst())
                guard !path.isEmpty else { throw TargetError("'@' needs a file name: @targets.txt") }
                let content: String
                do { content = try readFile(path) } catch let error as TargetError { throw error } catch {
                    throw TargetError("cannot read target file \(path): \(error.localizedDescription)")
                }
                var lines: [String] = []
                for raw in content.split(whereSeparator: \.isNewline) {
                    let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                    lines += line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
                }
                guard !lines.isEmpty else { throw TargetError("target file \(path) lists no targets") }
                if let nested = lines.first(where: { $0.hasPrefix("@") }) {
                    throw TargetError("target file \(path) names another file (\(nested)); files do not nest")
                }
                do { ranges += try expand(lines, resolve: resolve, readFile: readFile) } catch let error as TargetError {
                    throw TargetError("\(path): \(error.description)")
                }
            } else {
                ranges += try parseOne(text, resolve: resolve)
            }
        }
        return ranges
    }

    /// One target: `10.0.0.0/24`, `10.0.0.10-10.0.0.200`, `10.0.0.10-200`, `2001:db8::/120`, an address or a name.
    public static func parseOne(_ text: String, resolve: (String) throws -> [IPAddress] = TargetSet.resolveHost) throws -> [AddressRange] {
        guard !text.isEmpty else { throw TargetError("empty target") }
        if let slash = text.firstIndex(of: "/") {
            let addressText = text[..<slash], lengthText = text[text.index(after: slash)...]
            guard let address = IPAddress(addressText) else {
                throw TargetError("'\(text)': '\(addressText)' is not an IPv4 or IPv6 address")
            }
            let maxLength = address.isV4 ? 32 : 128
            guard let length = Int(lengthText), lengthText.allSatisfy(\.isNumber), (0...maxLength).contains(length) else {
                throw TargetError("'\(text)': prefix length must be 0 to \(maxLength)")
            }
            if !address.isV4 && length < shortestIPv6Prefix {
                throw TargetError("'\(text)': an IPv6 /\(length) holds 2^\(128 - length) addresses; scan /\(shortestIPv6Prefix) or longer")
            }
            if address.isV4 && length < 12 {
                throw TargetError("'\(text)': a /\(length) holds 2^\(32 - length) addresses; scan /12 or longer")
            }
            return [prefix(address, length: length)]
        }
        if let dash = text.firstIndex(of: "-"), let first = IPAddress(text[..<dash]) {
            let tail = text[text.index(after: dash)...]
            var last = IPAddress(tail)
            // 10.0.0.10-200: the last octet only
            if last == nil, case .v4(let a) = first, let octet = UInt32(tail), octet <= 255, tail.allSatisfy(\.isNumber) {
                last = .v4(a & 0xFFFF_FF00 | octet)
            }
            guard let last else { throw TargetError("'\(text)': '\(tail)' is not an address (ranges are A-B)") }
            guard first.isV4 == last.isV4 else { throw TargetError("'\(text)': a range cannot mix IPv4 and IPv6") }
            guard first <= last else { throw TargetError("'\(text)': the range ends before it starts") }
            let range = AddressRange(first: first, last: last)
            guard range.count <= maximumAddresses else { throw TargetError("'\(text)': \(range.count) addresses is more than \(maximumAddresses)") }
            return [range]
        }
        if let address = IPAddress(text) { return [AddressRange(first: address, last: address)] }
        if looksLikeDottedNumbers(text) { throw TargetError("'\(text)' is not a valid IPv4 address (four numbers 0-255)") }
        guard isHostName(text) else { throw TargetError("'\(text)' is not an address, prefix, range or host name") }
        let addresses = try resolve(text)
        guard !addresses.isEmpty else { throw TargetError("'\(text)': host name does not resolve") }
        return addresses.map { AddressRange(first: $0, last: $0) }
    }

    static func prefix(_ address: IPAddress, length: Int) -> AddressRange {
        switch address {
        case .v4(let v):
            let mask: UInt32 = length == 0 ? 0 : ~UInt32(0) << UInt32(32 - length)
            return AddressRange(first: .v4(v & mask), last: .v4(v | ~mask))
        case .v6(let v):
            let mask: UInt128 = length == 0 ? 0 : ~UInt128(0) << UInt128(128 - length)
            return AddressRange(first: .v6(v & mask), last: .v6(v | ~mask))
        }
    }

    static func looksLikeDottedNumbers(_ text: String) -> Bool {
        text.allSatisfy { $0.isNumber || $0 == "." } && text.contains(".")
    }

    static func isHostName(_ text: String) -> Bool {
        guard text.count <= 253 else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            (1...63).contains(label.count) && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
                && label.first != "-" && label.last != "-"
        }
    }

    static func normalised(_ ranges: [AddressRange]) -> [AddressRange] {
        var merged: [AddressRange] = []
        for range in ranges.sorted(by: { $0.first < $1.first }) {
            if let last = merged.last, last.first.isV4 == range.first.isV4, range.first <= last.last || range.first == last.last.advanced(by: 1) {
                merged[merged.count - 1] = AddressRange(first: last.first, last: max(last.last, range.last))
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    public var count: UInt64 { ranges.reduce(0) { $0 &+ $1.count } }

    public func contains(_ address: IPAddress) -> Bool { ranges.contains { $0.contains(address) } }

    /// Every address, in order.
    public var addresses: [IPAddress] {
        ranges.flatMap { range in (0..<range.count).lazy.map { range.address(at: $0) } }
    }

    public static func resolveHost(_ name: String) throws -> [IPAddress] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(name, nil, &hints, &result)
        guard status == 0, let first = result else {
            throw TargetError("'\(name)': cannot resolve host name (\(String(cString: gai_strerror(status))))")
        }
        defer { freeaddrinfo(first) }
        var found: [IPAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            if let address = SocketAddresses.ipAddress(info.pointee.ai_addr), !found.contains(address) { found.append(address) }
            cursor = info.pointee.ai_next
        }
        return found
    }

    public static func readTargetFile(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TargetError("cannot read target file \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw TargetError("target file \(path) is not UTF-8 text") }
        return text
    }
}
