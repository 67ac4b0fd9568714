/// Checks that need the whole file: references by name, parents, and settings that are
/// only wrong once the levels are combined.
struct Validation {
    let context: DecodingContext

    func run(_ config: inout NetwardenConfig) {
        checkReferences(config)
        resolveParents(&config)
        checkEffectiveSettings(config)
    }

    private func checkReferences(_ config: NetwardenConfig) {
        let sets = config.credentialSets.map(\.name)
        let v3 = config.credentialSets.filter { $0.version == .v3 }.map(\.name)
        let channels = config.notifications.channels.map(\.name)
        let tenants = config.tenants.map(\.name)
        let sites = config.tenants.flatMap { tenant in tenant.sites.map { "\(tenant.name)/\($0.name)" } }
        for reference in context.references {
            let names: [String]
            switch reference.kind {
            case .credentialSet: names = sets
            case .v3CredentialSet:
                if sets.contains(reference.name) && !v3.contains(reference.name) {
                    context.problem(at: reference.mark, reference.path, "credential set '\(reference.name)' is not SNMPv3 (trap users must be v3)")
                    continue
                }
                names = v3
            case .channel: names = channels
            case .tenant: names = tenants
            case .site: names = sites
            }
            // A definition that failed to decode was reported where it is written.
            let written = context.definedNames[reference.kind == .v3CredentialSet ? .credentialSet : reference.kind] ?? []
            if reference.kind != .v3CredentialSet && written.contains(reference.name) { continue }
            if !names.contains(reference.name) {
                var message = "no \(reference.kind.rawValue) named '\(reference.name)'"
                message += Suggestion.hint(for: reference.name, in: names)
                if reference.kind == .site && !reference.name.contains("/") { message += "; write TENANT/SITE" }
                context.problem(at: reference.mark, reference.path, message)
            }
        }
    }

    /// `parent: NAME-OR-ADDRESS` (same site) or `SITE/NAME-OR-ADDRESS` (same tenant); no cycles.
    private func resolveParents(_ config: inout NetwardenConfig) {
        for t in config.tenants.indices {
            let tenant = config.tenants[t]
            func find(_ site: Site, _ text: String) -> Device? {
                if let device = site.devices.first(where: { $0.name == text }) { return device }
                guard case .success(let address) = HostPort.parse(text, defaultPort: 161) else { return nil }
                return site.devices.first { $0.address == address }
            }
            for s in tenant.sites.indices {
                let site = tenant.sites[s]
                if let reference = site.gatewayReference {
                    if let gateway = find(site, reference) {
                        config.tenants[t].sites[s].gateway = DeviceKey(tenant: tenant.name, site: site.name, address: gateway.address)
                    } else {
                        let candidates = site.devices.flatMap { [$0.name, $0.address.description].compactMap { $0 } }
                        context.problem(near: site.source.path.appending("gateway"), "no device '\(reference)' in site '\(site.name)' of tenant '\(tenant.name)'"
                            + Suggestion.hint(for: reference, in: candidates))
                    }
                }
                for d in tenant.sites[s].devices.indices {
                    let device = tenant.sites[s].devices[d]
                    guard let reference = device.parentReference else { continue }
                    if reference == "none" {
                        config.tenants[t].sites[s].devices[d].reachedDirectly = true
                        continue
                    }
                    let path = device.source.path.appending("parent")
                    var site = tenant.sites[s]
                    var target = reference
                    if let slash = reference.firstIndex(of: "/") {
                        let siteName = String(reference[..<slash])
                        target = String(reference[reference.index(after: slash)...])
                        guard let other = tenant.sites.first(where: { $0.name == siteName }) else {
                            context.problem(near: path, "no site named '\(siteName)' in tenant '\(tenant.name)'"
                                + Suggestion.hint(for: siteName, in: tenant.sites.map(\.name)))
                            continue
                        }
                        site = other
                    }
                    guard let parent = find(site, target) else {
                        let candidates = site.devices.flatMap { [$0.name, $0.address.description].compactMap { $0 } }
                        context.problem(near: path, "no device '\(target)' in site '\(site.name)' of tenant '\(tenant.name)'"
                            + Suggestion.hint(for: target, in: candidates))
                        continue
                    }
                    if parent.address == device.address && site.name == tenant.sites[s].name {
                        context.problem(near: path, "a device cannot be its own parent")
                        continue
                    }
                    config.tenants[t].sites[s].devices[d].parent = DeviceKey(tenant: tenant.name, site: site.name, address: parent.address)
                }
            }
        }
        // Cycles: follow each chain; a chain longer than the number of devices loops.
        let parents = Dictionary(config.allDevices.map { ($0.key, $0.device.parent) }, uniquingKeysWith: { a, _ in a })
        let sources = Dictionary(config.allDevices.map { ($0.key, $0.device.source.path) }, uniquingKeysWith: { a, _ in a })
        var reported = Set<DeviceKey>()
        for start in parents.keys.sorted() {
            var seen: [DeviceKey] = [start]
            var current = parents[start] ?? nil
            while let next = current {
                if let loopStart = seen.firstIndex(of: next) {
                    let loop = Array(seen[loopStart...])
                    if reported.isDisjoint(with: loop), let path = sources[next] {
                        context.problem(near: path.appending("parent"), "parent loop: "
                            + (loop + [next]).map(\.description).joined(separator: " -> "))
                    }
                    reported.formUnion(loop)
                    break
                }
                seen.append(next)
                current = parents[next] ?? nil
            }
        }
    }

