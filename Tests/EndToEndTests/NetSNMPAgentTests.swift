import Foundation
import Testing

/// `netwarden` against a real net-snmp snmpd in a network namespace of its own, compared
/// with net-snmp's own tools run in the same namespace.
@Suite(.enabled(if: Lab.peersAvailable, "needs root and snmpd (run `make test`, or set CI=true to fail instead of skip)"))
struct NetSNMPAgentTests {
    /// Splits net-snmp style output into (OID, TYPE: value) pairs; continuation lines of a
    /// multi-line Hex-STRING belong to the line before.
    static func entries(_ text: String) -> [(oid: String, value: String)] {
        var result: [(String, String)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(".1.") || line.hasPrefix(".0.") || line.hasPrefix(".2."), let range = line.range(of: " = ") {
                result.append((String(line[..<range.lowerBound]), String(line[range.upperBound...])))
            } else if !line.isEmpty, !result.isEmpty {
                result[result.count - 1].1 += "\n" + line
            }
        }
        return result
    }

    /// Values that change between two walks a few milliseconds apart: uptimes and the
    /// counters of the loopback interface and SNMP engine that the walks themselves move.
    static func isVolatile(_ oid: String) -> Bool {
        let volatilePrefixes = [
            ".1.3.6.1.2.1.1.3.0", ".1.3.6.1.2.1.25.1.1.0", ".1.3.6.1.2.1.11.", ".1.3.6.1.6.3.",
            ".1.3.6.1.2.1.4.", ".1.3.6.1.2.1.5.", ".1.3.6.1.2.1.7.", ".1.3.6.1.2.1.31.1.1.1.",
        ]
        if volatilePrefixes.contains(where: oid.hasPrefix) {
            // ifXTable: only the counter columns of row 1 (lo) move.
            if oid.hasPrefix(".1.3.6.1.2.1.31.1.1.1.") { return oid.hasSuffix(".1") && !oid.hasPrefix(".1.3.6.1.2.1.31.1.1.1.1.") }
            return true
        }
        // ifTable counters of lo (ifIndex 1).
        if oid.hasPrefix(".1.3.6.1.2.1.2.2.1."), oid.hasSuffix(".1") {
            let column = Int(oid.split(separator: ".")[9]) ?? 0
            return (10...21).contains(column)
        }
        return false
    }

