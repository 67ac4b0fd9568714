extension Retention: ConfigDecodable {
    static func decode(_ node: ConfigNode) -> Retention? {
        node.object(kind: "retention") { r in
            var t = Retention()
            let tiers: [(String, WritableKeyPath<Retention, Duration>)] = [
                ("raw", \.raw), ("five_minute", \.fiveMinute), ("hourly", \.hourly),
                ("events", \.events), ("syslog", \.syslog), ("traps", \.traps),
            ]
            for (key, path) in tiers {
                guard let node = r.value(key), let value = ConfigDuration.decode(node)?.duration else { continue }
                if value < .seconds(3_600) { node.problem("must be at least 1h") } else { t[keyPath: path] = value }
            }
            if t.fiveMinute < t.raw, let node = r.value("five_minute") {
                node.problem("must be at least as long as raw (\(DurationText.format(t.raw)))")
            }
            if t.hourly < t.fiveMinute, let node = r.value("hourly") {
                node.problem("must be at least as long as five_minute (\(DurationText.format(t.fiveMinute)))")
            }
            return t
        }
    }
}

extension StoreSettings {
    static func decode(_ node: ConfigNode?, context: DecodingContext) -> StoreSettings {
        var s = StoreSettings(sqlitePath: context.resolve(path: "netwarden.sqlite"))
        _ = node?.object(kind: "store") { r in
            let backendNode = r.value("backend")
            if let backend = backendNode.flatMap(Backend.decode) { s.backend = backend }
            _ = r.value("sqlite")?.object(kind: "store.sqlite") { q in
                if let path = q.optional("path", ConfigFilePath.self) { s.sqlitePath = path.path }
                if let wal = q.optional("wal", Bool.self) { s.sqliteWAL = wal }
                return ()
            }
            _ = r.value("postgres")?.object(kind: "store.postgres") { p in
                if s.backend != .postgres { p.context.lenientSecrets += 1 }
                s.postgresURL = p.optional("url", Secret.self)
                if s.backend != .postgres { p.context.lenientSecrets -= 1 }
                return ()
            }
            if s.backend == .postgres && s.postgresURL == nil && !r.isProbe {
                (backendNode ?? r.base).problem("backend postgres needs store.postgres.url")
            }
            return ()
        }
        return s
    }
}

extension HTTPSettings {
    static func decode(_ node: ConfigNode?) -> HTTPSettings {
        var h = HTTPSettings()
        _ = node?.object(kind: "http") { r in
            if let listen = r.optional("listen", ListenAddressValue.self) { h.listen = listen.value }
            _ = r.value("tls")?.object(kind: "http.tls") { t in
                h.certificate = t.optional("certificate", ConfigFilePath.self)?.path
                h.key = t.optional("key", ConfigFilePath.self)?.path
                if (h.certificate == nil) != (h.key == nil) && !t.isProbe { t.base.problem("HTTPS needs both certificate and key") }
                return ()
            }
            h.metricsPublic = r.optional("metrics_public") ?? false
            let names = UniqueValues("token name")
            var seenValues: [String: Int] = [:]
            h.tokens = r.value("tokens")?.list { item -> Token? in
                item.object(kind: "API token") { t in
                    let nameNode = t.value("name")
                    let name = nameNode.flatMap(String.decode)
                    if nameNode == nil && !t.isProbe { t.base.problem("missing required key 'name'") }
                    let tokenNode = t.value("token")
                    let token = tokenNode.flatMap(Secret.decode)
                    if tokenNode == nil && !t.isProbe { t.base.problem("missing required key 'token'") }
                    let readOnly = t.optional("read_only", Bool.self) ?? false
                    let tenantNode = t.value("tenant")
                    let tenant = tenantNode.flatMap(String.decode)
                    if let tenantNode, let tenant { t.context.expectReference(.tenant, tenant, at: tenantNode) }
                    guard let name, let token, let tokenNode else { return nil }
                    if let nameNode { names.check(name, at: nameNode, index: item.index) }
                    // A guessable token is an open door; say so without echoing it.
                    if !token.isEmpty && token.reveal().count < 16 {
                        tokenNode.problem("an API token needs at least 16 characters")
                    }
                    if token.isEmpty {
                        // Unresolved: already reported.
                    } else if let first = seenValues[token.reveal()] {
                        tokenNode.problem("same token as http.tokens[\(first)]: each token must be distinct")
                    } else {
                        seenValues[token.reveal()] = item.index
                    }
                    return Token(name: name, token: token, readOnly: readOnly, tenant: tenant)
                }
            } ?? []
            return ()
        }
        return h
    }
}

