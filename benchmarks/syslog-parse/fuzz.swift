// libFuzzer entry for the syslog parser and framer (see run-fuzz.sh). Any trap is a bug: the parser must accept
// every input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = [UInt8](UnsafeRawBufferPointer(start: data, count: count))
    let m = SyslogParser.parse(bytes, receivedAt: SyslogInstant(secondsSince1970: 1_709_294_400))
    precondition(m.raw == bytes)
    _ = (m.hostname, m.appName, m.procID, m.msgID, m.message, m.timestamp?.description, m.interface)
    _ = (m.mnemonic, m.fields, m.structuredData, m.field("type"), m.vendorEventID)
    // The same bytes as a stream, in two chunks, through a small framer.
    var framer = SyslogFramer(maximumFrameSize: 64)
    let cut = count / 2
    framer.append(bytes[..<cut])
    while let f = framer.nextFrame() { precondition(f.bytes.count <= 64) }
    framer.append(bytes[cut...])
    while let f = framer.nextFrame() { precondition(f.bytes.count <= 64) }
    _ = framer.finish()
    return 0
}
