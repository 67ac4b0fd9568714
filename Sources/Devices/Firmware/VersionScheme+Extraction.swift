// MARK: - Finding a version in a longer text

extension VersionScheme {
    /// Texts longer than this are searched only up to here; no device banner comes close.
    static let maximumSearchedBytes = 65_536

    /// Words that introduce the version in the texts devices report, tried in order before the
    /// whole text is scanned. Matched ignoring case, as whole words.
    var markers: [String] {
        switch self {
        case .ciscoIOS, .ciscoIOSXE, .ciscoNXOS, .ciscoASA, .arubaOS, .arubaOSCX: ["Version"]
        case .junos: ["JUNOS"]
        case .fortiOS: ["FortiOS", "Version"]
        case .panOS: ["sw-version", "PAN-OS", "Version"]
        case .routerOS: ["RouterOS", "version"]
        case .arubaOSSwitch: ["revision"]
        case .aristaEOS: ["EOS version", "version"]
        case .sonicOS: ["SonicOS Enhanced", "SonicOS", "Version"]
        case .unifi, .semantic, .dotted: ["version", "firmware"]
        }
    }

    /// Finds a version of this scheme in a longer text: a sysDescr, a `show version` line, an
    /// enterprise MIB string.
    ///
    /// The version that follows one of the scheme's marker words (`Version` for Cisco, `JUNOS`,
    /// `revision` for ArubaOS-Switch, …) wins; without one, the first token of the text that reads
    /// as a whole version of the scheme. A candidate must contain a dot and end at a token boundary,
    /// so `fc2`, model numbers and IP-less digits are never taken for versions.
    ///
    /// ```swift
    /// VersionScheme.junos.extract(from: "Juniper Networks, Inc. ex4300-48p Ethernet Switch, kernel JUNOS 21.4R3-S5.4, Build date: …")
    /// // 21.4R3-S5.4
    /// ```
    /// - Parameter text: Any text; only its first 64 KiB are searched.
    /// - Returns: The version as written in `text`, or `nil` when there is none.
    public func extract(from text: String) -> FirmwareVersion? {
        var bytes = Array(text.utf8)
        if bytes.count > Self.maximumSearchedBytes { bytes.removeLast(bytes.count - Self.maximumSearchedBytes) }
        for marker in markers {
            var search = 0
            while let found = Self.find(marker, in: bytes, from: search) {
                search = found + 1
                var cursor = VersionCursor(bytes: bytes, index: found + marker.utf8.count)
                while let byte = cursor.peek,
                    byte.isWhitespace || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "=")
                {
                    cursor.index += 1
                }
                if let version = version(at: cursor) { return version }
            }
        }
        for start in bytes.indices where bytes[start].isAlphanumeric {
            let cursor = VersionCursor(bytes: bytes, index: start)
            guard cursor.isAtTokenStart else { continue }
            if let version = version(at: cursor) { return version }
        }
        return nil
    }

    /// Like ``extract(from:)``, throwing when there is no version.
    /// - Throws: ``FirmwareError/Code/versionNotFound``.
    public func extractVersion(from text: String) throws(FirmwareError) -> FirmwareVersion {
        guard let version = extract(from: text) else {
            throw FirmwareError(.versionNotFound, "no \(displayName) version in '\(text.prefix(200))'")
        }
        return version
    }

    /// The whole version of this scheme that starts at `start`, if it ends at a token boundary.
    private func version(at start: VersionCursor) -> FirmwareVersion? {
        var cursor = start
        guard let parsed = versionType.parse(&cursor), cursor.isAtTokenEnd else { return nil }
        let matched = cursor.bytes[start.index..<cursor.index]
        guard matched.contains(UInt8(ascii: ".")) else { return nil }
        let text = String(decoding: matched, as: UTF8.self).trimmingASCIIWhitespace()
        return FirmwareVersion(scheme: self, text: text, parsed: parsed)
    }

    /// The next whole-word occurrence of `word` (ASCII case ignored) at or after `start`.
    private static func find(_ word: String, in bytes: [UInt8], from start: Int) -> Int? {
        let needle = Array(word.utf8).map(\.asciiLowercased)
        guard !needle.isEmpty, bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
        for index in start...(bytes.count - needle.count) {
            if index > 0, bytes[index - 1].isAlphanumeric { continue }
            let end = index + needle.count
            if end < bytes.count, bytes[end].isAlphanumeric, needle.last?.isAlphanumeric == true { continue }
            var matches = true
            for offset in 0..<needle.count where bytes[index + offset].asciiLowercased != needle[offset] {
                matches = false
                break
            }
            if matches { return index }
        }
        return nil
    }
}

// MARK: - Guessing the scheme from a sysDescr

extension VersionScheme {
    /// The schemes a sysDescr suggests, most likely first; empty when it names no known system.
    ///
    /// A convenience for devices not yet identified by sysObjectID: it reads vendor and system
    /// names (`NX-OS`, `JUNOS`, `ArubaOS (MODEL:`, `RouterOS`, …). Cisco routers on IOS XE 3.x
    /// report an IOS-style version (`15.5(3)S5`), so IOS XE is followed by IOS as a candidate.
    public static func candidates(forSysDescr sysDescr: String) -> [VersionScheme] {
        let text = sysDescr.lowercased()
        func has(_ words: String...) -> Bool { words.contains { text.contains($0) } }
        if has("nx-os") { return [.ciscoNXOS] }
        if has("adaptive security appliance") { return [.ciscoASA] }
        if has("ios-xe", "ios xe", "iosxe", "x86_64_linux_iosd", "cat9k", "cat3k_caa", "software [") {
            return [.ciscoIOSXE, .ciscoIOS]
        }
        if has("cisco ios", "internetwork operating system", "ios (tm)") { return [.ciscoIOS, .ciscoIOSXE] }
        if has("junos") { return [.junos] }
        if has("arista networks eos") { return [.aristaEOS] }
        if has("arubaos (model") { return [.arubaOS] }
        if has("routeros", "mikrotik") { return [.routerOS] }
        if has("sonicos", "sonicwall") { return [.sonicOS] }
        if has("fortigate", "fortios", "fortiswitch") { return [.fortiOS] }
        if has("palo alto networks", "pan-os") { return [.panOS] }
        if has("procurve", "aruba", "hp ", "hpe "), has("revision") { return [.arubaOSSwitch] }
        if has("aruba") { return [.arubaOSCX] }
        if has("unifi", "ubiquiti", "usw-", "uap-", "us-8", "us-16", "us-24", "us-48") { return [.unifi] }
        return []
    }
}

extension FirmwareVersion {
    /// Finds the firmware version in a sysDescr, guessing the scheme with
    /// ``VersionScheme/candidates(forSysDescr:)``.
    /// - Returns: The first version found under the likeliest scheme, or `nil`.
    public static func extract(fromSysDescr sysDescr: String) -> FirmwareVersion? {
        for scheme in VersionScheme.candidates(forSysDescr: sysDescr) {
            if let version = scheme.extract(from: sysDescr) { return version }
        }
        return nil
    }
}
