public import SNMPCodec

/// The variables under a subtree, fetched page by page with GetBulk (or GetNext for SNMPv1
/// and agents configured as bulk-broken).
///
/// The walk ends at the first OID outside the subtree or at endOfMibView; an OID that does
/// not increase is an error (the agent loops), and so is passing ``SNMPAgent/Options/walkLimit``.
/// A tooBig answer halves max-repetitions. When the subtree is empty, the root itself is
/// fetched with a Get, as net-snmp's walk does, so walking a scalar instance returns it.
public struct SNMPWalk: AsyncSequence, Sendable {
    public typealias Element = VarBind
    public typealias Failure = any Error

    let agent: SNMPAgent
    let root: OID
    /// Get the root itself when the subtree is empty (a scalar); off for a table column, which
    /// has no instance at its own OID (saves a request on agents without the table).
    var fetchesRootWhenEmpty = true

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(agent: agent, root: root, fetchesRootWhenEmpty: fetchesRootWhenEmpty)
    }

    /// All variables of the walk.
    public func collect() async throws -> [VarBind] {
        var iterator = makeAsyncIterator()
        var result: [VarBind] = []
        while let page = try await iterator.nextPage() { result.append(contentsOf: page) }
        return result
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        private let agent: SNMPAgent
        private let root: OID
        private var cursor: OID
        private var page: [VarBind] = []
        private var index = 0
        private var finished = false
        private var returned = 0
        private var maxRepetitions: Int
        private let fetchesRootWhenEmpty: Bool
        /// Requests sent so far, for benchmarks and logs.
        public private(set) var requests = 0

        init(agent: SNMPAgent, root: OID, fetchesRootWhenEmpty: Bool = true) {
            self.agent = agent
            self.root = root
            self.cursor = root
            self.maxRepetitions = agent.options.maxRepetitions
            self.fetchesRootWhenEmpty = fetchesRootWhenEmpty
        }

        public mutating func next() async throws -> VarBind? {
            while index >= page.count {
                guard !finished else { return nil }
                try await fetch()
            }
            defer { index += 1 }
            return page[index]
        }

        /// The next response's worth of variables, or nil at the end: the fast path for
        /// callers that process a walk in batches.
        public mutating func nextPage() async throws -> [VarBind]? {
            if index < page.count {
                defer { index = page.count }
                return Array(page[index...])
            }
            while !finished {
                try await fetch()
                if !page.isEmpty {
                    index = page.count
                    return page
                }
            }
            return nil
        }

        private mutating func fetch() async throws {
            requests += 1
            let response = try await request()
            var kept: [VarBind] = []
            kept.reserveCapacity(response.count)
            for varBind in response {
                if varBind.value == .endOfMibView || !varBind.oid.hasPrefix(root) {
                    finished = true
                    break
                }
                guard cursor < varBind.oid else {
                    throw SNMPClientError(.nonIncreasingOID, agent: agent.name,
                                          "OID not increasing: .\(varBind.oid) after .\(cursor)")
                }
                cursor = varBind.oid
                kept.append(varBind)
            }
            if response.isEmpty { finished = true }
            returned += kept.count
            guard returned <= agent.options.walkLimit else {
                throw SNMPClientError(.walkLimitExceeded, agent: agent.name,
                                      "walk of .\(root) passed \(agent.options.walkLimit) variables")
            }
            if finished && returned == 0 && fetchesRootWhenEmpty {
                kept = try await rootItself()
                returned = kept.count
            }
            page = kept
            index = 0
        }

        private mutating func request() async throws -> [VarBind] {
            if agent.usesBulk {
                while true {
                    do {
                        return try await agent.getBulk([cursor], maxRepetitions: maxRepetitions)
                    } catch let error as SNMPClientError where error.errorStatus == .tooBig && maxRepetitions > 1 {
                        maxRepetitions = Swift.max(1, maxRepetitions / 2)
                    }
                }
            }
            do {
                return try await agent.getNext([cursor])
            } catch let error as SNMPClientError where error.errorStatus == .noSuchName {
                return []  // SNMPv1's end of the MIB view
            }
        }

        private func rootItself() async throws -> [VarBind] {
            do {
                let answer = try await agent.get([root])
                return answer.filter { !$0.value.isException }
            } catch let error as SNMPClientError where error.errorStatus == .noSuchName {
                return []
            }
        }
    }
}

/// One row of a conceptual table: its index arcs and the value of each column present.
public struct SNMPTableRow: Sendable, Hashable {
    public let index: [UInt32]
    /// Values by column, in the order the columns were requested; nil where the row has no value.
    public var values: [SNMPValue?]
}

struct SNMPTableFetch {
    let agent: SNMPAgent
    let columns: [OID]

    func run() async throws -> [SNMPTableRow] {
        var cursors = columns
        var active = Array(columns.indices)
        var rows: [[UInt32]: [SNMPValue?]] = [:]
        var maxRepetitions = agent.options.maxRepetitions
        var seen = 0
        while !active.isEmpty {
            let oids = active.map { cursors[$0] }
            var response: [VarBind]
            if agent.usesBulk {
                do {
                    response = try await agent.getBulk(oids, maxRepetitions: max(1, maxRepetitions / active.count))
                } catch let error as SNMPClientError where error.errorStatus == .tooBig && maxRepetitions > 1 {
                    maxRepetitions /= 2
                    continue
                }
            } else {
                do {
                    response = try await agent.getNext(oids)
                } catch let error as SNMPClientError where error.errorStatus == .noSuchName {
                    // SNMPv1: one column ran off the end of the MIB; drop it and ask again.
                    let failed = (error.errorIndex ?? 1) - 1
                    active.remove(at: min(max(failed, 0), active.count - 1))
                    continue
                }
            }
            if response.isEmpty { break }
            var ended = Set<Int>()
            for (position, varBind) in response.enumerated() {
                let column = active[position % active.count]
                if ended.contains(column) { continue }
                guard varBind.value != .endOfMibView, let index = varBind.oid.suffix(after: columns[column]), !index.isEmpty else {
                    ended.insert(column)
                    continue
                }
                guard cursors[column] < varBind.oid else {
                    throw SNMPClientError(.nonIncreasingOID, agent: agent.name,
                                          "OID not increasing: .\(varBind.oid) after .\(cursors[column])")
                }
                cursors[column] = varBind.oid
                rows[index, default: Array(repeating: nil, count: columns.count)][column] = varBind.value
                seen += 1
            }
            guard seen <= agent.options.walkLimit else {
                throw SNMPClientError(.walkLimitExceeded, agent: agent.name, "table passed \(agent.options.walkLimit) variables")
            }
            active.removeAll { ended.contains($0) }
        }
        return rows.map { SNMPTableRow(index: $0.key, values: $0.value) }
            .sorted { $0.index.lexicographicallyPrecedes($1.index) }
    }
}
