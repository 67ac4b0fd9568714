/// Splits a syslog TCP (or TLS) byte stream into frames, sans I/O (RFC 6587).
///
/// Feed bytes as they arrive with ``append(_:)-(ArraySlice<UInt8>)``, then take frames with ``nextFrame()`` until it
/// returns `nil`. Each frame's framing is detected from its first byte: a digit `1`–`9` starts an octet count
/// (`MSG-LEN SP MSG`), anything else a line ending in LF. Senders do switch between frames, so detection is per
/// frame; ``lastFraming`` tells what the connection used last.
///
/// Memory is bounded: a frame longer than ``maximumFrameSize`` is returned as its first ``maximumFrameSize`` bytes
/// with ``SyslogFrame/isTruncated`` set, and the rest is discarded as it arrives, never buffered. A peer that sends
/// half a frame and stalls leaves at most one frame's worth of bytes buffered. One framer per connection; it is a
/// value, confined to whoever owns the connection.
public struct SyslogFramer: Sendable {
    /// The largest frame kept whole; 64 KiB by default.
    public let maximumFrameSize: Int
    /// The framing of the most recent frame, `nil` before the first.
    public private(set) var lastFraming: SyslogFraming?
    /// Frames returned truncated so far.
    public private(set) var truncatedFrameCount = 0
    /// Bytes discarded after truncation so far.
    public private(set) var discardedByteCount = 0

    private var buffer: [UInt8] = []
    private var readIndex = 0
    /// Where the search for the next LF resumes, so small chunks do not rescan the buffered line.
    private var scanIndex = 0
    private var state: State = .idle

    private enum State: Sendable {
        case idle
        /// Discarding the rest of an oversize octet-counted frame.
        case skippingOctets(Int)
        /// Discarding the rest of an oversize line.
        case skippingLine
    }

    /// Creates a framer for one connection.
    /// - Parameter maximumFrameSize: the largest frame kept whole (at least 1); 64 KiB by default.
    public init(maximumFrameSize: Int = Syslog.defaultMaximumMessageSize) {
        self.maximumFrameSize = max(1, maximumFrameSize)
    }

    /// The bytes held for an incomplete frame.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    /// Appends bytes received from the peer.
    public mutating func append(_ bytes: ArraySlice<UInt8>) {
        var slice = bytes
        discardWhileSkipping(&slice)
        buffer.append(contentsOf: slice)
    }

    /// Appends bytes received from the peer.
    public mutating func append(_ bytes: [UInt8]) { append(bytes[...]) }

