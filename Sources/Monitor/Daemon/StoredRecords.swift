public import Store

// The Store module's `Store` protocol shadows the module's name, and Store, Devices and
// Discovery each have a `DeviceIdentity` or `Neighbour`: the store's records are named here,
// in a file that imports only Store.
public typealias StoredIdentity = DeviceIdentity
public typealias StoredNeighbour = Neighbour
public typealias StoredHealthSample = HealthSample
