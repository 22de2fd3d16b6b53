import Foundation
import Yams

/// `auth:` in quire.yaml: how people sign in. Secrets never live here (the file is committed).
public struct AuthSettings: Sendable, Equatable {
    /// Whether `POST /api/auth/local/register` is open, as Strapi's advanced setting.
    public var allowRegister = false
    /// The role a registered user gets (Strapi's "Authenticated").
    public var defaultRole = "authenticated"
    /// Seconds a Strapi JWT stays valid (Strapi: 30 days).
    public var jwtLifetime = 30 * 86400
    /// Seconds an Apostrophe bearer token or session stays valid (Apostrophe: 14 days).
    public var bearerLifetime = 14 * 86400
    /// Apostrophe's `shortName`: cookies are `<name>.sid`, `<name>.loggedIn` and `<name>.csrf`.
    public var cookieName = "quire"

    public init() {}

    static func read(_ node: Node?, reader: inout SchemaFileReader) -> AuthSettings {
        var settings = AuthSettings()
        guard let node, !SchemaFileReader.isNull(node), reader.pairs(node, "auth") != nil else { return settings }
        if let register = reader.bool(reader.value(node, "register"), "auth.register") { settings.allowRegister = register }
        if let role = reader.string(reader.value(node, "defaultRole"), "auth.defaultRole") { settings.defaultRole = role }
        if let seconds = duration(reader.value(node, "jwtLifetime"), "auth.jwtLifetime", reader: &reader) { settings.jwtLifetime = seconds }
        if let seconds = duration(reader.value(node, "bearerLifetime"), "auth.bearerLifetime", reader: &reader) {
            settings.bearerLifetime = seconds
        }
        let cookieNode = reader.value(node, "cookieName")
        if let name = reader.string(cookieNode, "auth.cookieName") {
            if name.range(of: #"^[A-Za-z0-9_-]{1,40}$"#, options: .regularExpression) != nil {
                settings.cookieName = name
            } else {
                reader.report(cookieNode, "auth.cookieName must be 1 to 40 letters, digits, - or _")
            }
        }
        return settings
    }

    /// `3600`, `90m`, `12h`, `30d`: seconds, or a number with a unit.
    public static func seconds(_ text: String) -> Int? {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        var digits = Substring(text)
        var unit = 1
        if let last = text.last, let multiplier = units[last] {
            digits = text.dropLast()
            unit = multiplier
        }
        guard let value = Int(digits), value > 0, value <= Int(Int32.max) else { return nil }
        return value * unit
    }

    static func duration(_ node: Node?, _ what: String, reader: inout SchemaFileReader) -> Int? {
        guard let text = reader.string(node, what) else { return nil }
        guard let seconds = seconds(text) else {
            reader.report(node, "\(what) must be a positive duration such as 3600, 90m, 12h or 30d")
            return nil
        }
        return seconds
    }
}
