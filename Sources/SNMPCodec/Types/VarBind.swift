/// A variable binding: a name and its value (RFC 3416 section 3).
public struct VarBind: Sendable, Hashable {
    public var oid: OID
    public var value: SNMPValue

    public init(_ oid: OID, _ value: SNMPValue = .null) {
        self.oid = oid
        self.value = value
    }
}

extension BER.Writer {
    public mutating func writeVarBinds(_ varBinds: [VarBind]) {
        writeConstructed(tag: BER.Tag.sequence) { list in
            for varBind in varBinds {
                list.writeConstructed(tag: BER.Tag.sequence) { element in
                    element.writeObjectIdentifier(varBind.oid)
                    element.writeValue(varBind.value)
                }
            }
        }
    }
}

extension BER.Reader {
    mutating func readVarBinds() throws(SNMPCodecError) -> [VarBind] {
        try readConstructed(tag: BER.Tag.sequence, "variable-bindings") { (list) throws(SNMPCodecError) -> [VarBind] in
            var result: [VarBind] = []
            // A varbind of a walk is rarely under 12 octets: a cheap bound that avoids regrowth.
            result.reserveCapacity((list.end - list.position) / 12 + 1)
            while !list.isAtEnd {
                let varBind = try list.readConstructed(tag: BER.Tag.sequence, "VarBind") { (element) throws(SNMPCodecError) -> VarBind in
                    let name = try element.readElement(tag: BER.Tag.objectIdentifier, "VarBind name")
                    let oid = try element.readObjectIdentifier(name)
                    return VarBind(oid, try element.readValue())
                }
                result.append(varBind)
            }
            return result
        }
    }
}
