import QuireGit

/// Checks one entry against the schema and turns it into the file the API would write: the
/// same normalizer and rules as a `POST`, defaults filled in, relations stored as documentIds,
/// the file encoded by `DocumentCodec` at the path `SiteLayout` gives a new document (or the
/// document's current path, for `--update`). Runs on every core: it holds no shared state.
struct ImportPreparer: Sendable {
    let definition: SiteDefinition
    /// Where each document of the site lives now (main), by key.
    let existingPaths: [DocumentKey: String]

    func prepare<Generator: RandomNumberGenerator>(
        _ entry: ImportEntry, encoder: PackObjectEncoder, random: inout Generator
    ) -> PreparedEntry {
        let origin = entry.origin
        func fail(_ message: String) -> PreparedEntry {
            .problems([ImportProblem(origin, message)])
        }
        let schema = definition.schema
        let config = definition.config
        guard let type = schema.contentType(singular: entry.type) ?? schema.contentType(plural: entry.type) else {
            return fail("no content type '\(entry.type)' in schemas/ (use its singular or plural name)")
        }
        let locale: String
        if type.localized {
            locale = entry.locale ?? config.defaultLocale
            guard config.locales.contains(locale) else { return fail("locale '\(locale)' is not in quire.yaml") }
        } else {
            guard entry.locale == nil || entry.locale == config.defaultLocale else {
                return fail("\(type.singularName) is not localized: its documents are in the default locale '\(config.defaultLocale)'")
            }
            locale = config.defaultLocale
        }
        let documentId: String
        if type.kind == .singleType {
            if let given = entry.documentId, given != type.singularName {
                return fail("\(type.singularName) is a single type: its documentId is '\(type.singularName)'")
            }
            documentId = type.singularName
        } else if let given = entry.documentId {
            guard DocumentID.isValid(given) else {
                return fail("invalid documentId '\(given)' ([A-Za-z0-9][A-Za-z0-9._-]{0,127})")
            }
            documentId = given
        } else {
            documentId = DocumentID.generate(using: &random)
        }
        let key = DocumentKey(locale: locale, type: type.singularName, documentId: documentId)

        let validator = DocumentValidator(schema: schema)
        let patch: OrderedObject
        do {
            patch = try validator.normalize(entry.data, for: type)
        } catch DataError.invalidKey(let name) {
            return fail("Invalid key \(name)")
        } catch DataError.invalid(let issues) {
            return .problems(issues.map { ImportProblem(origin, $0.message) })
        } catch {
            return fail("\(error)")
        }
        var fields = OrderedObject()
        var relations: [(field: String, key: DocumentKey)] = []
        var problems: [ImportProblem] = []
        for attribute in type.attributes {
            guard let value = patch[attribute.name] ?? attribute.defaultValue, value != .null else { continue }
            switch attribute.type {
            case .relation(let kind, _, _, _) where kind.isMorph:
                guard let links = MorphLink.parse(value, schema: schema) else {
                    problems.append(ImportProblem(origin, "\(attribute.name) is a morph relation: name each target as {documentId, __type}"))
                    continue
                }
                for link in links {
                    let localized = schema.contentType(singular: link.type)?.localized ?? false
                    relations.append((attribute.name, DocumentKey(locale: localized ? locale : config.defaultLocale, type: link.type, documentId: link.documentId)))
                }
                fields[attribute.name] = MorphLink.value(links, toMany: kind.isToMany)
            case .relation(let kind, let target, _, _):
                guard let ids = ImportRelations.documentIds(value) else {
                    problems.append(ImportProblem(origin, "\(attribute.name) must name documents by documentId"))
                    continue
                }
                if let targetType = schema.contentType(singular: target) {
                    let targetLocale = targetType.localized ? locale : config.defaultLocale
                    relations += ids.map { (attribute.name, DocumentKey(locale: targetLocale, type: target, documentId: $0)) }
                }
                if kind.isToMany {
                    if !ids.isEmpty { fields[attribute.name] = .array(ids.map(Value.string)) }
                } else if let last = ids.last {
                    fields[attribute.name] = .string(last)
                }
            case .password:
                guard case .string(let text) = value, text.isEmpty || ImportRelations.looksHashed(text) else {
                    problems.append(ImportProblem(origin, "\(attribute.name) is a password: import its bcrypt hash ($2b$…), never the clear text"))
                    continue
                }
                fields[attribute.name] = value
            default:
                fields[attribute.name] = value
            }
        }
        problems += validator.validate(fields, for: type).map { ImportProblem(origin, $0.message) }
        guard problems.isEmpty else { return .problems(problems) }

        var uniques: [(attribute: String, value: Value)] = []
        for attribute in type.uniqueAttributes {
            if let value = fields[attribute.name] { uniques.append((attribute.name, value)) }
        }
        let path = existingPaths[key] ?? SiteLayout.newDocumentPath(for: key, shard: type.shard)
        let bytes = DocumentCodec(schema: schema).encode(fields, type: type, format: DocumentFormat(path: path) ?? .yaml)
        return .document(PreparedDocument(
            origin: origin, key: key, path: path, blob: encoder.encode(bytes, kind: .blob),
            relations: relations, uniques: uniques))
    }
}

/// Relation values as an import takes them: what a Strapi `POST` takes without positions (a
/// documentId, a list of them, `{documentId}` objects as a Strapi export holds populated
/// relations, `{set: [...]}` or `{connect: [...]}`).
enum ImportRelations {
    static func documentIds(_ value: Value) -> [String]? {
        switch value {
        case .null:
            return []
        case .string(let id):
            return DocumentID.isValid(id) ? [id] : nil
        case .array(let items):
            var ids: [String] = []
            for item in items {
                guard let more = documentIds(item), more.count == 1 else { return nil }
                if !ids.contains(more[0]) { ids.append(more[0]) }
            }
            return ids
        case .object(let object):
            if case .string(let id)? = object["documentId"] { return DocumentID.isValid(id) ? [id] : nil }
            if let list = object["set"] ?? object["connect"], object.count == 1 { return documentIds(list) }
            return nil
        default:
            return nil
        }
    }

    /// A bcrypt hash (`$2a$`, `$2b$`, `$2y$`), the only form a password may be stored in.
    static func looksHashed(_ text: String) -> Bool {
        text.utf8.count == 60 && (text.hasPrefix("$2a$") || text.hasPrefix("$2b$") || text.hasPrefix("$2y$"))
    }
}

/// A fast generator for documentIds (SplitMix64), seeded from the system's: a million ids from
/// `SystemRandomNumberGenerator` would cost 24 million `getrandom` calls.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init() {
        var system = SystemRandomNumberGenerator()
        state = system.next()
    }

    /// A sequence that repeats, for tests that must replay what failed.
    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
