import Syslog
import Testing

struct SyslogFramerTests {
    static let messages = Samples.bytes

    static var octetStream: [UInt8] {
        messages.flatMap { Array("\($0.count) ".utf8) + $0 }
    }

    static var lineStream: [UInt8] {
        messages.flatMap { $0 + [0x0A] }
    }

    func feed(_ stream: [UInt8], chunk: Int, framer: inout SyslogFramer) -> [SyslogFrame] {
        var out: [SyslogFrame] = []
        var i = 0
        while i < stream.count {
            let j = min(i + chunk, stream.count)
            framer.append(stream[i..<j])
            while let f = framer.nextFrame() { out.append(f) }
            i = j
        }
        if let last = framer.finish() { out.append(last) }
        return out
    }

    @Test(arguments: Array(1...64) + [100, 257, 1000, 4096, 100_000])
    func octetCountingAnyChunkSize(chunk: Int) {
        var framer = SyslogFramer()
        let frames = feed(Self.octetStream, chunk: chunk, framer: &framer)
        #expect(frames.map(\.bytes) == Self.messages)
        #expect(frames.allSatisfy { $0.framing == .octetCounting && !$0.isTruncated })
        #expect(framer.lastFraming == .octetCounting)
    }

    @Test(arguments: Array(1...64) + [100, 257, 1000, 4096, 100_000])
    func lineFeedAnyChunkSize(chunk: Int) {
        var framer = SyslogFramer()
        let frames = feed(Self.lineStream, chunk: chunk, framer: &framer)
        #expect(frames.map(\.bytes) == Self.messages)
        #expect(frames.allSatisfy { $0.framing == .nonTransparent && !$0.isTruncated })
    }

    /// Senders that switch framing between frames, and CRLF line ends.
    @Test(arguments: [1, 2, 3, 7, 13, 64, 1000])
    func mixedFramingAndCRLF(chunk: Int) {
        var stream: [UInt8] = []
        for (i, m) in Self.messages.enumerated() {
            switch i % 3 {
            case 0: stream += Array("\(m.count) ".utf8) + m
            case 1: stream += m + [0x0D, 0x0A]
            default: stream += m + [0x0A]
            }
        }
        var framer = SyslogFramer()
        let frames = feed(stream, chunk: chunk, framer: &framer)
        #expect(frames.map(\.bytes) == Self.messages)
    }

    @Test func lastLineWithoutLFIsAFrame() {
        var framer = SyslogFramer()
        framer.append(Array("<13>a\n<13>b".utf8))
        #expect(framer.nextFrame()?.bytes == Array("<13>a".utf8))
        #expect(framer.nextFrame() == nil)
        #expect(framer.bufferedByteCount == 5)
        let last = framer.finish()
        #expect(last?.bytes == Array("<13>b".utf8))
        #expect(last?.isTruncated == false)
    }

    @Test func shortOctetFrameAtCloseIsTruncated() {
        var framer = SyslogFramer()
        framer.append(Array("20 <13>only ten".utf8))
        #expect(framer.nextFrame() == nil)
        let last = framer.finish()
        #expect(last?.bytes == Array("<13>only ten".utf8))
        #expect(last?.isTruncated == true)
        #expect(last?.framing == .octetCounting)
    }

    @Test(arguments: [1, 5, 999, 4096, 70_000])
    func oversizeOctetFrameIsCutAndTheRestSkipped(chunk: Int) {
        let limit = 1000
        let big = [UInt8](repeating: UInt8(ascii: "x"), count: 5000)
        let stream = Array("5000 ".utf8) + big + Array("5 <13>a".utf8) + Array("<13>b\n".utf8)
        var framer = SyslogFramer(maximumFrameSize: limit)
        var maxBuffered = 0
        var frames: [SyslogFrame] = []
        var i = 0
        while i < stream.count {
            let j = min(i + chunk, stream.count)
            framer.append(stream[i..<j])
            maxBuffered = max(maxBuffered, framer.bufferedByteCount)
            while let f = framer.nextFrame() { frames.append(f) }
            i = j
        }
        #expect(frames.count == 3)
        #expect(frames[0].isTruncated)
        #expect(frames[0].bytes.count == limit)
        #expect(frames[1].bytes == Array("<13>a".utf8))
        #expect(frames[2].bytes == Array("<13>b".utf8))
        #expect(framer.truncatedFrameCount == 1)
        #expect(framer.discardedByteCount == 4000)
        #expect(maxBuffered <= limit + chunk + 8)
    }

