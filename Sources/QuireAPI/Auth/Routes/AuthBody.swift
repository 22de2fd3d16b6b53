import Foundation
import Hummingbird
import QuireContent

/// The flat JSON bodies of the sign-in routes (`{identifier, password}`, Apostrophe's
/// `{username, password, session}`): no `data` wrapper, as both systems take them.
struct AuthBody {
    static let limit = 1 << 16

    var object: OrderedObject

    enum Refusal: Error {
        /// Over `limit`, declared or sent: refused before waiting for a body it would not read.
        case tooLarge
        /// Not a JSON object.
        case malformed
    }

    /// The body as a JSON object; each dialect words the refusals itself.
    static func read(_ request: Request) async throws(Refusal) -> AuthBody {
        do {
            return AuthBody(object: try await RequestBody.object(of: request, limit: limit, requireJSONType: false))
        } catch .tooLarge {
            throw .tooLarge
        } catch {
            throw .malformed
        }
    }

    /// A non-empty string field.
    func string(_ key: String) -> String? {
        guard case .string(let text)? = object[key], !text.isEmpty else { return nil }
        return text
    }

    func bool(_ key: String) -> Bool {
        if case .bool(let value)? = object[key] { return value }
        return false
    }
}

extension UserRecord {
    /// Strapi's users-permissions user object; the password stays out, and the role unless
    /// populated, as in Strapi.
    var strapiJSON: Value { strapiJSON(role: nil) }

    func strapiJSON(role: Value?) -> Value {
        var object: OrderedObject = [
            "id": .int(Int64(id)),
            "documentId": .string(documentId),
            "username": .string(username),
            "email": .string(email),
            "provider": .string("local"),
            "confirmed": .bool(confirmed),
            "blocked": .bool(blocked),
            "createdAt": .string(Self.timestamp(createdAt)),
            "updatedAt": .string(Self.timestamp(updatedAt)),
            "publishedAt": .string(Self.timestamp(createdAt)),
        ]
        if let role { object["role"] = role }
        return .object(object)
    }

    /// Apostrophe's `whoami` answer.
    var apostropheJSON: Value {
        .object(["_id": .string(documentId), "username": .string(username), "title": .string(displayName ?? username), "email": .string(email)])
    }

    /// `2026-11-23T22:10:00.000Z`, as Strapi writes dates. The users ref keeps whole seconds
    /// (ISO 8601 without fractions), so the answer to a write shows what later reads will.
    static func timestamp(_ date: Date) -> String {
        StrapiRenderer.timestamp(Int64(date.timeIntervalSince1970.rounded(.down)))
    }
}
