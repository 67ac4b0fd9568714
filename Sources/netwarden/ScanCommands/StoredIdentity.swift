import Store

/// The store's identity record; the Store module's `Store` protocol shadows the module name,
/// so the type is named here, in a file that imports only Store.
typealias StoredIdentity = DeviceIdentity
typealias StoredNeighbour = Neighbour
