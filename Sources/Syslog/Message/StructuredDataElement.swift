/// An RFC 5424 SD-ELEMENT: `[id name="value" ...]`.
public struct StructuredDataElement: Hashable, Sendable {
    /// The SD-ID (`timeQuality`, `origin`, `exampleSDID@32473`).
    public var id: SyslogText
    /// The SD-PARAMs, in order; names may repeat (RFC 5424 §6.3.3).
    public var parameters: [Parameter]

    /// An SD-PARAM.
    public struct Parameter: Hashable, Sendable {
        /// The PARAM-NAME.
        public var name: SyslogText
        /// The PARAM-VALUE as sent, escapes included.
        public var rawValue: SyslogText
        /// The PARAM-VALUE with `\"`, `\\` and `\]` unescaped (RFC 5424 §6.3.3); other backslashes are kept.
        public var value: String
    }

    /// The unescaped value of the first parameter called `name`.
    public subscript(name: String) -> String? {
        parameters.first { $0.name == SyslogText(name) }?.value
    }

    static func unescape(_ bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: "\\"), i + 1 < bytes.endIndex {
                let n = bytes[i + 1]
                if n == UInt8(ascii: "\"") || n == UInt8(ascii: "\\") || n == UInt8(ascii: "]") {
                    out.append(n)
                    i += 2
                    continue
                }
            }
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
