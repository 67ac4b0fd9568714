import Syslog
import Testing

struct RFC5424Tests {
    /// RFC 5424 §6.5 example 1, with a BOM before the text.
    @Test func exampleWithBOM() {
        let bytes: [UInt8] =
            Array("<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - ".utf8) + [0xEF, 0xBB, 0xBF]
            + Array("'su root' failed for lonvick on /dev/pts/8".utf8)
        let m = SyslogParser.parse(bytes, receivedAt: received)
        #expect(m.format == .rfc5424)
        #expect(m.version == 1)
        #expect(m.priority?.facility == .auth)
        #expect(m.priority?.severity == .critical)
        #expect(m.timestamp?.instant == SyslogInstant(secondsSince1970: utc(2003, 10, 11, 22, 14, 15), nanoseconds: 3_000_000))
        #expect(m.timestamp?.text == "2003-10-11T22:14:15.003Z")
        #expect(m.hostname == "mymachine.example.com")
        #expect(m.appName == "su")
        #expect(m.procID == nil)
        #expect(m.msgID == "ID47")
        #expect(m.structuredData.isEmpty)
        #expect(m.flags.contains(.byteOrderMark))
        #expect(m.message == "'su root' failed for lonvick on /dev/pts/8")
        #expect(m.raw == bytes)
    }

    /// RFC 5424 §6.5 example 2: offset and microseconds, no BOM.
    @Test func exampleWithOffset() {
        let m = parse("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.")
        #expect(m.timestamp?.instant == SyslogInstant(secondsSince1970: utc(2003, 8, 24, 12, 14, 15), nanoseconds: 3000))
        #expect(m.timestamp?.utcOffsetSeconds == -25200)
        #expect(m.procID == "8710")
        #expect(m.msgID == nil)
        #expect(m.message == "%% It's time to make the do-nuts.")
        #expect(!m.flags.contains(.byteOrderMark))
    }

    /// RFC 5424 §6.5 examples 3 and 4: structured data, with and without a message.
    @Test func structuredData() {
        let m = parse(#"<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"]"#)
        #expect(m.message == nil)
        #expect(m.flags.contains(.emptyMessage))
        let sd = m.structuredData
        #expect(sd.count == 2)
        #expect(sd[0].id == "exampleSDID@32473")
        #expect(sd[0].parameters.map(\.name.string) == ["iut", "eventSource", "eventID"])
        #expect(sd[0]["eventID"] == "1011")
        #expect(sd[1]["class"] == "high")
        #expect(m.structuredDataValue(id: "examplePriority@32473", name: "class") == "high")
        #expect(!m.flags.contains(.malformedStructuredData))
    }

    /// §6.3.3: `"`, `\` and `]` are escaped in values; other backslashes stay.
    @Test func structuredDataEscapes() {
        let m = parse(#"<13>1 2024-03-01T00:00:00Z h a - - [x@1 q="say \"hi\"" b="back\\slash" r="a\]b" o="c:\temp"] text"#)
        let e = m.structuredData.first
        #expect(e?["q"] == #"say "hi""#)
        #expect(e?["b"] == #"back\slash"#)
        #expect(e?["r"] == "a]b")
        #expect(e?["o"] == #"c:\temp"#)
        #expect(e?.parameters.first?.rawValue == #"say \"hi\""#)
        #expect(m.message == "text")
    }

    @Test func allNilValues() {
        let m = parse("<14>1 - - - - - -")
        #expect(m.format == .rfc5424)
        #expect(m.timestamp == nil)
        #expect(m.flags.contains(.noTimestamp))
        #expect(m.flags.contains(.noHostname))
        #expect(m.hostname == nil && m.appName == nil && m.procID == nil && m.msgID == nil)
        #expect(m.message == nil)
        #expect(!m.flags.contains(.malformedHeader))
    }

    @Test func malformedStructuredDataBecomesText() {
        let m = parse(#"<14>1 2024-03-01T00:00:00Z host app - - [ok@1 a="1"][broken a=1] rest"#)
        #expect(m.flags.contains(.malformedStructuredData))
        #expect(m.structuredData.count == 1)
        #expect(m.message == "[broken a=1] rest")
    }

    @Test func truncatedHeader() {
        let m = parse("<14>1 2024-03-01T00:00:00Z host app")
        #expect(m.format == .rfc5424)
        #expect(m.flags.contains(.malformedHeader))
        #expect(m.hostname == "host")
        #expect(m.appName == "app")
    }

    @Test func invalidTimestampKeepsText() {
        let m = parse("<14>1 2024-02-30T00:00:00Z host app - - - hello")
        #expect(m.flags.contains(.invalidTimestamp))
        #expect(m.timestamp?.text == "2024-02-30T00:00:00Z")
        #expect(m.timestamp?.instant == nil)
        #expect(m.message == "hello")
    }

    @Test func otherVersionIsFlagged() {
        let m = parse("<14>2 2024-03-01T00:00:00Z host app - - - hello")
        #expect(m.version == 2)
        #expect(m.flags.contains(.unsupportedVersion))
        #expect(m.message == "hello")
    }

    @Test func ciscoContentInRFC5424() {
        let m = parse("<189>1 2024-03-01T00:01:02.123Z rtr1 - - - - %SYS-5-CONFIG_I: Configured from console by admin on vty0")
        #expect(m.format == .rfc5424)
        #expect(m.mnemonic?.mnemonic == "CONFIG_I")
        #expect(m.eventClass == .configChanged)
    }
}