    /// Each level combined with the ones above it must make sense (timeout below interval,
    /// warn below critical…). A problem is reported once, at the level that introduced it.
    private func checkEffectiveSettings(_ config: NetwardenConfig) {
        // Said so when the value at fault was set at another level.
        func report(_ path: ConfigKeyPath, _ message: String) {
            context.problem(near: path, context.mark(at: path) == nil ? "\(message) (after overrides)" : message)
        }
        func check(_ polling: PollingSettings, _ alerts: AlertRules, at path: ConfigKeyPath,
                   inherited: Set<String>) -> Set<String> {
            var found = Set<String>()
            for (key, message) in polling.problems() {
                found.insert("polling.\(key): \(message)")
                if !inherited.contains("polling.\(key): \(message)") {
                    report(path.appending("polling").appending(key), message)
                }
            }
            for (key, message) in alerts.problems() {
                found.insert("alerts.\(key): \(message)")
                if !inherited.contains("alerts.\(key): \(message)") {
                    var at = path.appending("alerts")
                    for part in key.split(separator: ".") { at = at.appending(String(part)) }
                    report(at, message)
                }
            }
            return found
        }
        let defaultsPath = ConfigKeyPath.root.appending("defaults")
        let basePolling = config.defaults.polling.applied(to: PollingSettings())
        let baseAlerts = config.defaults.alerts.applied(to: AlertRules())
        let atDefaults = check(basePolling, baseAlerts, at: defaultsPath, inherited: [])
        for tenant in config.tenants {
            let tPolling = tenant.overrides.polling.applied(to: basePolling)
            let tAlerts = tenant.overrides.alerts.applied(to: baseAlerts)
            let atTenant = check(tPolling, tAlerts, at: tenant.source.path, inherited: atDefaults)
            for site in tenant.sites {
                let sPolling = site.overrides.polling.applied(to: tPolling)
                let sAlerts = site.overrides.alerts.applied(to: tAlerts)
                let atSite = check(sPolling, sAlerts, at: site.source.path, inherited: atTenant)
                for device in site.devices {
                    _ = check(device.overrides.polling.applied(to: sPolling), device.overrides.alerts.applied(to: sAlerts),
                              at: device.source.path, inherited: atSite)
                    let credentials = device.overrides.credentials ?? site.overrides.credentials
                        ?? tenant.overrides.credentials ?? config.defaults.credentials ?? []
                    if credentials.isEmpty {
                        context.problem(near: device.source.path,
                                        "no credential set for this device: set 'credentials' on the device, its site, its tenant or in defaults")
                    }
                }
            }
        }
    }
}
