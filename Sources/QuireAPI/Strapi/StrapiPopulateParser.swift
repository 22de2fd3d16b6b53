import QuireContent
import QuireIndex

/// Reads Strapi's `populate` parameter in every form: `*`, comma lists, lists, dot paths,
/// `populate[x]=true|false`, nested `fields`/`filters`/`sort`/`populate`/`count`, and `on`
/// fragments for dynamic zones. Only relations, media, components and dynamic zones can be
/// populated; anything else is an `Invalid key` error, as in Strapi 5.
struct StrapiPopulateParser {
    let schema: SiteSchema
    let canRead: (String) -> Bool
    let param = "populate"

    func parse(_ node: QueryNode, shape: StrapiShape) throws(StrapiQueryError) -> PopulateSpec {
        try spec(node, shape: shape, path: nil)
    }

    private func spec(_ node: QueryNode, shape: StrapiShape, path: String?) throws(StrapiQueryError) -> PopulateSpec {
        var result = PopulateSpec()
        switch node {
        case .value(nil):
            break
        case .value(let text?):
            result = try commaList(text, shape: shape, path: path)
        case .list(let items):
            for item in items {
                guard case .value(let text?) = item else { throw .invalidPopulate }
                result.merge(try commaList(text, shape: shape, path: path))
            }
        case .map(let pairs):
            for (key, value) in pairs {
                if strapiBoolean(key) != nil { continue }
                let (index, attribute) = try populatable(key, shape: shape, path: path, unknownAt: path)
                if let options = try options(value, attribute: attribute, path: join(path, key)) {
                    result.add(key, index: index, options)
                }
            }
        }
        return result
    }

    private func commaList(_ text: String, shape: StrapiShape, path: String?) throws(StrapiQueryError) -> PopulateSpec {
        if text == "*" { return everything(on: shape) }
        var result = PopulateSpec()
        for piece in text.split(separator: ",") {
            let segments = piece.split(separator: ".").map(\.trimmingSpaces).filter { !$0.isEmpty }
            if segments == ["*"] { result.merge(everything(on: shape)); continue }
            result.merge(try dotPath(segments[...], shape: shape, path: path))
        }
        return result
    }

    /// `populate=*`: every populatable attribute one level deep.
    private func everything(on shape: StrapiShape) -> PopulateSpec {
        var result = PopulateSpec()
        for (index, attribute) in shape.attributes.enumerated() where attribute.isPopulatable && !attribute.isHidden {
            if case .relation(let kind, _, _, _) = attribute.type, kind.isMorph {
                result.add(attribute.name, index: index, morphOptions())
                continue
            }
            if case .relation(_, let target, _, _) = attribute.type, !canRead(target) { continue }
            result.add(attribute.name, index: index, PopulateOptions())
        }
        return result
    }

    private func dotPath(_ segments: ArraySlice<String>, shape: StrapiShape, path: String?) throws(StrapiQueryError) -> PopulateSpec {
        guard let head = segments.first else { return PopulateSpec() }
        let here = join(path, head)
        let (index, attribute) = try populatable(head, shape: shape, path: path, unknownAt: here)
        var options = Self.isMorph(attribute) ? morphOptions() : PopulateOptions()
        let tail = segments.dropFirst()
        if !tail.isEmpty {
            switch attribute.type {
            case .dynamiczone(let uids):
                let next = tail.first!
                var matched = false
                for uid in uids {
                    guard let component = schema.components[uid], component.attributes.contains(where: { $0.name == next }) else { continue }
                    guard let nested = try? dotPath(tail, shape: .component(component), path: here) else { continue }
                    options.fragments[uid, default: PopulateOptions()].populate.merge(nested)
                    matched = true
                }
                if !matched { throw .invalidKey(key: next, path: join(here, next), param: param) }
            case .media:
                throw .invalidKey(key: head, path: here, param: param)
            case .relation(let kind, _, _, _) where kind.isMorph:
                throw .invalid("Using a dot path is not permitted to populate \"\(attribute.name)\": use populate[\(attribute.name)][on][<__type>]")
            default:
                options.populate = try dotPath(tail, shape: targetShape(attribute)!, path: here)
            }
        }
        var result = PopulateSpec()
        result.add(head, index: index, options)
        return result
    }

    /// The attribute `key` names if it can be populated by this caller; else the error Strapi
    /// gives (`unknownAt` is where an unknown key is reported; a scalar one is reported at its path).
    private func populatable(_ key: String, shape: StrapiShape, path: String?, unknownAt: String?) throws(StrapiQueryError) -> (Int, Attribute) {
        guard let index = shape.attributes.firstIndex(where: { $0.name == key }) else {
            throw .invalidKey(key: key, path: unknownAt, param: param)
        }
        let attribute = shape.attributes[index]
        guard attribute.isPopulatable, !attribute.isHidden else { throw .invalidKey(key: key, path: join(path, key), param: param) }
        if case .relation(_, let target, _, _) = attribute.type, !Self.isMorph(attribute), !canRead(target) || schema.contentType(singular: target) == nil {
            throw .invalidKey(key: key, path: join(path, key), param: param)
        }
        return (index, attribute)
    }

