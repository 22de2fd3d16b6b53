import Crypto
import Foundation
import QuireContent

/// A role of quire.yaml in the shape of Strapi's users-permissions role, for
/// `GET /api/users/me?populate=role` (frontends read `role.type` to decide what to show).
/// Ids are stable on every server: Strapi's own two first (Authenticated is 1, Public 2, as in a
/// fresh Strapi project), Apostrophe's four next, then the other declared roles by name.
enum StrapiRole {
    static let builtIn = ["authenticated", "public", "guest", "contributor", "editor", "admin"]

    /// One role as Strapi shows it.
    struct Entry: Sendable {
        var id: Int
        var documentId: String
        var name: String
        var description: String
        var type: String

        var json: OrderedObject {
            ["id": .int(Int64(id)), "documentId": .string(documentId), "name": .string(name),
             "description": .string(description), "type": .string(type)]
        }
    }

    /// Every role, in id order: the built-in ones, then those quire.yaml declares.
    static func all(config: SiteConfig) -> [Entry] {
        order(config).map { entry($0, config: config) }
    }

    private static func order(_ config: SiteConfig) -> [String] {
        builtIn + config.rolePermissions.keys.filter { !builtIn.contains($0) }.sorted()
    }

    static func entry(_ role: String, config: SiteConfig) -> Entry {
        let order = order(config)
        return Entry(id: (order.firstIndex(of: role) ?? order.count) + 1, documentId: documentId(role),
                     name: role.prefix(1).uppercased() + role.dropFirst(), description: description(role), type: role)
    }

    static func json(_ role: String, config: SiteConfig) -> Value {
        .object(entry(role, config: config).json)
    }

    /// Strapi's descriptions for its two roles; the others have none in quire.yaml.
    private static func description(_ role: String) -> String {
        switch role {
        case "authenticated": "Default role given to authenticated user."
        case "public": "Default role given to unauthenticated user."
        default: ""
        }
    }

    /// 24 lowercase letters and digits derived from the name, so every server gives the same one.
    private static func documentId(_ role: String) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        let digest = Array(SHA256.hash(data: Data(("role:" + role).utf8)))
        return String(decoding: (0..<24).map { alphabet[Int(digest[$0]) % (($0 == 0) ? 26 : 36)] }, as: UTF8.self)
    }

    /// Whether the query asks for the role: `populate=role`, `populate=*`, `populate=role,x`,
    /// `populate[0]=role` or `populate[role]…`, as Strapi's query parser takes them.
    static func isPopulated(_ query: QueryNode) -> Bool {
        switch query["populate"] {
        case .value(let value?): value == "*" || value.split(separator: ",").contains("role")
        case .list(let items): items.contains { $0.string == "role" }
        case .map(let pairs): pairs.contains { $0.0 == "role" }
        default: false
        }
    }
}