    @Test(arguments: [1, 7, 999, 4096, 70_000])
    func oversizeLineIsCutAndTheRestSkipped(chunk: Int) {
        let limit = 1000
        let stream = [UInt8](repeating: UInt8(ascii: "y"), count: 5000) + [0x0A] + Array("<13>next\n".utf8)
        var framer = SyslogFramer(maximumFrameSize: limit)
        var frames: [SyslogFrame] = []
        var maxBuffered = 0
        var i = 0
        while i < stream.count {
            let j = min(i + chunk, stream.count)
            framer.append(stream[i..<j])
            maxBuffered = max(maxBuffered, framer.bufferedByteCount)
            while let f = framer.nextFrame() { frames.append(f) }
            i = j
        }
        #expect(frames.count == 2)
        #expect(frames[0].isTruncated && frames[0].bytes.count == limit)
        #expect(frames[1].bytes == Array("<13>next".utf8))
        #expect(maxBuffered <= limit + chunk + 1)
    }

    @Test func stalledPeerKeepsOneIncompleteFrame() {
        var framer = SyslogFramer(maximumFrameSize: 100)
        framer.append(Array("80 <13>half".utf8))
        for _ in 0..<10 { #expect(framer.nextFrame() == nil) }
        #expect(framer.bufferedByteCount == 11)
        // A line that never ends is cut at the limit, so the buffer never grows past it.
        var lines = SyslogFramer(maximumFrameSize: 100)
        for _ in 0..<1000 {
            lines.append(Array("<13>no newline ever ".utf8))
            while lines.nextFrame() != nil {}
            #expect(lines.bufferedByteCount <= 100)
        }
    }

    @Test func notAnOctetCountFallsBackToLines() {
        var framer = SyslogFramer()
        framer.append(Array("2024-03-01 host app: hi\n12345\n678".utf8))
        #expect(framer.nextFrame()?.bytes == Array("2024-03-01 host app: hi".utf8))
        #expect(framer.nextFrame()?.bytes == Array("12345".utf8))
        #expect(framer.nextFrame() == nil)  // "678" could still be a length: wait
        framer.append(Array("x\n".utf8))
        #expect(framer.nextFrame()?.bytes == Array("678x".utf8))
    }

    @Test func framesFeedTheParser() {
        var framer = SyslogFramer(maximumFrameSize: 40)
        let frames = framer.frames(appending: (Array("200 ".utf8) + [UInt8](repeating: 0x41, count: 200))[...])
        let m = SyslogParser().parse(frames[0], receivedAt: received)
        #expect(m.flags.contains(.truncated))
        #expect(m.raw.count == 40)
    }

    @Test func randomStreamsNeverTrap() {
        var rng = SplitMix64(seed: 5)
        let alphabet = Array("0123456789 <>\n\r\u{0}abc".utf8)
        for _ in 0..<2000 {
            var framer = SyslogFramer(maximumFrameSize: Int.random(in: 1...64, using: &rng))
            for _ in 0..<Int.random(in: 1...20, using: &rng) {
                let chunk = (0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
                framer.append(chunk)
                while let f = framer.nextFrame() {
                    #expect(f.bytes.count <= framer.maximumFrameSize)
                }
                #expect(framer.bufferedByteCount <= framer.maximumFrameSize + 50)
            }
            _ = framer.finish()
        }
    }
}
