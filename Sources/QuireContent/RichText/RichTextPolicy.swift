/// What HTML a rich-text field keeps: tags, attributes per tag and URL schemes. Anything else
/// is stripped on every write. Built from Apostrophe's rich-text widget options: a `toolbar`
/// (and `styles`) enables tags as `rich-text-widget/index.js` does, and `allowedTags`,
/// `allowedAttributes` and `allowedSchemes` add to or replace them.
public struct RichTextPolicy: Sendable, Equatable {
    public var tags: Set<String>
    public var attributes: [String: Set<String>]
    public var schemes: Set<String>

    public init(tags: Set<String>, attributes: [String: Set<String>], schemes: Set<String>) {
        self.tags = tags
        self.attributes = attributes
        self.schemes = schemes
    }

    /// Apostrophe's default toolbar (`styles`, `bold`, `italic`, `strike`, `link`, `bulletList`,
    /// `orderedList`) with its default styles (`p`, `h2`, `h3`, `h4`), and sanitize-html's schemes.
    public static let apostropheDefault = RichTextPolicy(
        toolbar: ["styles", "bold", "italic", "strike", "link", "bulletList", "orderedList"], styles: ["p", "h2", "h3", "h4"])

    public static let defaultSchemes: Set<String> = ["http", "https", "ftp", "mailto", "tel"]

    public init(toolbar: [String], styles: [String], schemes: Set<String> = defaultSchemes) {
        var tags: Set<String> = ["p", "br"]
        var attributes: [String: Set<String>] = [:]
        for item in toolbar {
            switch item {
            case "styles": tags.formUnion(styles)
            case "bold": tags.formUnion(["b", "strong"])
            case "italic": tags.formUnion(["i", "em"])
            case "strike": tags.insert("s")
            case "underline": tags.insert("u")
            case "link":
                tags.insert("a")
                attributes["a"] = ["href", "id", "name", "title", "rel", "target"]
            case "horizontalRule": tags.insert("hr")
            case "bulletList": tags.formUnion(["ul", "li"])
            case "orderedList": tags.formUnion(["ol", "li"])
            case "blockquote": tags.insert("blockquote")
            case "codeBlock": tags.formUnion(["pre", "code"])
            case "superscript": tags.insert("sup")
            case "subscript": tags.insert("sub")
            case "anchor", "color": tags.insert("span")
            case "table": tags.formUnion(["table", "tr", "td", "th", "colgroup", "col", "div"])
            case "image":
                tags.formUnion(["figure", "img", "figcaption"])
                attributes["img"] = ["src", "alt"]
            case "alignLeft", "alignCenter", "alignRight", "alignJustify":
                for tag in ["p", "h1", "h2", "h3", "h4", "h5", "h6"] { attributes[tag, default: []].insert("style") }
            default: continue
            }
        }
        self.init(tags: tags, attributes: attributes, schemes: schemes)
    }

    /// Elements whose content goes with them: what they hold is code or chrome, never text.
    static let droppedWithContent: Set<String> = [
        "script", "style", "textarea", "option", "noscript", "iframe", "object", "embed", "template",
        "xmp", "noembed", "noframes", "title", "svg", "math", "select", "frameset", "frame", "applet",
    ]

    /// Attributes holding a URL, whose scheme must be allowed.
    static let urlAttributes: Set<String> = ["href", "src", "cite", "action", "formaction", "poster", "background", "longdesc", "usemap"]

    static let voidTags: Set<String> = ["br", "hr", "img", "col", "wbr", "area", "base", "input", "link", "meta", "source", "track"]
}