    private func targetShape(_ attribute: Attribute) -> StrapiShape? {
        switch attribute.type {
        case .relation(_, let target, _, _): schema.contentType(singular: target).map(StrapiShape.type)
        case .component(let uid, _): schema.components[uid].map(StrapiShape.component)
        case .media: .media
        default: nil
        }
    }

    /// One attribute's value in the object form: a boolean, `*`, or an options object. nil
    /// when it says not to populate.
    private func options(_ node: QueryNode, attribute: Attribute, path: String) throws(StrapiQueryError) -> PopulateOptions? {
        switch node {
        case .value(let text): return strapiBoolean(text) == false ? nil : (Self.isMorph(attribute) ? morphOptions() : PopulateOptions())
        case .list: throw .invalid("Invalid nested populate. Expected '*' or an object")
        case .map(let pairs):
            if case .dynamiczone(let uids) = attribute.type { return try fragments(pairs, uids: uids, path: path) }
            if Self.isMorph(attribute) {
                var options = try fragments(pairs, uids: schema.contentTypes.keys.map(MorphLink.uid), path: path)
                options.morphTypes = morphOptions().morphTypes
                return options
            }
            let shape = targetShape(attribute)!
            var options = PopulateOptions()
            for (key, value) in pairs {
                switch key {
                case "fields":
                    options.fields = try StrapiFieldsParser(param: param).parse(value, shape: shape)
                case "filters":
                    if case .type(let type) = shape {
                        options.filter = try StrapiFilterParser(schema: schema, canRead: canRead, param: param).parse(value, type: type)
                    }
                case "sort":
                    if case .type(let type) = shape {
                        options.sort = try StrapiSortParser(schema: schema, canRead: canRead, param: param).parse(value, type: type)
                    }
                case "populate":
                    options.populate = try spec(value, shape: shape, path: path)
                case "count":
                    guard let flag = strapiBoolean(value.string) else { throw .invalidKey(key: key, path: path, param: param) }
                    options.count = flag
                case "on":
                    throw .invalid("Using fragments is not permitted to populate \"\(attribute.name)\"")
                case "ordering", "page", "pageSize", "start", "limit":
                    continue
                case "status", "locale":
                    throw .invalidKey(key: key, path: path, param: param,
                                      reason: "\(key) is only accepted at the root of the query, and it also applies to populated relations")
                default:
                    throw .invalidKey(key: key, path: path, param: param)
                }
            }
            return options
        }
    }

    /// Dynamic zones only take `on` fragments (per component) and `count` (Strapi 5).
    private func fragments(_ pairs: [(String, QueryNode)], uids: [String], path: String) throws(StrapiQueryError) -> PopulateOptions {
        var options = PopulateOptions()
        for (key, value) in pairs {
            switch key {
            case "count":
                guard let flag = strapiBoolean(value.string) else { throw .invalidKey(key: key, path: path, param: param) }
                options.count = flag
            case "on":
                guard case .map(let targets) = value else { throw .invalidKey(key: key, path: path, param: param) }
                for (uid, fragment) in targets {
                    // A morph relation's fragments are content types (`api::article.article`) the caller may read.
                    let morphTarget = MorphLink.type(named: uid, in: schema).map(\.singularName)
                    guard uids.contains(uid), schema.components[uid] != nil || morphTarget.map(canRead) == true else {
                        throw .invalidKey(key: uid, path: "\(path).on.\(uid)", param: param)
                    }
                    let attribute = Attribute(name: uid, type: morphTarget.map { .relation(.manyToOne, target: $0, inversedBy: nil, mappedBy: nil) }
                                              ?? .component(uid, repeatable: false))
                    guard let parsed = try self.options(fragment, attribute: attribute, path: path) else { continue }
                    if var existing = options.fragments[uid] {
                        existing.merge(parsed)
                        options.fragments[uid] = existing
                    } else {
                        options.fragments[uid] = parsed
                    }
                }
            default:
                throw .invalidKey(key: key, path: path, param: param)
            }
        }
        return options
    }

    private static func isMorph(_ attribute: Attribute) -> Bool {
        if case .relation(let kind, _, _, _) = attribute.type { return kind.isMorph }
        return false
    }

    /// A morph relation shows the documents of the types this caller may read, and no others.
    private func morphOptions() -> PopulateOptions {
        var options = PopulateOptions()
        options.morphTypes = Set(schema.contentTypes.keys.filter(canRead))
        return options
    }

    private func join(_ path: String?, _ key: String) -> String {
        path.map { "\($0).\(key)" } ?? key
    }
}
