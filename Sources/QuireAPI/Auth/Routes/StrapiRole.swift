import Crypto
import Foundation
import QuireContent

/// A role of quire.yaml in the shape of Strapi's users-permissions role, for
/// `GET /api/users/me?populate=role` (frontends read `role.type` to decide what to show).
/// Ids are stable on every server: Strapi's own two first (Authenticated is 1, Public 2, as in a
/// fresh Strapi project), Apostrophe's four next, then the other declared roles by name.
enum StrapiRole {
    static let builtIn = ["authenticated", "public", "guest", "contributor", "editor", "admin"]

    static func json(_ role: String, config: SiteConfig) -> Value {
        let order = builtIn + config.rolePermissions.keys.filter { !builtIn.contains($0) }.sorted()
        let id = (order.firstIndex(of: role) ?? order.count) + 1
        return .object([
            "id": .int(Int64(id)),
            "documentId": .string(documentId(role)),
            "name": .string(role.prefix(1).uppercased() + role.dropFirst()),
            "description": .string(description(role)),
            "type": .string(role),
        ])
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
