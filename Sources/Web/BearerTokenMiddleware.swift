public import Config
public import Hummingbird
import Foundation

/// Lets a request through only with a valid API token (`Authorization: Bearer …`, as
/// Prometheus sends for /metrics). `/healthz` is always open; `/metrics` is open when the
/// config says `metrics_public`. A refusal says nothing about which tokens exist.
public struct BearerTokenMiddleware: RouterMiddleware {
    public typealias Context = APIRequestContext

    let settings: @Sendable () -> HTTPSettings

    /// - Parameter settings: The HTTP settings in force (read per request, so a reload applies).
    public init(settings: @escaping @Sendable () -> HTTPSettings) {
        self.settings = settings
    }

    public func handle(_ request: Request, context: APIRequestContext,
                       next: (Request, APIRequestContext) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path == "/healthz" { return try await next(request, context) }
        let current = settings()
        if path == "/metrics", current.metricsPublic { return try await next(request, context) }
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer "),
              let token = current.token(matching: String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces))
        else {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer realm=\"netwarden\""], message: "a valid API token is required")
        }
        var context = context
        context.scope = APIScope(tokenName: token.name, readOnly: token.readOnly, tenant: token.tenant)
        return try await next(request, context)
    }
}
