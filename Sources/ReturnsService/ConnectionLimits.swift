/// How long a connection may take over each part of a request, and how many may be open at once: what keeps
/// silent, half-sent and idle connections from holding the server. `boomerang serve --header-timeout
/// --body-timeout --idle-timeout --max-connections` set them.
public struct ConnectionLimits: Sendable, Equatable {
    /// A request's head must be complete this long after its first byte (or after the connection opens).
    public var headerTimeout: Duration = .seconds(10)
    /// A request's body must be complete this long after its head.
    public var bodyTimeout: Duration = .seconds(30)
    /// A kept-alive connection with no request in progress is closed after this long without a byte.
    public var idleTimeout: Duration = .seconds(60)
    /// Connections served at once; more wait in the listen backlog until one closes.
    public var maxConnections = 1024

    public init(headerTimeout: Duration = .seconds(10), bodyTimeout: Duration = .seconds(30), idleTimeout: Duration = .seconds(60), maxConnections: Int = 1024) {
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
    }
}
