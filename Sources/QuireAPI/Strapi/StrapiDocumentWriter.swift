import QuireContent
import QuireIndex

/// Writes documents the way Strapi shows them when `fields` or `populate` is asked for:
/// selected scalars, then populated attributes in schema order. To-one relations are an
/// object or null, to-many an array; components an object or null (repeatable: an array) with
/// an `id` that is the item's 1-based position, since components have no identity of their own
/// in files; dynamic zones an array of items with `__component`; media as stored. Related
/// documents are read in the same view; a related document shown without options reuses its
/// pre-rendered bytes.
struct StrapiDocumentWriter {
    let relations: RelationReader

    init(snapshot: SiteSnapshot, view: View) {
        relations = RelationReader(snapshot: snapshot, view: view)
    }

    private var snapshot: SiteSnapshot { relations.snapshot }
    private var view: View { relations.view }

    /// A populated answer grows with the product of every level's relations (tags → articles →
    /// tags …): past this size the request is refused rather than built in memory.
    static let maximumBytes = 1 << 26

    func write(_ version: DocumentVersion, type: ContentType, fields: Set<String>?, populate: PopulateSpec, into buffer: inout [UInt8]) throws(StrapiQueryError) {
        guard buffer.count <= Self.maximumBytes else {
            throw .invalid("The populated answer exceeds \(Self.maximumBytes >> 20) MB: populate fewer levels or ask for fewer documents")
        }
        if fields == nil && populate.isEmpty {
            buffer.append(contentsOf: version.rendered)
            return
        }
        if let fields {
            buffer.append(contentsOf: #"{"id":"#.utf8)
            JSON.write(.int(version.numericID), into: &buffer)
            buffer.append(contentsOf: #","documentId":"#.utf8)
            JSON.write(.string(version.key.documentId), into: &buffer)
            for attribute in type.attributes where fields.contains(attribute.name) {
                pair(attribute.name, version.fields[attribute.name] ?? .null, into: &buffer)
            }
            for field in [SystemField.createdAt, .updatedAt, .publishedAt, .locale] where fields.contains(field.rawValue) {
                pair(field.rawValue, systemValue(field, of: version, type: type), into: &buffer)
            }
        } else {
            // The default rendering is one JSON object: reopen it to append the populated keys.
            buffer.append(contentsOf: version.rendered.dropLast())
        }
        for entry in populate.entries {
            let attribute = type.attributes[entry.index]
            key(attribute.name, into: &buffer)
            try populated(attribute, options: entry.options, fields: version.fields, documentId: version.key.documentId,
                          locale: version.key.locale, into: &buffer)
        }
        buffer.append(UInt8(ascii: "}"))
    }

    private func populated(_ attribute: Attribute, options: PopulateOptions, fields: OrderedObject, documentId: String?,
                           locale: String, into buffer: inout [UInt8]) throws(StrapiQueryError) {
        let stored = fields[attribute.name]
        switch attribute.type {
        case .relation(let kind, _, _, _) where kind.isMorph:
            try morph(stored, toMany: kind.isToMany, options: options, locale: locale, into: &buffer)
        case .relation(let kind, let target, _, _):
            guard let targetType = snapshot.schema.contentType(singular: target) else { return JSON.write(.null, into: &buffer) }
            var related = relations.related(attribute, from: fields, documentId: documentId, locale: locale)
            do {
                let query = DocumentQuery(filter: options.filter, sort: options.sort)
                related = try snapshot.refine(related, type: targetType, query: query, view: view, locale: locale, media: MediaContext.lookup)
            } catch {
                throw StrapiQueryError(error, param: "populate")
            }
            if options.count { return JSON.write(.object(["count": .int(Int64(related.count))]), into: &buffer) }
            if !kind.isToMany {
                guard let first = related.first else { return JSON.write(.null, into: &buffer) }
                return try write(first, type: targetType, fields: options.fields, populate: options.populate, into: &buffer)
            }
            try list(related.count, into: &buffer) { (index, buffer) throws(StrapiQueryError) in
                try write(related[index], type: targetType, fields: options.fields, populate: options.populate, into: &buffer)
            }
        case .component(let uid, let repeatable):
            guard let component = snapshot.schema.components[uid] else { return JSON.write(.null, into: &buffer) }
            let items = Self.items(stored)
            if options.count { return JSON.write(.object(["count": .int(Int64(items.count))]), into: &buffer) }
            if !repeatable {
                guard let item = items.first else { return JSON.write(.null, into: &buffer) }
                return try self.item(item, position: 1, component: component, options: options, locale: locale, into: &buffer)
            }
            try list(items.count, into: &buffer) { (index, buffer) throws(StrapiQueryError) in
                try self.item(items[index], position: index + 1, component: component, options: options, locale: locale, into: &buffer)
            }
        case .dynamiczone:
            let items = Self.items(stored)
            if options.count { return JSON.write(.object(["count": .int(Int64(items.count))]), into: &buffer) }
            try list(items.count, into: &buffer) { (index, buffer) throws(StrapiQueryError) in
                let item = items[index]
                guard case .string(let uid)? = item["__component"], let component = snapshot.schema.components[uid] else {
                    return JSON.write(.object(item), into: &buffer)
                }
                let fragment = options.fragments[uid] ?? PopulateOptions()
                try self.item(item, position: index + 1, component: component, options: fragment, locale: locale, into: &buffer)
            }
        case .media(let multiple, _):
            JSON.write(MediaContext.populated(stored, multiple: multiple), into: &buffer)
        default:
            JSON.write(stored ?? .null, into: &buffer)
        }
    }

    /// A morph relation's documents, each with its `__type` first, as Strapi 5 shows them:
    /// those of types the caller may read, shaped by the `on` fragment of their type.
    private func morph(_ stored: Value?, toMany: Bool, options: PopulateOptions, locale: String, into buffer: inout [UInt8]) throws(StrapiQueryError) {
        var related: [(type: ContentType, version: DocumentVersion)] = []
        for (type, version) in relations.related(MorphLink.links(stored), locale: locale) where options.morphTypes?.contains(type.singularName) ?? false {
            let fragment = options.fragments[MorphLink.uid(type.singularName)] ?? PopulateOptions()
            if fragment.filter != .all {
                do {
                    let kept = try snapshot.refine([version], type: type, query: DocumentQuery(filter: fragment.filter), view: view, locale: locale,
                                                    media: MediaContext.lookup)
                    if kept.isEmpty { continue }
                } catch {
                    throw StrapiQueryError(error, param: "populate")
                }
            }
            related.append((type, version))
        }
        if options.count { return JSON.write(.object(["count": .int(Int64(related.count))]), into: &buffer) }
        func item(_ entry: (type: ContentType, version: DocumentVersion), into buffer: inout [UInt8]) throws(StrapiQueryError) {
            let uid = MorphLink.uid(entry.type.singularName)
            let fragment = options.fragments[uid] ?? PopulateOptions()
            var document: [UInt8] = []
            try write(entry.version, type: entry.type, fields: fragment.fields, populate: fragment.populate, into: &document)
            buffer.append(contentsOf: #"{"__type":"#.utf8)
            JSON.write(.string(uid), into: &buffer)
            buffer.append(UInt8(ascii: ","))
            buffer.append(contentsOf: document.dropFirst())
        }
        if !toMany {
            guard let last = related.last else { return JSON.write(.null, into: &buffer) }
            return try item(last, into: &buffer)
        }
        try list(related.count, into: &buffer) { (index, buffer) throws(StrapiQueryError) in try item(related[index], into: &buffer) }
    }

    /// One component item: its `id`, `__component` for dynamic-zone items, scalars, then what
    /// its own `populate` asks for (nothing is populated inside by default, as in Strapi).
    private func item(_ item: OrderedObject, position: Int, component: Component, options: PopulateOptions,
                      locale: String, into buffer: inout [UInt8]) throws(StrapiQueryError) {
        buffer.append(contentsOf: #"{"id":"#.utf8)
        JSON.write(.int(Int64(position)), into: &buffer)
        if let uid = item["__component"] { pair("__component", uid, into: &buffer) }
        for attribute in component.attributes where attribute.type.isScalar && !attribute.isHidden {
            if let fields = options.fields, !fields.contains(attribute.name) { continue }
            pair(attribute.name, item[attribute.name] ?? .null, into: &buffer)
        }
        for entry in options.populate.entries {
            let attribute = component.attributes[entry.index]
            key(attribute.name, into: &buffer)
            try populated(attribute, options: entry.options, fields: item, documentId: nil, locale: locale, into: &buffer)
        }
        buffer.append(UInt8(ascii: "}"))
    }

    private func list(_ count: Int, into buffer: inout [UInt8], element: (Int, inout [UInt8]) throws(StrapiQueryError) -> Void) throws(StrapiQueryError) {
        buffer.append(UInt8(ascii: "["))
        for index in 0..<count {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            try element(index, &buffer)
        }
        buffer.append(UInt8(ascii: "]"))
    }

    private func key(_ name: String, into buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: ","))
        JSON.writeString(name, into: &buffer)
        buffer.append(UInt8(ascii: ":"))
    }

    private func pair(_ name: String, _ value: Value, into buffer: inout [UInt8]) {
        key(name, into: &buffer)
        JSON.write(value, into: &buffer)
    }

    private func systemValue(_ field: SystemField, of version: DocumentVersion, type: ContentType) -> Value {
        switch field {
        case .createdAt: .string(StrapiRenderer.timestamp(version.createdAt))
        case .updatedAt: .string(StrapiRenderer.timestamp(version.updatedAt))
        case .publishedAt: version.publishedAt.map { .string(StrapiRenderer.timestamp($0)) } ?? .null
        case .locale: type.localized ? .string(version.key.locale) : .null
        case .id: .int(version.numericID)
        case .documentId: .string(version.key.documentId)
        }
    }

    /// A component value as items: an object, or a list of objects.
    static func items(_ value: Value?) -> [OrderedObject] {
        switch value {
        case .object(let object)?: [object]
        case .array(let list)?: list.compactMap { if case .object(let object) = $0 { object } else { nil } }
        default: []
        }
    }
}
