/// Strapi's `type: customField` attributes (`customField: plugin::color-picker.color`). A
/// Strapi schema file does not say what a custom field stores: the plugin that registers it
/// does. Quire serves the ones whose storage it knows as that type, and any other as `json`
/// (kept and answered exactly as written), so a schema copied from a Strapi project loads
/// whole rather than losing its type to one unknown attribute.
enum CustomFields {
    /// Custom fields of Strapi's own plugins and their stored types.
    static let known: [String: AttributeType] = [
        "plugin::color-picker.color": .string,
    ]

    static func underlyingType(_ uid: String) -> AttributeType {
        known[uid] ?? .json
    }
}
