import Yams

/// `cors:` in quire.yaml. The default lets any origin call the API, as Strapi's does: credentials
/// travel in the Authorization header, never in cookies, so a wildcard leaks nothing.
public struct CORSConfig: Sendable, Equatable {
    /// `["*"]` for any origin.
    public var origins: [String] = ["*"]
    public var methods: [String] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
    public var headers: [String] = ["Content-Type", "Authorization", "If-Match", "If-None-Match", "Origin", "Accept"]
    public var exposeHeaders: [String] = ["ETag"]
    public var credentials = false
    /// Seconds a browser may cache a preflight answer.
    public var maxAge = 86400
    /// `cors: false` turns the headers off entirely.
    public var enabled = true

    public init() {}

    /// The value for `Access-Control-Allow-Origin`, or nil when this origin is not allowed.
    public func allowedOrigin(for origin: String) -> String? {
        guard enabled else { return nil }
        if origins.contains("*") { return credentials ? origin : "*" }
        return origins.contains(origin) ? origin : nil
    }

    static func read(_ node: Node?, reader: inout SchemaFileReader) -> CORSConfig {
        var config = CORSConfig()
        guard let node, !SchemaFileReader.isNull(node) else { return config }
        if case .scalar = node {
            config.enabled = reader.bool(node, "cors") ?? true
            return config
        }
        guard reader.pairs(node, "cors") != nil else { return config }
        if let origins = reader.strings(reader.value(node, "origins"), "cors.origins") { config.origins = origins }
        if let methods = reader.strings(reader.value(node, "methods"), "cors.methods") { config.methods = methods.map { $0.uppercased() } }
        if let headers = reader.strings(reader.value(node, "headers"), "cors.headers") { config.headers = headers }
        if let expose = reader.strings(reader.value(node, "exposeHeaders"), "cors.exposeHeaders") { config.exposeHeaders = expose }
        if let credentials = reader.bool(reader.value(node, "credentials"), "cors.credentials") { config.credentials = credentials }
        if let maxAge = reader.integer(reader.value(node, "maxAge"), "cors.maxAge") { config.maxAge = maxAge }
        return config
    }
}
