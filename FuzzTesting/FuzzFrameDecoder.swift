// libFuzzer entry for passive discovery's frame decoder. Compiled by scripts/fuzz.sh together with
// Sources/PassiveDiscovery's pure part (Addresses.swift, Sighting.swift, Frames/).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrameDecoder(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    guard let sighting = FrameDecoder.decode(bytes) else { return 0 }
    // What decodes names a host: one unicast MAC, and no address that is not a host's.
    guard sighting.mac.isUnicastHost else { fatalError("a group or zero MAC decoded as a host") }
    if let ip = sighting.ipv4, !ip.isHostAddress { fatalError("\(ip) is not a host address") }
    return 0
}