    static func expectSameWalk(ours: String, theirs: String, _ comment: String) {
        let a = entries(ours), b = entries(theirs)
        #expect(a.count == b.count, "\(comment): \(a.count) varbinds vs net-snmp's \(b.count)")
        #expect(a.count > 0, "\(comment): empty walk")
        for (x, y) in zip(a, b) {
            #expect(x.oid == y.oid, "\(comment)")
            // Same type always; same value unless the object moves on its own.
            #expect(x.value.prefix(while: { $0 != ":" }) == y.value.prefix(while: { $0 != ":" }), "\(comment) \(x.oid)")
            if !isVolatile(x.oid) { #expect(x.value == y.value, "\(comment) \(x.oid)") }
            if x.oid != y.oid { break }
        }
    }

    @Test func walksMatchNetSNMPForV1AndV2c() throws {
        try Lab.withSNMPD("nwe2e-walk", interfaces: 40) { lab in
            for root in ["1.3.6.1.2.1.1", "1.3.6.1.2.1.2.2", "1.3.6.1.2.1.31.1.1", "1.3.6.1.2.1.2"] {
                let ours = try lab.exec([Lab.netwarden, "walk", "-v2c", "-c", "public", "-Cr25", "127.0.0.1", root])
                let theirs = try lab.exec(["snmpbulkwalk", "-v2c", "-c", "public", "-Cr25", "-On", "-Oe", "127.0.0.1", root])
                #expect(ours.status == 0, "\(ours.stderr)")
                Self.expectSameWalk(ours: ours.stdout, theirs: theirs.stdout, "v2c \(root)")

                let ours1 = try lab.exec([Lab.netwarden, "walk", "-v1", "-c", "public", "127.0.0.1", root])
                let theirs1 = try lab.exec(["snmpwalk", "-v1", "-c", "public", "-On", "-Oe", "127.0.0.1", root])
                #expect(ours1.status == 0, "\(ours1.stderr)")
                Self.expectSameWalk(ours: ours1.stdout, theirs: theirs1.stdout, "v1 \(root)")
            }
            // IPv6 transport to the same agent.
            let v6 = try lab.exec([Lab.netwarden, "walk", "-c", "public", "udp6:[::1]:161", "1.3.6.1.2.1.1"])
            let v4 = try lab.exec(["snmpbulkwalk", "-v2c", "-c", "public", "-On", "-Oe", "127.0.0.1", "1.3.6.1.2.1.1"])
            Self.expectSameWalk(ours: v6.stdout, theirs: v4.stdout, "IPv6 system group")
        }
    }

    @Test func getAndExceptionsMatchNetSNMP() throws {
        try Lab.withSNMPD("nwe2e-get") { lab in
            let oids = ["1.3.6.1.2.1.1.5.0", "1.3.6.1.2.1.1.5.1", "1.3.6.1.2.1.1.99.0", "1.3.6.1.2.1.2.2.1.6.2", "1.3.6.1.2.1.1.2.0"]
            let ours = try lab.exec([Lab.netwarden, "get", "-c", "public", "127.0.0.1"] + oids)
            let theirs = try lab.exec(["snmpget", "-v2c", "-c", "public", "-On", "-Oe", "127.0.0.1"] + oids)
            #expect(ours.stdout == theirs.stdout)
            let next = try lab.exec([Lab.netwarden, "getnext", "-v1", "-c", "public", "127.0.0.1", "1.3.6.1.2.1.1.4.0"])
            let theirNext = try lab.exec(["snmpgetnext", "-v1", "-c", "public", "-On", "-Oe", "127.0.0.1", "1.3.6.1.2.1.1.4.0"])
            #expect(next.stdout == theirNext.stdout)
            // SNMPv1 has no exceptions: the agent's noSuchName names the varbind.
            let v1 = try lab.exec([Lab.netwarden, "get", "-v1", "-c", "public", "127.0.0.1", "1.3.6.1.2.1.1.99.0"])
            #expect(v1.status == 2)
            #expect(v1.stderr.contains("noSuchName"))
            #expect(v1.stderr.contains(".1.3.6.1.2.1.1.99.0"))
        }
    }

    @Test func setWritesWhereTheAgentAllowsAndReportsItsError() throws {
        try Lab.withSNMPD("nwe2e-set") { lab in
            let set = try lab.exec([Lab.netwarden, "set", "-c", "private", "127.0.0.1", "1.3.6.1.2.1.1.4.0", "s", "noc@example.net"])
            #expect(set.status == 0, "\(set.stderr)")
            let check = try lab.exec(["snmpget", "-v2c", "-c", "public", "-On", "127.0.0.1", "1.3.6.1.2.1.1.4.0"])
            #expect(check.stdout.contains("\"noc@example.net\""))
            let refused = try lab.exec([Lab.netwarden, "set", "-c", "private", "127.0.0.1", "1.3.6.1.2.1.1.7.0", "i", "3"])
            #expect(refused.status == 2)
            #expect(refused.stderr.split(separator: "\n").count == 1, "one line: \(refused.stderr)")
            #expect(refused.stderr.contains(".1.3.6.1.2.1.1.7.0"))
        }
    }

    @Test func wrongCommunityIsATimeoutNamingTheHostNotAHang() throws {
        try Lab.withSNMPD("nwe2e-community") { lab in
            let start = Date()
            let result = try lab.exec([Lab.netwarden, "get", "-c", "wrong", "-t", "0.5", "-r", "1", "127.0.0.1", "1.3.6.1.2.1.1.5.0"], timeout: 30)
            #expect(result.status == 1)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr == "netwarden: 127.0.0.1:161: timeout: no response after 2 tries of 0.5 s\n")
            #expect(Date().timeIntervalSince(start) < 5)
        }
    }

    @Test func tableGroupsIfTableRowsByIndex() throws {
        try Lab.withSNMPD("nwe2e-table", interfaces: 12) { lab in
            let table = try lab.exec([Lab.netwarden, "table", "-c", "public", "127.0.0.1", "1.3.6.1.2.1.2.2.1", "--columns", "1,2,8"])
            #expect(table.status == 0, "\(table.stderr)")
            let indexes = try lab.exec(["snmpbulkwalk", "-v2c", "-c", "public", "-On", "-Oq", "-Ov", "127.0.0.1", "1.3.6.1.2.1.2.2.1.1"])
            let expected = indexes.stdout.split(separator: "\n").map(String.init)
            let rows = table.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[0]) }
            #expect(rows == expected)
            #expect(rows.count == 13)  // lo + 12 lab interfaces
        }
    }
}
