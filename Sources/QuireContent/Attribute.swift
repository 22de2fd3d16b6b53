public enum RelationKind: String, Sendable {
    case oneToOne, oneToMany, manyToOne, manyToMany, morphToOne, morphToMany

    /// Whether this side holds a list of targets.
    public var isToMany: Bool { self == .oneToMany || self == .manyToMany || self == .morphToMany }
}

public indirect enum AttributeType: Sendable, Equatable {
    case string, text, richtext, blocks, email, password
    case uid(targetField: String?)
    case integer, biginteger, float, decimal
    case date, time, datetime
    case boolean
    case enumeration([String])
    case json
    case media(multiple: Bool, allowedTypes: [String])
    /// `target` is the target's singular name (`api::author.author` and `author` both become `author`).
    case relation(RelationKind, target: String, inversedBy: String?, mappedBy: String?)
    case component(String, repeatable: Bool)
    case dynamiczone([String])
    /// An Apostrophe area: `{_id, items: [widget…]}`; rich-text widgets' HTML is kept to the policy.
    case area(RichTextPolicy)
    /// Apostrophe's `checkboxes`: a list of distinct values, each one of the choices.
    case checkboxes([String])
    /// Apostrophe's `oembed`: `{url, title?, thumbnail?}`, the URL of embeddable media.
    case oembed

    /// The name used in schema files (`string`, `relation`, …).
    public var name: String {
        switch self {
        case .string: "string"
        case .text: "text"
        case .richtext: "richtext"
        case .blocks: "blocks"
        case .email: "email"
        case .password: "password"
        case .uid: "uid"
        case .integer: "integer"
        case .biginteger: "biginteger"
        case .float: "float"
        case .decimal: "decimal"
        case .date: "date"
        case .time: "time"
        case .datetime: "datetime"
        case .boolean: "boolean"
        case .enumeration: "enumeration"
        case .json: "json"
        case .media: "media"
        case .relation: "relation"
        case .component: "component"
        case .dynamiczone: "dynamiczone"
        case .area: "area"
        case .checkboxes: "checkboxes"
        case .oembed: "oembed"
        }
    }

    /// Scalars are returned by default; relations, media, components and dynamic zones only when populated.
    public var isScalar: Bool {
        switch self {
        case .media, .relation, .component, .dynamiczone: false
        default: true
        }
    }
}

public struct Attribute: Sendable, Equatable {
    public var name: String
    public var type: AttributeType
    public var required: Bool = false
    public var unique: Bool = false
    /// Never returned by the API (password attributes are always private).
    public var isPrivate: Bool = false
    public var min: Double?
    public var max: Double?
    public var minLength: Int?
    public var maxLength: Int?
    public var regex: String?
    public var defaultValue: Value?
    /// For repeatable components: bounds on the number of items.
    public var minItems: Int?
    public var maxItems: Int?
    /// Apostrophe's per-relationship `fields` (a relation's `_fields`), stored beside the
    /// relation in `<name>Fields` (see `ApostropheFieldTypes.relationshipFields`).
    public var relationFields: [Attribute]?
    /// Apostrophe's choice labels (`choices: [{label, value}]` of a `select`, `radio` or
    /// `checkboxes`), value → label; nil when the schema gives none (the values are the labels).
    public var choiceLabels: [String: String]?

    public init(name: String, type: AttributeType) {
        self.name = name
        self.type = type
    }
}
