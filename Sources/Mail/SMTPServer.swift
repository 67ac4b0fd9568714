#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where and how to submit mail: a relay or submission server (no MX look-up).
public struct SMTPServer: Sendable, Hashable, CustomStringConvertible {
    public enum Security: String, Sendable, Hashable {
        /// Plain TCP upgraded with STARTTLS (RFC 3207) before anything else; a server that does
        /// not offer it is refused rather than talked to in clear.
        case startTLS = "STARTTLS"
        /// TLS from the first byte (RFC 8314, port 465).
        case implicitTLS = "implicit TLS"
        /// No encryption: a trusted network or a loopback relay.
        case none = "no TLS"
    }

    /// A user and password for AUTH PLAIN or LOGIN. Its description never shows the password.
    public struct Credentials: Sendable, Hashable, CustomStringConvertible {
        public var user: String
        public var password: String
        public init(user: String, password: String) {
            self.user = user
            self.password = password
        }
        public var description: String { "\(user) (password not shown)" }
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var credentials: Credentials?
    /// PEM file of the certificate authorities trusted instead of the system's store.
    public var caFile: String?

    public init(host: String, port: Int, security: Security, credentials: Credentials? = nil, caFile: String? = nil) {
        self.host = host
        self.port = port
        self.security = security
        self.credentials = credentials
        self.caFile = caFile
    }

    /// `host:port`, `[v6]:port`.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// `localhost` or an address in 127.0.0.0/8 or ::1: a password may go there without TLS.
    public var isLoopback: Bool { Self.isLoopback(host) }

    public static func isLoopback(_ host: String) -> Bool {
        let name = host.lowercased()
        if name == "localhost" || name.hasSuffix(".localhost") { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, name, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { bytes in bytes.prefix(15).allSatisfy { $0 == 0 } && bytes[15] == 1 }
        }
        return false
    }

    /// An IP address rather than a name (TLS sends no SNI for it and checks the certificate's
    /// IP entries instead).
    static func isIPAddress(_ host: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }
}
