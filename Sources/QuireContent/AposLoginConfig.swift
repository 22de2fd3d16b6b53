import Yams

/// `apostrophe.login` in quire.yaml: the options of Apostrophe's `@apostrophecms/login` that
/// Quire honours. `passwordReset` turns on the `reset-request` and `reset` routes, which mail
/// through quire.yaml's `email:` server.
public struct AposLoginConfig: Sendable, Equatable {
    public var passwordReset = false
    /// How long a reset link works (Apostrophe's default: 48 hours).
    public var passwordResetHours = 48
    /// Apostrophe's `baseUrl`: the site the reset link points at. Never taken from the request's
    /// Host header, which a caller chooses (Apostrophe refuses to reset without it too).
    public var baseUrl: String?
    /// Apostrophe's `loginUrl`: the page of the front end that takes `?reset=…&email=…`.
    public var loginUrl = "/login"

    public init() {}

    static let keys: Set = ["passwordReset", "passwordResetHours", "baseUrl", "loginUrl"]

    /// `apostrophe: { login: {…} }`; the defaults when absent.
    static func read(_ apostrophe: Node?, emailConfigured: Bool, reader: inout SchemaFileReader) -> AposLoginConfig {
        var config = AposLoginConfig()
        guard let apostrophe, !SchemaFileReader.isNull(apostrophe), let node = reader.value(apostrophe, "login"),
              !SchemaFileReader.isNull(node), let pairs = reader.pairs(node, "apostrophe.login") else { return config }
        for (key, keyNode, _) in pairs where !keys.contains(key) {
            reader.report(keyNode, "unknown apostrophe.login option '\(key)' (\(keys.sorted().joined(separator: ", ")))")
        }
        if let on = reader.bool(reader.value(node, "passwordReset"), "apostrophe.login.passwordReset") { config.passwordReset = on }
        let hoursNode = reader.value(node, "passwordResetHours")
        if let hours = reader.integer(hoursNode, "apostrophe.login.passwordResetHours", minimum: 1) {
            if hours <= 24 * 365 { config.passwordResetHours = hours } else { reader.report(hoursNode, "apostrophe.login.passwordResetHours is at most a year") }
        }
        let baseNode = reader.value(node, "baseUrl")
        if let url = reader.string(baseNode, "apostrophe.login.baseUrl") {
            if url.hasPrefix("http://") || url.hasPrefix("https://") {
                config.baseUrl = url
            } else {
                reader.report(baseNode, "apostrophe.login.baseUrl must be an http(s) URL")
            }
        }
        let loginNode = reader.value(node, "loginUrl")
        if let path = reader.string(loginNode, "apostrophe.login.loginUrl") {
            if path.hasPrefix("/") { config.loginUrl = path } else { reader.report(loginNode, "apostrophe.login.loginUrl must start with /") }
        }
        if config.passwordReset, config.baseUrl == nil {
            reader.report(node, "apostrophe.login.passwordReset needs baseUrl (the site the reset link points at)")
            config.passwordReset = false
        }
        if config.passwordReset, !emailConfigured {
            reader.report(node, "apostrophe.login.passwordReset needs an email: block (the SMTP server the reset mail goes through)")
            config.passwordReset = false
        }
        return config
    }
}
