public import Hummingbird

/// Who is asking: the API token's name, whether it may change anything, and the one tenant it
/// may see (a client's own IT person), if it is limited to one.
public struct APIScope: Sendable, Hashable {
    public var tokenName: String
    public var readOnly: Bool
    public var tenant: String?

    public init(tokenName: String, readOnly: Bool, tenant: String?) {
        self.tokenName = tokenName
        self.readOnly = readOnly
        self.tenant = tenant
    }

    /// Whether this scope may see data of `tenant`.
    public func allows(tenant other: String) -> Bool { tenant == nil || tenant == other }
}

/// The request context of Netwarden's HTTP server: Hummingbird's core plus the caller's scope,
/// set by ``BearerTokenMiddleware``.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var scope: APIScope?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }
}
