/// A host (IP literal or name) and a port: a device (`10.0.0.1`, `10.0.0.1:1161`,
/// `[2001:db8::1]:161`, `core.example.net`), a listener (`0.0.0.0:514`) or a trap target.
public struct HostPort: Sendable, Hashable, Encodable, CustomStringConvertible {
    /// Canonical IP text, or a lower-cased host name.
    public var host: String
    public var port: Int
    public var isIPAddress: Bool

    public init(host: String, port: Int) {
        if let bytes = IPAddressText.bytes(host) {
            self.host = IPAddressText.canonical(bytes)
            self.isIPAddress = true
        } else {
            self.host = host.lowercased()
            self.isIPAddress = false
        }
        self.port = port
    }

    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// `defaultPort` nil: the port must be written.
    static func parse(_ text: String, defaultPort: Int?) -> Result<HostPort, ScalarError> {
        let example = defaultPort == nil ? "ADDRESS:PORT, like 0.0.0.0:514 or [::]:514" : "an address, like 10.0.0.1, 10.0.0.1:161, [2001:db8::1]:161 or switch.example.net"
        var host = text
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return .failure(ScalarError("expected \(example); found '\(text)'")) }
            host = String(text[text.index(after: text.startIndex)..<close])
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.first == ":" else { return .failure(ScalarError("expected \(example); found '\(text)'")) }
                portText = after.dropFirst()
            }
            guard IPAddressText.bytes(host)?.count == 16 else {
                return .failure(ScalarError("'\(host)' is not an IPv6 address"))
            }
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            host = String(text[..<colon])
            portText = text[text.index(after: colon)...]
        }
        // A bare IPv6 address (several colons) has no port.
        var port: Int
        if let portText {
            guard let value = Int(portText), (1...65_535).contains(value) else {
                return .failure(ScalarError("invalid port '\(portText)' in '\(text)': use 1 to 65535"))
            }
            port = value
        } else if let defaultPort {
            port = defaultPort
        } else {
            return .failure(ScalarError("missing port in '\(text)': write \(example)"))
        }
        if IPAddressText.bytes(host) == nil {
            let looksNumeric = host.allSatisfy { $0.isNumber || $0 == "." }
            if looksNumeric || host.contains(":") || !IPAddressText.isHostName(host) {
                return .failure(ScalarError("'\(host)' is not a valid IP address or host name"))
            }
        }
        return .success(HostPort(host: host, port: port))
    }
}

/// Why a command-line address could not be read.
public struct AddressError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

extension HostPort {
    /// Reads `ADDR`, `ADDR:PORT` or `[v6]:PORT` as the config does (for `--http ADDR:PORT`);
    /// `defaultPort` nil: the port must be written.
    public init(parsing text: String, defaultPort: Int? = nil) throws(AddressError) {
        switch Self.parse(text, defaultPort: defaultPort) {
        case .success(let value): self = value
        case .failure(let error): throw AddressError(description: error.message)
        }
    }
}

/// A device address: port 161 unless written.
struct DeviceAddressValue: ConfigScalar {
    var value: HostPort
    static var expected: String { "an address" }
    static func parse(_ text: String) -> Result<DeviceAddressValue, ScalarError> {
        HostPort.parse(text, defaultPort: 161).map(DeviceAddressValue.init)
    }
}

/// A trap destination: port 162 unless written.
struct TrapTargetValue: ConfigScalar {
    var value: HostPort
    static var expected: String { "an address" }
    static func parse(_ text: String) -> Result<TrapTargetValue, ScalarError> {
        HostPort.parse(text, defaultPort: 162).map(TrapTargetValue.init)
    }
}

/// A listening address: the port must be written.
struct ListenAddressValue: ConfigScalar {
    var value: HostPort
    static var expected: String { "ADDRESS:PORT" }
    static func parse(_ text: String) -> Result<ListenAddressValue, ScalarError> {
        HostPort.parse(text, defaultPort: nil).map(ListenAddressValue.init)
    }
}
