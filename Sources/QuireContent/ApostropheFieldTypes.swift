/// Apostrophe's scalar field types in a schema (`type: url`, `color`, `range`), loaded as the
/// Strapi type that stores them with the rule Apostrophe checks, so a field declared the
/// Apostrophe way is validated on every write and by `quire validate`, and Strapi clients see
/// a string or a number. A `regex` written in the schema replaces the built-in one.
enum ApostropheFieldTypes {
    /// `url`: absolute http(s), ftp, mailto and tel URLs, and site-relative ones (`/…`, `#…`,
    /// `?…`). Apostrophe's launderer drops `javascript:` and the like; here they are refused.
    static let urlPattern = #"^((https?|ftp)://[^\s/?#]+[^\s]*|(mailto|tel):[^\s]+|[/#?][^\s]*)$"#

    /// `color`: a CSS color as the color picker stores it: `#rgb`, `#rgba`, `#rrggbb`,
    /// `#rrggbbaa`, `rgb()`/`rgba()`/`hsl()`/`hsla()`, or a named color.
    static let colorPattern = #"^(#([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|(rgb|rgba|hsl|hsla)\(\s*[0-9.%+-]+(\s*[, ]\s*[0-9.%+-]+){2,3}\s*([,/]\s*[0-9.%]+\s*)?\)|[a-zA-Z]+)$"#

    /// The stored type of an Apostrophe field type, nil for a name that is not one.
    static func underlyingType(_ name: String) -> AttributeType? {
        switch name {
        case "url", "color": .string
        // `min`, `max` are read as for any number; `step` is a hint for the editor.
        case "range": .float
        default: nil
        }
    }

    /// The rule a value must match, when the schema gives none.
    static func pattern(_ name: String) -> String? {
        switch name {
        case "url": urlPattern
        case "color": colorPattern
        default: nil
        }
    }
}
