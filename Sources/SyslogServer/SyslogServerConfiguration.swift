public import Syslog

extension SyslogServer {
    /// An address to listen on.
    public struct Endpoint: Hashable, Sendable, CustomStringConvertible {
        public var host: String
        public var port: Int

        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }

        public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    }

    /// The server's certificate chain and key, PEM files (RFC 5425).
    public struct TLSFiles: Hashable, Sendable {
        public var certificatePath: String
        public var privateKeyPath: String

        public init(certificatePath: String, privateKeyPath: String) {
            self.certificatePath = certificatePath
            self.privateKeyPath = privateKeyPath
        }
    }

    /// Per-source rate limit: a token bucket per sender IP address.
    public struct RateLimit: Hashable, Sendable {
        /// Sustained messages per second per source.
        public var messagesPerSecond: Double
        /// Messages a source may send at once above the rate.
        public var burst: Int
        /// Sources tracked individually; beyond, new sources share one bucket.
        public var maximumSources: Int

        public init(messagesPerSecond: Double, burst: Int, maximumSources: Int = 65_536) {
            self.messagesPerSecond = messagesPerSecond
            self.burst = burst
            self.maximumSources = maximumSources
        }
    }

    public struct Configuration: Sendable {
        public var udp: [Endpoint] = []
        public var tcp: [Endpoint] = []
        public var tls: [Endpoint] = []
        /// Needed when ``tls`` is not empty.
        public var tlsFiles: TLSFiles?
        /// SO_RCVBUF asked for each UDP socket; Linux caps it at net.core.rmem_max unless the process
        /// may force it (root, CAP_NET_ADMIN), which the server tries first.
        public var udpReceiveBufferSize = 4 << 20
        /// Largest message kept whole, UDP and stream alike; longer stream frames are truncated and flagged.
        public var maximumMessageSize = Syslog.defaultMaximumMessageSize
        /// Messages the consumer may fall behind before listeners stop reading.
        public var sinkCapacity = 16_384
        /// `nil`: no per-source limit.
        public var rateLimit: RateLimit?
        /// A stream connection with nothing to read for this long is closed (what it had half sent
        /// is delivered, flagged truncated). Not applied while the server itself paused the reading.
        public var idleTimeoutSeconds: Int64 = 600
        /// Stream connections at once, TCP and TLS together; more are closed on accept.
        public var maximumConnections = 4_096
        /// Parsing options and classification rules, applied on the event loop that read the message.
        public var parser = SyslogParser()

        public init() {}
    }
}
