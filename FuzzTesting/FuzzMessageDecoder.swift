// libFuzzer entry for the SNMP message decoder. Compiled by scripts/fuzz.sh together with
// Sources/SNMPCodec (swiftc -sanitize=fuzzer,address): SwiftPM cannot link an executable
// target against libFuzzer's own main.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMessageDecoder(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    _ = SNMPMessage.peekCorrelation(bytes)
    _ = try? SNMPMessage.decode(bytes, rules: .strict)
    guard let (message, _) = try? SNMPMessage.decode(bytes, rules: .lenient) else { return 0 }
    // Whatever decodes must re-encode into something that decodes to the same message.
    let again: [UInt8]
    switch message {
    case .community(let m): again = m.encode()
    case .v3(let m):
        again = m.encode()
        if case .plaintext = m.msgData {} else { _ = try? USMSecurityParameters.decode(m.msgSecurityParameters) }
    }
    guard let (back, _) = try? SNMPMessage.decode(again, rules: .strict) else {
        fatalError("re-encoded message does not decode")
    }
    guard back == message else { fatalError("round trip changed the message") }
    return 0
}