    /// Appends bytes received from the peer (a receive buffer).
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        append(ArraySlice(bytes))
    }

    /// Appends, then returns every frame now complete.
    public mutating func frames(appending bytes: ArraySlice<UInt8>) -> [SyslogFrame] {
        append(bytes)
        var out: [SyslogFrame] = []
        while let f = nextFrame() { out.append(f) }
        return out
    }

    /// Drops bytes that belong to a frame being discarded before they are ever buffered.
    private mutating func discardWhileSkipping(_ slice: inout ArraySlice<UInt8>) {
        guard bufferedByteCount == 0 else { return }
        switch state {
        case .skippingOctets(let n):
            let k = min(n, slice.count)
            slice = slice.dropFirst(k)
            discardedByteCount += k
            state = n - k > 0 ? .skippingOctets(n - k) : .idle
        case .skippingLine:
            if let lf = slice.firstIndex(of: Bytes.lf) {
                discardedByteCount += lf - slice.startIndex
                slice = slice[(lf + 1)...]
                state = .idle
            } else {
                discardedByteCount += slice.count
                slice = slice[slice.endIndex...]
            }
        case .idle:
            break
        }
    }

    /// The next complete frame, or `nil` until more bytes arrive.
    public mutating func nextFrame() -> SyslogFrame? {
        while true {
            switch state {
            case .skippingOctets(let n):
                let k = min(n, bufferedByteCount)
                readIndex += k
                discardedByteCount += k
                if n - k > 0 {
                    state = .skippingOctets(n - k)
                    compact()
                    return nil
                }
                state = .idle
            case .skippingLine:
                if let lf = findLF() {
                    discardedByteCount += lf - readIndex
                    readIndex = lf + 1
                    scanIndex = readIndex
                    state = .idle
                } else {
                    discardedByteCount += bufferedByteCount
                    readIndex = buffer.count
                    compact()
                    return nil
                }
            case .idle:
                // Line ends and NULs between frames are not frames.
                while readIndex < buffer.count,
                    buffer[readIndex] == Bytes.lf || buffer[readIndex] == Bytes.cr || buffer[readIndex] == 0
                {
                    readIndex += 1
                }
                if readIndex >= buffer.count {
                    compact()
                    return nil
                }
                let first = buffer[readIndex]
                if first &- 0x31 < 9 {
                    switch octetCountHeader() {
                    case .needMore: return nil
                    case .notOctetCounting: break
                    case .frame(let length, let start):
                        return octetFrame(length: length, start: start)
                    }
                }
                return lineFrame()
            }
        }
    }

    /// Call when the peer closed: returns what is left, if anything. A line without its LF is a normal last frame
    /// (RFC 6587 lets the last trailer go); a short octet-counted frame is returned truncated.
    public mutating func finish() -> SyslogFrame? {
        defer {
            buffer.removeAll()
            readIndex = 0
            scanIndex = 0
            state = .idle
        }
        if case .idle = state {} else { return nil }
        while readIndex < buffer.count,
            buffer[readIndex] == Bytes.lf || buffer[readIndex] == Bytes.cr || buffer[readIndex] == 0
        {
            readIndex += 1
        }
        guard readIndex < buffer.count else { return nil }
        if buffer[readIndex] &- 0x31 < 9, case .frame(_, let start) = octetCountHeader() {
            lastFraming = .octetCounting
            truncatedFrameCount += 1
            return SyslogFrame(bytes: Array(buffer[start...]), framing: .octetCounting, isTruncated: true)
        }
        var e = buffer.count
        while e > readIndex, buffer[e - 1] == Bytes.cr || buffer[e - 1] == 0 { e -= 1 }
        lastFraming = .nonTransparent
        return SyslogFrame(bytes: Array(buffer[readIndex..<e]), framing: .nonTransparent)
    }

    // MARK: - Octet counting

    private enum Header {
        case needMore
        case notOctetCounting
        case frame(length: Int, start: Int)
    }

    /// `1*9DIGIT SP` at `readIndex`.
    private func octetCountHeader() -> Header {
        var i = readIndex
        var length = 0
        while i < buffer.count, i - readIndex < 10 {
            let d = buffer[i] &- 0x30
            guard d < 10 else { break }
            length = length * 10 + Int(d)
            i += 1
        }
        if i >= buffer.count { return i - readIndex < 10 ? .needMore : .notOctetCounting }
        guard buffer[i] == Bytes.space, i - readIndex < 10 else { return .notOctetCounting }
        return .frame(length: length, start: i + 1)
    }

    private mutating func octetFrame(length: Int, start: Int) -> SyslogFrame? {
        let available = buffer.count - start
        if length <= maximumFrameSize {
            guard available >= length else { return nil }
            let frame = SyslogFrame(bytes: Array(buffer[start..<(start + length)]), framing: .octetCounting)
            readIndex = start + length
            scanIndex = readIndex
            lastFraming = .octetCounting
            compact()
            return frame
        }
        guard available >= maximumFrameSize else { return nil }
        let frame = SyslogFrame(
            bytes: Array(buffer[start..<(start + maximumFrameSize)]), framing: .octetCounting, isTruncated: true)
        readIndex = start + maximumFrameSize
        scanIndex = readIndex
        state = .skippingOctets(length - maximumFrameSize)
        truncatedFrameCount += 1
        lastFraming = .octetCounting
        return frame
    }

    // MARK: - Line feed

    private mutating func findLF() -> Int? {
        var i = max(scanIndex, readIndex)
        while i < buffer.count {
            if buffer[i] == Bytes.lf { return i }
            i += 1
        }
        scanIndex = i
        return nil
    }

    private mutating func lineFrame() -> SyslogFrame? {
        if let lf = findLF() {
            var e = lf
            if e > readIndex, buffer[e - 1] == Bytes.cr { e -= 1 }
            let truncated = e - readIndex > maximumFrameSize
            if truncated {
                discardedByteCount += e - readIndex - maximumFrameSize
                e = readIndex + maximumFrameSize
                truncatedFrameCount += 1
            }
            let frame = SyslogFrame(bytes: Array(buffer[readIndex..<e]), framing: .nonTransparent, isTruncated: truncated)
            readIndex = lf + 1
            scanIndex = readIndex
            lastFraming = .nonTransparent
            compact()
            return frame
        }
        guard bufferedByteCount > maximumFrameSize else { return nil }
        let frame = SyslogFrame(
            bytes: Array(buffer[readIndex..<(readIndex + maximumFrameSize)]), framing: .nonTransparent,
            isTruncated: true)
        readIndex += maximumFrameSize
        scanIndex = readIndex
        state = .skippingLine
        truncatedFrameCount += 1
        lastFraming = .nonTransparent
        return frame
    }

    // MARK: - Buffer

    private mutating func compact() {
        if readIndex >= buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 4 * maximumFrameSize)
            readIndex = 0
            scanIndex = 0
        } else if readIndex > 4096, readIndex > buffer.count / 2 {
            buffer.removeSubrange(0..<readIndex)
            scanIndex = max(0, scanIndex - readIndex)
            readIndex = 0
        }
    }
}
