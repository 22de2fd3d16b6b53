/// Names a content type may not take, singular or plural, because a route of Quire or of a
/// Strapi plugin answers at `/api/<name>`: a type so named would be shadowed by that route (or,
/// for Strapi's plugins Quire does not serve, answer where a Strapi frontend expects the plugin).
/// Strapi refuses such names too (its content-type builder keeps names unique across plugins).
/// Apostrophe's own modules (`@apostrophecms/…`) cannot collide: a type name starts with a letter.
public enum ReservedTypeNames {
    /// Name → who owns `/api/<name>`.
    public static let owners: [String: String] = [
        "auth": "Strapi's users-permissions sign-in routes (/api/auth/…)",
        "users": "Strapi's users-permissions user routes (/api/users)",
        "users-permissions": "Strapi's users-permissions roles (/api/users-permissions/…)",
        "connect": "Strapi's users-permissions providers (/api/connect/…)",
        "upload": "Strapi's media library (/api/upload)",
        "i18n": "Strapi's locales (/api/i18n/locales)",
        "content-type-builder": "Strapi's content-type builder (/api/content-type-builder/…)",
        "email": "Strapi's email plugin (/api/email)",
        "git": "Quire's git routes (/api/git/…)",
        "v1": "the Apostrophe dialect (/api/v1/…)",
    ]

    /// Why `name` cannot name a type, nil when it can.
    public static func owner(of name: String) -> String? { owners[name] }
}
