import Foundation
import Testing

/// `netwarden traps listen` fed by net-snmp's snmptrap and snmpinform: v1, v2c and v3 authPriv
/// traps, v2c and v3 informs (acknowledged: snmpinform exits 0 only on our Response), each
/// printed with its source, version, security name, trap OID, varbinds and event.
@Suite(.enabled(if: Lab.peersAvailable, "needs root and net-snmp's snmptrap (or CI=true to fail instead of skip)"))
struct TrapReceiverTests {
    @Test func netSNMPTrapsAndInformsOfEveryVersionArriveMappedToEvents() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nw-traps-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/persist", withIntermediateDirectories: true)
        try """
            # user level auth authpass priv privpass
            trapuser authPriv SHA-256 trap-auth-pass AES trap-priv-pass
            informuser authPriv SHA-512 inform-auth-pass AES-256 inform-priv-pass
            """.write(toFile: dir + "/users", atomically: true, encoding: .utf8)
        let listener = try Foreground(["traps", "listen", "--listen", "127.0.0.1:0", "-c", "public", "-c", "ops",
                                       "--v3-users", dir + "/users", "--json", "--count", "5"])
        defer { listener.stop() }
        let port = try listener.port("on")
        let target = "127.0.0.1:\(port)"
        let env = ["SNMP_PERSISTENT_DIR": dir + "/persist", "SNMPCONFPATH": dir]
        func net(_ arguments: [String]) throws -> Lab.Output { try Lab.run(arguments, environment: env, timeout: 30) }

        // v1 linkDown (generic 2) with ifIndex 3.
        var r = try net(["snmptrap", "-v1", "-c", "public", target, "1.3.6.1.4.1.9.1.1", "192.0.2.7", "2", "0", "",
                         "1.3.6.1.2.1.2.2.1.1.3", "i", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        // v2c Cisco config change.
        r = try net(["snmptrap", "-v2c", "-c", "ops", target, "", "1.3.6.1.4.1.9.9.43.2.0.1",
                     "1.3.6.1.4.1.9.9.43.1.1.6.1.3.1", "i", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        // A wrong community is not printed.
        _ = try net(["snmptrap", "-v2c", "-c", "private", target, "", "1.3.6.1.6.3.1.1.5.1"])
        // v2c inform linkUp, acknowledged.
        r = try net(["snmpinform", "-v2c", "-c", "public", "-t", "2", "-r", "1", target, "", "1.3.6.1.6.3.1.1.5.4",
                     "1.3.6.1.2.1.2.2.1.1.7", "i", "7", "1.3.6.1.2.1.2.2.1.8.7", "i", "1"])
        #expect(r.status == 0, "snmpinform v2c was not acknowledged: \(r.stderr)")
        // v3 authPriv trap from the sender's own engine ID.
        r = try net(["snmptrap", "-v3", "-u", "trapuser", "-l", "authPriv", "-a", "SHA-256", "-A", "trap-auth-pass", "-x", "AES",
                     "-X", "trap-priv-pass", "-e", "0x8000000001020304", target, "", "1.3.6.1.6.3.1.1.5.1",
                     "1.3.6.1.2.1.1.5.0", "s", "edge-router"])
        #expect(r.status == 0, "\(r.stderr)")
        // A v3 trap with the wrong password is not printed.
        _ = try net(["snmptrap", "-v3", "-u", "trapuser", "-l", "authPriv", "-a", "SHA-256", "-A", "wrong-password", "-x", "AES",
                     "-X", "trap-priv-pass", "-e", "0x8000000001020305", target, "", "1.3.6.1.6.3.1.1.5.2"])
        // v3 authPriv inform: discovers our engine ID, acknowledged.
        r = try net(["snmpinform", "-v3", "-u", "informuser", "-l", "authPriv", "-a", "SHA-512", "-A", "inform-auth-pass",
                     "-x", "AES-256", "-X", "inform-priv-pass", "-t", "2", "-r", "1", target, "", "1.3.6.1.6.3.1.1.5.5"])
        #expect(r.status == 0, "snmpinform v3 was not acknowledged: \(r.stderr)")

        #expect(listener.waitForExit() == 0, "\(listener.stderr)")
        let objects = listener.objects(atLeast: 5)
        try #require(objects.count == 5, "\(listener.stdout)")
        func event(_ o: [String: Any]) -> [String: Any] { o["event"] as? [String: Any] ?? [:] }

        let v1 = objects[0]
        #expect(v1["version"] as? String == "1" && v1["securityName"] as? String == "public" && v1["type"] as? String == "trap")
        #expect(v1["trapOID"] as? String == "1.3.6.1.6.3.1.1.5.3" && v1["agentAddress"] as? String == "192.0.2.7")
        #expect(v1["enterprise"] as? String == "1.3.6.1.4.1.9.1.1")
        #expect(event(v1)["kind"] as? String == "linkDown" && event(v1)["ifIndex"] as? Int == 3)
        #expect((v1["source"] as? String)?.hasPrefix("127.0.0.1:") == true)

        let config = objects[1]
        #expect(config["version"] as? String == "2c" && config["securityName"] as? String == "ops")
        #expect(event(config)["kind"] as? String == "configChanged" && event(config)["name"] as? String == "ciscoConfigManEvent")
        let varBinds = config["varBinds"] as? [[String: Any]]
        #expect(varBinds?.first?["oid"] as? String == "1.3.6.1.4.1.9.9.43.1.1.6.1.3.1" && varBinds?.first?["value"] as? Int == 1)

        let inform = objects[2]
        #expect(inform["type"] as? String == "inform" && inform["version"] as? String == "2c")
        #expect(event(inform)["kind"] as? String == "linkUp" && event(inform)["ifIndex"] as? Int == 7)

        let v3 = objects[3]
        #expect(v3["version"] as? String == "3" && v3["securityName"] as? String == "trapuser" && v3["engineID"] as? String == "8000000001020304")
        #expect(event(v3)["kind"] as? String == "reboot" && event(v3)["name"] as? String == "coldStart")
        #expect((v3["varBinds"] as? [[String: Any]])?.first?["value"] as? String == "edge-router")

        let v3inform = objects[4]
        #expect(v3inform["type"] as? String == "inform" && v3inform["securityName"] as? String == "informuser")
        // netwarden-trapd in RFC 3411 text format: our engine, which the inform was sent to.
        #expect(v3inform["engineID"] as? String == "80001f8804" + "netwarden-trapd".utf8.map { String(format: "%02x", $0) }.joined())
        #expect(event(v3inform)["kind"] as? String == "loginFailure")
    }
}
