public import Config
import Foundation
public import Hummingbird
public import Store

/// Netwarden's HTTP server: `/healthz`, `/metrics` and the JSON API under `/api/v1`, behind API
/// tokens (see ``BearerTokenMiddleware``). A token limited to a tenant sees only that tenant.
public enum NetwardenHTTPServer {
    public struct Dependencies: Sendable {
        public var store: any Store
        public var settings: @Sendable () -> HTTPSettings
        /// Prometheus text for /metrics.
        public var metrics: @Sendable () async -> String
        /// Acknowledges an alert (through the alert pipeline, so notifications follow).
        public var acknowledge: @Sendable (_ alertID: Int64, _ by: String) async throws -> Alert?

        public init(store: any Store, settings: @escaping @Sendable () -> HTTPSettings, metrics: @escaping @Sendable () async -> String,
                    acknowledge: @escaping @Sendable (Int64, String) async throws -> Alert?) {
            self.store = store
            self.settings = settings
            self.metrics = metrics
            self.acknowledge = acknowledge
        }
    }

    public static func router(_ deps: Dependencies) -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: BearerTokenMiddleware(settings: deps.settings))
        router.get("healthz") { _, _ in "ok\n" }
        router.get("metrics") { _, _ -> Response in
            let text = await deps.metrics()
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        let api = router.group("api/v1")
        api.get("tenants") { _, context -> Response in
            let tenants = try await deps.store.devices.tenants().filter { context.scope?.allows(tenant: $0.name) ?? false }
            return try json(tenants.map { ["id": "\($0.id)", "name": $0.name] })
        }
        api.get("sites") { request, context -> Response in
            let tenant = try scopedTenant(request.uri.queryParameters["tenant"].map(String.init), context)
            let tenants = try await deps.store.devices.tenants().filter { tenant == nil || $0.name == tenant }
            var sites: [SiteJSON] = []
            for row in tenants where context.scope?.allows(tenant: row.name) ?? false {
                sites += try await deps.store.devices.sites(tenantID: row.id).map { SiteJSON(id: $0.id, tenant: row.name, name: $0.name) }
            }
            return try json(sites)
        }
        api.get("sites/:id/discovered") { _, context -> Response in
            guard let id = context.parameters.get("id", as: Int64.self) else { throw HTTPError(.badRequest, message: "site id must be a number") }
            let tenants = try await deps.store.devices.tenants().filter { context.scope?.allows(tenant: $0.name) ?? false }
            var found = false
            for tenant in tenants where !found {
                found = try await deps.store.devices.sites(tenantID: tenant.id).contains { $0.id == id }
            }
            guard found else { throw HTTPError(.notFound, message: "no such site") }
            return try json(try await deps.store.discovery.hosts(siteID: id).map(DiscoveredHostJSON.init))
        }
        api.get("devices") { request, context -> Response in
            let query = request.uri.queryParameters
            let tenant = try scopedTenant(query["tenant"].map(String.init), context)
            let rows = try await deps.store.devices.inventory(tenant: tenant, site: query["site"].map(String.init))
            return try json(rows.filter { context.scope?.allows(tenant: $0.tenant) ?? false }.map(DeviceJSON.init))
        }
        api.get("devices/:id") { _, context -> Response in
            let row = try await visibleDevice(context, deps)
            return try json(DeviceJSON(row))
        }
        api.get("devices/:id/interfaces") { _, context -> Response in
            let row = try await visibleDevice(context, deps)
            return try json(try await deps.store.interfaces.interfaces(deviceID: row.device.id).map(InterfaceJSON.init))
        }
        api.get("devices/:id/health") { request, context -> Response in
            let row = try await visibleDevice(context, deps)
            let query = request.uri.queryParameters
            // Without a metric: the latest value of each; with one: its series (default the last day).
            guard let metric = query["metric"].map(String.init) else {
                return try json(try await deps.store.health.latest(deviceID: row.device.id).map(HealthJSON.init))
            }
            let to = query["to"].flatMap { Double(String($0)) }.map(Date.init(timeIntervalSince1970:)) ?? Date()
            let from = query["from"].flatMap { Double(String($0)) }.map(Date.init(timeIntervalSince1970:)) ?? to.addingTimeInterval(-86_400)
            return try json(try await deps.store.health.series(deviceID: row.device.id, metric: metric, label: query["label"].map(String.init),
                                                               from: from, to: to).map(HealthJSON.init))
        }
        api.get("devices/:id/neighbours") { _, context -> Response in
            let row = try await visibleDevice(context, deps)
            return try json(try await deps.store.neighbours.neighbours(deviceID: row.device.id).map(NeighbourJSON.init))
        }
        api.get("devices/:id/inventory") { _, context -> Response in
            let row = try await visibleDevice(context, deps)
            return try json(try await deps.store.physicalInventory.entities(deviceID: row.device.id).map(PhysicalEntityJSON.init))
        }
        api.get("devices/:id/inventory/history") { request, context -> Response in
            let row = try await visibleDevice(context, deps)
            let limit = Int(request.uri.queryParameters["limit"].map(String.init) ?? "") ?? 100
            return try json(try await deps.store.physicalInventory.history(deviceID: row.device.id, limit: min(max(limit, 0), 10_000))
                .map(PhysicalEntityChangeJSON.init))
        }
        api.get("devices/:id/events") { request, context -> Response in
            let row = try await visibleDevice(context, deps)
            let limit = Int(request.uri.queryParameters["limit"].map(String.init) ?? "") ?? 100
            return try json(try await deps.store.events.events(deviceID: row.device.id, since: nil, limit: min(limit, 10_000)).map(EventJSON.init))
        }
        api.get("devices/:id/interfaces/:interface/series") { request, context -> Response in
            let row = try await visibleDevice(context, deps)
            guard let interfaceID = context.parameters.get("interface", as: Int64.self),
                  try await deps.store.interfaces.interfaces(deviceID: row.device.id).contains(where: { $0.id == interfaceID })
            else { throw HTTPError(.notFound, message: "no such interface on this device") }
            let query = request.uri.queryParameters
            guard let tier = SampleTier(rawValue: query["tier"].map(String.init) ?? "raw") else {
                throw HTTPError(.badRequest, message: "tier must be raw, 5m or 1h")
            }
            let to = query["to"].flatMap { Double(String($0)) }.map(Date.init(timeIntervalSince1970:)) ?? Date()
            let from = query["from"].flatMap { Double(String($0)) }.map(Date.init(timeIntervalSince1970:)) ?? to.addingTimeInterval(-86_400)
            return try json(try await deps.store.samples.series(interfaceID: interfaceID, tier: tier, from: from, to: to).map(SeriesPointJSON.init))
        }
        api.get("alerts") { request, context -> Response in
            let query = request.uri.queryParameters
            var states: Set<AlertState>? = [.open, .acknowledged]
            if let text = query["state"].map(String.init) {
                states = text == "all" ? nil : Set(text.split(separator: ",").compactMap { AlertState(rawValue: String($0)) })
            }
            let limit = Int(query["limit"].map(String.init) ?? "") ?? 500
            let alerts = try await deps.store.alerts.alerts(states: states, deviceID: nil, limit: min(limit, 10_000))
            let allowed = try await allowedTenantIDs(context, deps)
            return try json(alerts.filter { alert in allowed == nil || alert.tenantID.map { allowed!.contains($0) } == true }.map(AlertJSON.init))
        }
        api.get("syslog") { request, context -> Response in
            let query = request.uri.queryParameters
            guard let text = query["q"].map(String.init), !text.isEmpty else { throw HTTPError(.badRequest, message: "q (the search) is required") }
            let deviceID = query["device"].flatMap { Int64(String($0)) }
            let since = query["since"].flatMap { Double(String($0)) }.map(Date.init(timeIntervalSince1970:))
            let severity = query["severity"].flatMap { Int64(String($0)) }
            let limit = min(Int(query["limit"].map(String.init) ?? "") ?? 100, 10_000)
            var visible: Set<Int64>?
            if context.scope?.tenant != nil {
                visible = Set(try await deps.store.devices.inventory(tenant: context.scope?.tenant, site: nil).map(\.device.id))
                if let deviceID, !visible!.contains(deviceID) { throw HTTPError(.notFound, message: "no such device") }
            }
            let records = try await deps.store.syslog.search(SyslogQuery(text, deviceID: deviceID, since: since, maxSeverity: severity, limit: limit))
            return try json(records.filter { visible == nil || $0.draft.deviceID.map { visible!.contains($0) } == true }.map(SyslogJSON.init))
        }
        api.post("alerts/:id/acknowledge") { _, context -> Response in
            guard let scope = context.scope, !scope.readOnly else { throw HTTPError(.forbidden, message: "this token is read-only") }
            guard let id = context.parameters.get("id", as: Int64.self), let alert = try await deps.store.alerts.alert(id: id),
                  try await allowedTenantIDs(context, deps).map({ alert.tenantID.map($0.contains) == true }) ?? true
            else { throw HTTPError(.notFound, message: "no such alert") }
            guard let acknowledged = try await deps.acknowledge(id, scope.tokenName) else {
                throw HTTPError(.conflict, message: "the alert is not open")
            }
            return try json(AlertJSON(acknowledged))
        }
        return router
    }

    static func scopedTenant(_ asked: String?, _ context: APIRequestContext) throws -> String? {
        guard let limited = context.scope?.tenant else { return asked }
        if let asked, asked != limited { throw HTTPError(.notFound, message: "no such tenant") }
        return limited
    }

    static func visibleDevice(_ context: APIRequestContext, _ deps: Dependencies) async throws -> InventoryRow {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw HTTPError(.badRequest, message: "device id must be a number") }
        let rows = try await deps.store.devices.inventory(tenant: context.scope?.tenant, site: nil)
        guard let row = rows.first(where: { $0.device.id == id }) else { throw HTTPError(.notFound, message: "no such device") }
        return row
    }

    static func allowedTenantIDs(_ context: APIRequestContext, _ deps: Dependencies) async throws -> Set<Int64>? {
        guard let limited = context.scope?.tenant else { return nil }
        return Set(try await deps.store.devices.tenants().filter { $0.name == limited }.map(\.id))
    }

    static func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