extension Listeners {
    static func decode(_ node: ConfigNode?) -> Listeners {
        var l = Listeners()
        _ = node?.object(kind: "listeners") { r in
            _ = r.value("syslog")?.object(kind: "listeners.syslog") { s in
                l.syslog.udp = s.list("udp", ListenAddressValue.self)?.map(\.value) ?? []
                l.syslog.tcp = s.list("tcp", ListenAddressValue.self)?.map(\.value) ?? []
                let tlsNode = s.value("tls")
                l.syslog.tls = tlsNode.flatMap { $0.list(ListenAddressValue.decode) }?.map(\.value) ?? []
                l.syslog.certificate = s.optional("certificate", ConfigFilePath.self)?.path
                l.syslog.key = s.optional("key", ConfigFilePath.self)?.path
                if let tlsNode, !l.syslog.tls.isEmpty, l.syslog.certificate == nil || l.syslog.key == nil {
                    tlsNode.problem("syslog over TLS needs listeners.syslog.certificate and key")
                }
                if let size = s.optional("udp_receive_buffer", ByteSize.self) { l.syslog.udpReceiveBuffer = size.bytes }
                if let rate = s.value("rate_limit_per_source"), let value = Int.decode(rate) {
                    if value < 0 { rate.problem("must be 0 (no limit) or more") } else { l.syslog.rateLimitPerSource = value }
                }
                if let sizeNode = s.value("max_message_size"), let size = ByteSize.decode(sizeNode) {
                    if !(480...(1 << 20)).contains(size.bytes) { sizeNode.problem("must be 480 bytes to 1MiB") }
                    l.syslog.maxMessageSize = size.bytes
                }
                return ()
            }
            _ = r.value("traps")?.object(kind: "listeners.traps") { t in
                l.traps.listen = t.list("listen", ListenAddressValue.self)?.map(\.value) ?? []
                l.traps.communities = t.list("communities", Secret.self) ?? []
                l.traps.users = t.value("users")?.list { item -> String? in
                    guard let name = String.decode(item) else { return nil }
                    item.context.expectReference(.v3CredentialSet, name, at: item)
                    return name
                } ?? []
                return ()
            }
            return ()
        }
        return l
    }
}

extension DiscoverySettings {
    static func decode(_ node: ConfigNode?) -> DiscoverySettings {
        var d = DiscoverySettings()
        _ = node?.object(kind: "discovery") { r in
            _ = r.value("passive")?.object(kind: "discovery.passive") { p in
                d.passiveEnabled = p.optional("enabled") ?? false
                d.passiveInterfaces = p.value("interfaces")?.list { item -> PassiveInterface? in
                    item.object(kind: "passive interface") { i in
                        let name = i.required("name", String.self)
                        let tenant = i.required("tenant", String.self)
                        let siteNode = i.value("site")
                        let site = siteNode.flatMap(String.decode)
                        if siteNode == nil && !i.isProbe { i.base.problem("missing required key 'site'") }
                        guard let name, let tenant, let site, let siteNode else { return nil }
                        i.context.expectReference(.site, "\(tenant)/\(site)", at: siteNode)
                        return PassiveInterface(name: name, tenant: tenant, site: site)
                    }
                } ?? []
                if let filter = p.optional("filter", String.self) { d.passiveFilter = filter }
                return ()
            }
            _ = r.value("scan")?.object(kind: "discovery.scan") { s in
                if let node = s.value("rate"), let rate = Int.decode(node) {
                    if !(1...1_000_000).contains(rate) { node.problem("must be 1 to 1000000 packets per second") } else { d.scanRate = rate }
                }
                if let node = s.value("concurrency"), let value = Int.decode(node) {
                    if !(1...65_536).contains(value) { node.problem("must be 1 to 65536") } else { d.scanConcurrency = value }
                }
                return ()
            }
            return ()
        }
        return d
    }
}

extension LogSettings {
    static func decode(_ node: ConfigNode?) -> LogSettings {
        var l = LogSettings()
        _ = node?.object(kind: "log") { r in
            if let level = r.optional("level", Level.self) { l.level = level }
            if let format = r.optional("format", Format.self) { l.format = format }
            return ()
        }
        return l
    }
}
