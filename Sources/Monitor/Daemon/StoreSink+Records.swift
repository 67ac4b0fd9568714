public import Devices
public import Discovery
public import Store

extension StoreSink {
    /// A neighbour as the store keeps it; a neighbour without chassis ID is keyed by its name.
    public static func storedNeighbour(_ neighbour: Discovery.Neighbour) -> StoredNeighbour {
        StoredNeighbour(protocolName: neighbour.source.rawValue, localIfIndex: Int64(neighbour.localPort ?? 0),
                        remoteChassisID: neighbour.chassisID ?? neighbour.name ?? "", remotePortID: neighbour.port ?? "",
                        remoteSysName: neighbour.name, remoteAddress: neighbour.address)
    }

    /// A stored neighbour row as the parent inference reads it.
    static func advertised(_ neighbour: StoredNeighbour) -> InferredParents.Advertised {
        InferredParents.Advertised(protocolName: neighbour.protocolName, sysName: neighbour.remoteSysName, address: neighbour.remoteAddress)
    }

    public static func storedIdentity(_ identity: Devices.DeviceIdentity) -> StoredIdentity {
        StoredIdentity(
            vendor: identity.vendor, kind: identity.kind?.rawValue, model: identity.model, serial: identity.serial, os: identity.os,
            osVersion: identity.version, hardwareRevision: identity.hardwareRevision, sysObjectID: identity.sysObjectID,
            sysDescr: identity.sysDescr, sysName: identity.sysName, sysLocation: identity.sysLocation, sysContact: identity.sysContact)
    }
}
