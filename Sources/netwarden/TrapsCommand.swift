import ArgumentParser
import Foundation
import NIOCore
import SNMP
import Syslog
import SyslogServer
import Synchronization

/// `netwarden traps`: the notification receiver in the foreground.
struct TrapsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "traps", abstract: "Receive SNMP traps and informs.", subcommands: [TrapsListenCommand.self])
}

/// `netwarden traps listen`: v1/v2c traps, informs (acknowledged) and SNMPv3 traps and informs,
/// each printed with its source, version, security name, trap OID, varbinds and event.
struct TrapsListenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listen",
        abstract: "Receive traps and informs (v1, v2c, v3) and print each with its event (Ctrl-C stops).")

    @Option(help: "UDP ADDR:PORT to listen on (repeatable). Default 0.0.0.0:162.")
    var listen: [String] = []

    @Option(name: [.customShort("c"), .long], help: "Community accepted for v1/v2c (repeatable); none given: any community.")
    var community: [String] = []

    @Option(help: "SNMPv3 users, one a line: `user level auth authpass priv privpass` (\"-\" for none), as for simulate.")
    var v3Users: String?

    @Option(help: "Our SNMPv3 engine ID, hex (informs are sent to it); default \"netwarden-trapd\" in RFC 3411 text format.")
    var engineID: String?

    @Flag(help: "One JSON object per notification and line.") var json = false

    @Option(help: "Stop after N notifications (for scripts and tests).") var count: Int?

    func run() async throws {
        let endpoints = try (listen.isEmpty ? ["0.0.0.0:162"] : listen).map(ListenAddress.parse)
        var usm: USMAuthority?
        var ourEngineID = SNMPLocalEngine.textEngineID("netwarden-trapd")
        if let engineID { ourEngineID = try SNMPOptions.hexBytes(engineID, flag: "--engine-id") }
        if let v3Users {
            usm = try USMAuthority(engine: SNMPLocalEngine(engineID: ourEngineID), users: try SimulateCommand.loadUsers(v3Users))
        }
        let (stream, continuation) = AsyncStream.makeStream(of: SNMPAgentEngine.Notification.self,
                                                            bufferingPolicy: .bufferingNewest(100_000))
        let accepted = Atomic<Int>(0)
        let engine = SNMPAgentEngine(
            usm: usm, notifications: {
                accepted.wrappingAdd(1, ordering: .relaxed)
                continuation.yield($0)
            },
            notificationCommunities: community.isEmpty ? nil : Set(community.map { OctetString(Array($0.utf8)) }),
            resolve: { _ in nil })
        let responder: SNMPResponder
        do {
            responder = try await SNMPResponder.start(endpoints: endpoints.map { ($0.host, $0.port) }, engine: engine)
        } catch {
            printError("cannot listen: \(error)")
            throw ExitCode(1)
        }
        let addresses = responder.localAddresses.map(ListenAddress.describe).joined(separator: ", ")
        printError("listening for traps on \(addresses); "
                   + (community.isEmpty ? "any community" : "communities \(community.joined(separator: ", "))")
                   + (usm == nil ? "" : "; SNMPv3 engine ID \(hex(ourEngineID))"))
        Interrupt.onInterrupt {
            let s = responder.statistics
            printError("notifications received \(accepted.load(ordering: .relaxed)); datagrams answered \(s.answered) "
                       + "(inform acknowledgements, SNMPv3 reports), not answered \(s.dropped) (traps, refused)")
        }
        var out = OutputBuffer()
        var n = 0
        for await notification in stream {
            guard let content = NotificationContent(notification.pdu) else { continue }
            let event = TrapEvent.map(content)
            out.append((json ? Self.json(notification, content, event) : Self.text(notification, content, event)) + "\n")
            out.flush()
            n += 1
            if let count, n >= count { break }
        }
        await responder.close()
    }

    static func text(_ n: SNMPAgentEngine.Notification, _ c: NotificationContent, _ e: TrapEvent) -> String {
        var head = "\(SyslogInstant.wallClockNow) \(n.source.map(ListenAddress.describe) ?? "?") v\(n.version) "
        head += "\(SyslogRendering.printable(n.securityName.utf8String ?? hex(n.securityName.bytes))) "
        head += c.isInform ? "inform " : "trap "
        head += (e.name.map { "\($0) (\(c.trapOID))" } ?? c.trapOID.description)
        if let up = c.uptime { head += " uptime \(NetSNMPFormat.uptime(up))" }
        if let engineID = n.engineID { head += " engine \(hex(engineID.bytes))" }
        if let a = c.agentAddress, let ent = c.enterprise { head += " agent \(a) enterprise \(ent)" }
        head += " -> \(e.kind.rawValue)" + (e.ifIndex.map { " ifIndex \($0)" } ?? "")
        return ([head] + c.varBinds.map { "  " + SyslogRendering.printable(NetSNMPFormat.line($0)) }).joined(separator: "\n")
    }

    static func json(_ n: SNMPAgentEngine.Notification, _ c: NotificationContent, _ e: TrapEvent) -> String {
        var o: [String: Any] = [
            "receivedAt": SyslogInstant.wallClockNow.description,
            "version": n.version.description,
            "securityName": n.securityName.utf8String ?? hex(n.securityName.bytes),
            "type": c.isInform ? "inform" : "trap",
            "trapOID": c.trapOID.description,
            "varBinds": c.varBinds.map { VarBindJSON.object($0) },
        ]
        var event: [String: Any] = ["kind": e.kind.rawValue]
        if let name = e.name { event["name"] = name; o["trapName"] = name }
        if let i = e.ifIndex { event["ifIndex"] = i }
        o["event"] = event
        if let s = n.source { o["source"] = ListenAddress.describe(s) }
        if let up = c.uptime { o["uptime"] = Int(up) }
        if let id = n.engineID { o["engineID"] = hex(id.bytes) }
        if let a = c.agentAddress { o["agentAddress"] = a.description }
        if let ent = c.enterprise { o["enterprise"] = ent.description }
        return VarBindJSON.encode(o)
    }
}

private func hex(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
}
