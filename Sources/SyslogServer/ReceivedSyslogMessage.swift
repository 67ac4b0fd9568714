public import NIOCore
public import Syslog

/// How a syslog message reached us.
public enum SyslogTransport: String, Hashable, Sendable, CaseIterable {
    /// One message per datagram (RFC 5426).
    case udp
    /// A TCP stream, framed by octet counting or line feed (RFC 6587).
    case tcp
    /// A TLS stream, framed by octet counting (RFC 5425) or, from lax senders, line feed.
    case tls
}

/// One message as a listener hands it to the sink: parsed and classified, with the raw bytes
/// (``SyslogMessage/raw``), the receive time (``SyslogMessage/receivedAt``) and where it came from.
public struct ReceivedSyslogMessage: Sendable {
    /// The parsed message; its ``SyslogMessage/sourceAddress`` is the sender's IP address without port,
    /// the key a daemon ties the message to a device with.
    public var message: SyslogMessage
    /// The transport it arrived on.
    public var transport: SyslogTransport
    /// The sender's address and port.
    public var source: SocketAddress
    /// The framing the stream used for this message; `nil` for UDP.
    public var framing: SyslogFraming?

    public init(message: SyslogMessage, transport: SyslogTransport, source: SocketAddress, framing: SyslogFraming?) {
        self.message = message
        self.transport = transport
        self.source = source
        self.framing = framing
    }
}
