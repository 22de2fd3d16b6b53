/// What a morph relation (`morphToOne`, `morphToMany`) stores: links to documents of any
/// content type, each saying which type with Strapi's `__type` uid, as files keep them:
///
///     about:
///       - __type: api::article.article
///         documentId: k3x9…
///
/// `morphToOne` keeps one such mapping, `morphToMany` a list of them, in the order given.
public struct MorphLink: Sendable, Equatable {
    /// The target's singular name (`article` for `api::article.article`).
    public var type: String
    public var documentId: String

    public init(type: String, documentId: String) {
        self.type = type
        self.documentId = documentId
    }

    /// Strapi's uid of a content type: `api::<singular>.<singular>`.
    public static func uid(_ singular: String) -> String { "api::\(singular).\(singular)" }

    /// The singular name a `__type` names, if it is a content type of `schema` (its uid, or
    /// its singular name).
    public static func type(named given: String, in schema: SiteSchema) -> ContentType? {
        let name = given.hasPrefix("api::") ? SchemaAttributeReader.targetName(given) : given
        guard let type = schema.contentType(singular: name), given == name || given == uid(name) else { return nil }
        return type
    }

    public var stored: Value {
        .object(["__type": .string(Self.uid(type)), "documentId": .string(documentId)])
    }

    /// The links a stored value holds (one mapping, or a list of them); anything else is none.
    public static func links(_ value: Value?) -> [MorphLink] {
        func link(_ item: Value) -> MorphLink? {
            guard case .object(let object) = item, case .string(let uid)? = object["__type"],
                  case .string(let id)? = object["documentId"] else { return nil }
            return MorphLink(type: SchemaAttributeReader.targetName(uid), documentId: id)
        }
        switch value {
        case .array(let items)?: return items.compactMap(link)
        case let item?: return link(item).map { [$0] } ?? []
        case nil: return []
        }
    }

    /// The links a payload names as `{documentId, __type}` items (one, or a list): nil if any
    /// item is not such a pair naming a content type of `schema` and a valid documentId.
    public static func parse(_ value: Value, schema: SiteSchema) -> [MorphLink]? {
        func link(_ item: Value) -> MorphLink? {
            guard case .object(let object) = item, object.keys.allSatisfy({ $0 == "__type" || $0 == "documentId" }),
                  case .string(let given)? = object["__type"], let type = type(named: given, in: schema),
                  case .string(let id)? = object["documentId"], DocumentID.isValid(id) else { return nil }
            return MorphLink(type: type.singularName, documentId: id)
        }
        if case .array(let items) = value {
            let links = items.compactMap(link)
            return links.count == items.count ? links : nil
        }
        return link(value).map { [$0] }
    }

    /// The value to store for `links`: nil when there are none.
    public static func value(_ links: [MorphLink], toMany: Bool) -> Value? {
        if toMany { return links.isEmpty ? nil : .array(links.map(\.stored)) }
        return links.last?.stored
    }
}

extension RelationKind {
    /// `morphToOne` and `morphToMany`: links to documents of any type, each with its `__type`.
    public var isMorph: Bool { self == .morphToOne || self == .morphToMany }
}

extension DocumentDecoder {
    /// A morph relation as a file holds it: one `{__type, documentId}` mapping (`morphToOne`)
    /// or a list of them; a `__type` that is no content type of the site, or a documentId that
    /// is not one, is a problem of the file.
    mutating func morphValue(_ source: DocumentSource, toMany: Bool, label: String) -> Value? {
        func link(_ item: DocumentSource, label: String) -> Value? {
            guard case .mapping(let pairs) = item.shape else {
                report(line: item.line, "'\(label)' must be a mapping with __type and documentId, found \(item.summary)")
                return nil
            }
            var text: [String: String] = [:]
            for (key, value) in pairs {
                guard key == "__type" || key == "documentId" else {
                    report(line: value.line, "'\(label).\(key)': a morph relation holds only __type and documentId")
                    return nil
                }
                guard case .scalar(let scalar) = value.shape, case .success(.string(let string)) = FieldScalarDecoding.decode(scalar, as: .string) else {
                    report(line: value.line, "'\(label).\(key)' must be a string, found \(value.summary)")
                    return nil
                }
                text[key] = string
            }
            guard let given = text["__type"], let type = MorphLink.type(named: given, in: schema) else {
                report(line: item.line, "'\(label).__type' must name a content type (api::<name>.<name>), found \(text["__type"].map { "'\($0)'" } ?? "nothing")")
                return nil
            }
            guard let id = text["documentId"], DocumentID.isValid(id) else {
                report(line: item.line, "'\(label).documentId' must be a documentId")
                return nil
            }
            return MorphLink(type: type.singularName, documentId: id).stored
        }
        guard toMany else { return link(source, label: label) }
        guard case .sequence(let items) = source.shape else {
            report(line: source.line, "'\(label)' must be a list of {__type, documentId}, found \(source.summary)")
            return nil
        }
        return .array(items.enumerated().compactMap { index, item in link(item, label: "\(label)[\(index)]") })
    }
}
