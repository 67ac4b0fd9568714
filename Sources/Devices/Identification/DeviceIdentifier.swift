public import SNMP
import SNMPCodec

/// Identifies a device over SNMP in at most three round trips (one more per missing variable
/// on SNMPv1 agents, whose GetNext fails whole at the end of the MIB view):
///
/// 1. one GetNext for the system group, HOST-RESOURCES and BRIDGE-MIB presence, the first
///    ENTITY-MIB row and the first vendor subtrees under `enterprises`;
/// 2. one Get of what the matching rules need, plus (in parallel) a GetBulk of
///    entPhysicalClass when the chassis was not the first entity;
/// 3. one Get of the chassis row's columns, when step 2 found the chassis.
public struct DeviceIdentifier: Sendable {
    public let rules: IdentificationRules

    public init(rules: IdentificationRules) {
        self.rules = rules
    }

    static let system = OID("1.3.6.1.2.1.1")
    static let hrSystem = OID("1.3.6.1.2.1.25.1")
    static let bridgeAddress = OID("1.3.6.1.2.1.17.1.1")
    static let entPhysicalEntry = OID("1.3.6.1.2.1.47.1.1.1.1")
    static let entPhysicalClass = OID("1.3.6.1.2.1.47.1.1.1.1.5")
    static let enterprises = OID("1.3.6.1.4.1")
    static let chassisClass: Int32 = 3

    /// GetNext starting points: sysDescr … sysServices (columns 1–7), HOST-RESOURCES hrSystem,
    /// BRIDGE-MIB, ENTITY-MIB, and `enterprises` before and after the toolkits' own subtrees.
    static let firstRound: [OID] = (1...7).map { system.appending([UInt32($0)]) }
        + [hrSystem, bridgeAddress, entPhysicalClass, enterprises, enterprises.appending([2022]), enterprises.appending([8073])]

    public func identify(_ agent: SNMPAgent) async throws -> DeviceIdentity {
        var roundTrips = 0
        var facts = IdentificationFacts()
        let first = try await Self.getNextTolerant(agent, Self.firstRound, roundTrips: &roundTrips)
        var firstEntity: (index: [UInt32], isChassis: Bool)?
        for (request, varBind) in first {
            let value = varBind.value
            if request.hasPrefix(Self.system), request.count == 8 {
                guard varBind.oid == request.appending([0]) else { continue }
                switch request.arcs[7] {
                case 1: facts.sysDescr = value.displayText
                case 2: if case .objectIdentifier(let oid) = value { facts.sysObjectID = oid }
                case 3: if case .timeTicks(let ticks) = value { facts.sysUpTime = ticks }
                case 4: facts.sysContact = value.displayText
                case 5: facts.sysName = value.displayText
                case 6: facts.sysLocation = value.displayText
                default: if case .integer(let services) = value { facts.sysServices = Int(services) }
                }
            } else if request == Self.hrSystem {
                facts.hasHostResources = varBind.oid.hasPrefix(OID("1.3.6.1.2.1.25"))
            } else if request == Self.bridgeAddress {
                if varBind.oid == request.appending([0]), case .octetString(let address) = value, address.count == 6 {
                    facts.bridgeAddress = Array(address.bytes)
                }
            } else if request == Self.entPhysicalClass {
                if let index = varBind.oid.suffix(after: Self.entPhysicalClass), !index.isEmpty, case .integer(let cls) = value {
                    firstEntity = (index, cls == Self.chassisClass)
                }
            } else if varBind.oid.hasPrefix(Self.enterprises), !value.isException {
                let enterprise = varBind.oid.arcs[6]
                facts.probedOIDs.append(varBind.oid)
                if !facts.probedEnterprises.contains(enterprise) { facts.probedEnterprises.append(enterprise) }
            }
        }
        facts.probedEnterprises.sort()

        // Round 2: what the rules want, the chassis row if it came first, else look for it.
        let wanted = rules.requiredOIDs(for: facts)
        let firstChassis = firstEntity?.isChassis == true ? firstEntity?.index : nil
        let round2 = wanted + (firstChassis.map(Self.entityColumns) ?? [])
        let searchChassis = firstEntity != nil && firstChassis == nil
        async let fetched = Self.get(agent, round2)
        async let found: [UInt32]? = searchChassis ? Self.findChassis(agent) : nil
        let (values, located) = try await (fetched, found)
        if !round2.isEmpty || searchChassis { roundTrips += 1 }
        var chassis = firstChassis
        for varBind in values where !varBind.value.isException { facts.fetched[varBind.oid] = varBind.value }
        if chassis == nil, let located {
            chassis = located
            let row = try await Self.get(agent, Self.entityColumns(located))
            roundTrips += 1
            for varBind in row where !varBind.value.isException { facts.fetched[varBind.oid] = varBind.value }
        }
        if let chassis {
            for column in EntityColumn.allCases {
                if let text = facts.fetched[Self.entPhysicalEntry.appending([column.column] + chassis)]?.displayText {
                    facts.entity[column] = text
                }
            }
        }
        var identity = rules.identify(facts)
        identity.roundTrips = roundTrips
        return identity
    }

    static func entityColumns(_ index: [UInt32]) -> [OID] {
        EntityColumn.allCases.map { entPhysicalEntry.appending([$0.column] + index) }
    }

    /// GetNext that survives SNMPv1's all-or-nothing noSuchName at the end of the MIB view by
    /// dropping the variable it names and asking again. Returns (request OID, answer) pairs.
    static func getNextTolerant(_ agent: SNMPAgent, _ oids: [OID], roundTrips: inout Int) async throws -> [(OID, VarBind)] {
        var remaining = oids
        while !remaining.isEmpty {
            roundTrips += 1
            do {
                let answers = try await agent.getNext(remaining)
                return Array(zip(remaining, answers))
            } catch let error as SNMPClientError where error.code == .agentError && error.errorStatus == .noSuchName {
                guard let index = error.errorIndex, index >= 1, index <= remaining.count else { throw error }
                remaining.remove(at: index - 1)
            }
        }
        return []
    }

    /// Get that treats an SNMPv1 noSuchName as "not there" for the variable it names.
    static func get(_ agent: SNMPAgent, _ oids: [OID]) async throws -> [VarBind] {
        var remaining = oids
        while !remaining.isEmpty {
            do {
                return try await agent.get(remaining)
            } catch let error as SNMPClientError where error.code == .agentError && error.errorStatus == .noSuchName {
                guard let index = error.errorIndex, index >= 1, index <= remaining.count else { throw error }
                remaining.remove(at: index - 1)
            }
        }
        return []
    }

    /// The index of the first chassis in entPhysicalClass, from one GetBulk (GetNext on v1).
    static func findChassis(_ agent: SNMPAgent) async throws -> [UInt32]? {
        let rows: [VarBind]
        if agent.security.version == .v1 {
            rows = try await agent.getNext([entPhysicalClass])
        } else {
            rows = try await agent.getBulk([entPhysicalClass], maxRepetitions: 48)
        }
        for varBind in rows {
            guard let index = varBind.oid.suffix(after: entPhysicalClass), !index.isEmpty else { break }
            if case .integer(chassisClass) = varBind.value { return index }
        }
        return nil
    }
}
