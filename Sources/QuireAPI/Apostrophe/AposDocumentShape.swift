import QuireContent
import QuireIndex

/// A Quire document in Apostrophe's shape: identity (`_id`, `aposDocId`, `aposLocale`,
/// `aposMode`), `type`, `metaType`, `title`, `slug`, the schema's fields, relations as
/// `<name>Ids` plus `_<name>` (the related documents, one level deep), and the workflow fields
/// `createdAt`, `updatedAt`, `lastPublishedAt`, `modified`.
struct AposDocumentShape {
    let snapshot: SiteSnapshot
    let view: View
    /// The types the caller may `find`: related documents of other types are left out of
    /// `_<name>` (the stored `<name>Ids` stay), as Strapi's populate and Apostrophe's
    /// permission-checked relationship loading leave them out (nil: every type, where no caller
    /// is at hand).
    var readableTypes: Set<String>? = nil

    func mayRead(_ attribute: Attribute) -> Bool {
        guard let readableTypes, let target = attribute.relationTarget else { return true }
        return readableTypes.contains(target)
    }

    func render(_ version: DocumentVersion, type: ContentType, depth: Int = 1) -> OrderedObject {
        let map = AposTypeMap(type)
        let key = version.key
        let identity = AposIdentity(documentId: key.documentId, locale: key.locale, mode: view)
        var object = OrderedObject()
        object["_id"] = .string(identity.id(for: type))
        object["aposDocId"] = .string(key.documentId)
        if AposIdentity.hasModes(type) {
            object["aposLocale"] = .string(identity.aposLocale)
            object["aposMode"] = .string(view.rawValue)
        }
        let isGlobal = AposGlobal.isGlobal(type)
        object["type"] = .string(isGlobal ? AposGlobal.apostropheName : type.singularName)
        object["metaType"] = .string("doc")
        // Apostrophe's global is titled and slugged `global` whatever its fields.
        object["title"] = map.titleField.flatMap { version.fields[$0] } ?? .string(isGlobal ? AposGlobal.singularName : "")
        object["slug"] = map.slugField.flatMap { version.fields[$0] } ?? .string(key.documentId)
        for attribute in type.attributes where !attribute.isPrivate {
            if case .password = attribute.type { continue }
            let value = version.fields[attribute.name]
            if attribute.isReverseRelation {
                // Apostrophe's relationshipReverse: only `_name`, the documents linking here.
                let reader = RelationReader(snapshot: snapshot, view: view)
                let linking = depth > 0 && mayRead(attribute) ? reader.related(attribute, from: version.fields, documentId: key.documentId, locale: key.locale) : []
                let targetType = attribute.relationTarget.flatMap { snapshot.schema.contentType(singular: $0) }
                object["_\(attribute.name)"] = .array(targetType.map { type in linking.map { .object(render($0, type: type, depth: 0)) } } ?? [])
            } else if attribute.isMorph {
                AposMorph.render(value, attribute: attribute, locale: key.locale, depth: depth, shape: self, into: &object)
            } else if attribute.isRelation {
                let ids = Self.ids(value)
                object["\(attribute.name)Ids"] = .array(ids.map(Value.string))
                var linked = depth > 0 && mayRead(attribute) ? related(ids, attribute: attribute, locale: key.locale) : []
                if let declared = attribute.relationFields {
                    // Per-relationship fields: each related document carries its link's `_fields`.
                    let stored = version.fields[attribute.name + "Fields"]
                    linked = linked.map { document in
                        guard case .object(var shaped) = document, case .string(let id)? = shaped["aposDocId"] else { return document }
                        shaped["_fields"] = AposRelationFields.shown(stored, id: id, declared: declared)
                        return .object(shaped)
                    }
                    object["\(attribute.name)Fields"] = stored ?? .object([:])
                }
                object["_\(attribute.name)"] = .array(linked)
            } else if case .media = attribute.type {
                AposImageRelationship.render(value, attribute: attribute, locale: key.locale, view: view, config: snapshot.config.media, into: &object)
            } else if case .area = attribute.type {
                object[attribute.name] = AposMediaWidget.populated(
                    Self.area(value, documentId: key.documentId), locale: key.locale, view: view, config: snapshot.config.media)
            } else if object[attribute.name] == nil {
                // Components keep their own password and private fields to themselves too.
                let shown = value.map { PasswordValues.shown($0, attribute: attribute, schema: snapshot.schema) } ?? .null
                let shaped = AposItems(schema: snapshot.schema, documentId: key.documentId)
                    .shape(shown, stored: value, attribute: attribute, scope: AposItems.scope(of: type))
                object[attribute.name] = AposNestedAreas.populated(shaped, attribute: attribute, schema: snapshot.schema, documentId: key.documentId,
                                                                   locale: key.locale, view: view, config: snapshot.config.media)
            }
        }
        object["visibility"] = .string("public")
        object["archived"] = .bool(AposArchived.isArchived(version, type: type, snapshot: snapshot, view: view))
        object["createdAt"] = .string(StrapiRenderer.timestamp(version.createdAt))
        object["updatedAt"] = .string(StrapiRenderer.timestamp(version.updatedAt))
        let published = view == .published ? version : snapshot.document(view: .published, key: key)
        object["lastPublishedAt"] = published?.publishedAt.map { .string(StrapiRenderer.timestamp($0)) } ?? .null
        if AposIdentity.hasModes(type) {
            let draft = view == .draft ? version : snapshot.document(view: .draft, key: key)
            object["modified"] = .bool(published == nil || draft?.blob != published?.blob)
        }
        return object
    }

    /// Related documents that exist in this view, in the stored order; missing ones are dropped.
    private func related(_ ids: [String], attribute: Attribute, locale: String) -> [Value] {
        guard let target = attribute.relationTarget, let targetType = snapshot.schema.contentType(singular: target) else { return [] }
        let targetLocale = targetType.localized ? locale : snapshot.config.defaultLocale
        return ids.compactMap { id in
            let key = DocumentKey(locale: targetLocale, type: target, documentId: id)
            return snapshot.document(view: view, key: key).map { .object(render($0, type: targetType, depth: 0)) }
        }
    }

    /// Areas and widgets carry their read-time keys: `metaType`, `_docId`, `aposPlaceholder`.
    static func area(_ value: Value?, documentId: String) -> Value {
        guard case .object(let stored)? = value else { return .null }
        var area: OrderedObject = ["_id": stored["_id"] ?? .null, "metaType": .string("area"), "_docId": .string(documentId)]
        var storedItems: [Value] = []
        if case .array(let list)? = stored["items"] { storedItems = list }
        let items = storedItems.map { (item: Value) -> Value in
            guard case .object(let widget) = item else { return item }
            var shaped: OrderedObject = ["_id": widget["_id"] ?? .null, "metaType": .string("widget")]
            for (key, field) in widget.pairs where key != "_id" { shaped[key] = field }
            shaped["aposPlaceholder"] = .bool(false)
            shaped["_docId"] = .string(documentId)
            return .object(shaped)
        }
        area["items"] = .array(items)
        return .object(area)
    }

    /// The document's JSON as this view shows it, made once per snapshot and projection. Only
    /// for the snapshot's own version of the document: a write's fresh version is rendered anew.
    func encoded(_ version: DocumentVersion, type: ContentType, projection: AposProjection) -> [UInt8] {
        // Related images come from the media library, which changes without a new snapshot.
        if AposImageRelationship.hasMedia(type) || AposMediaWidget.hasWidgets(version.fields, type: type, schema: snapshot.schema) {
            return JSON.encode(.object(projection.apply(render(version, type: type))))
        }
        // What relations show depends on the caller, down to the morph links of related documents.
        let readable = readableTypes.flatMap { $0.count == snapshot.schema.contentTypes.count ? nil : $0.sorted() }
        let slot = AposSnapshotCache.DocumentSlot(view: view, key: version.key, projection: projection, readable: readable)
        return AposSnapshotCache.of(snapshot).document(slot) {
            JSON.encode(.object(projection.apply(render(version, type: type))))
        }
    }

    static func ids(_ value: Value?) -> [String] {
        switch value {
        case .string(let id)?: [id]
        case .array(let items)?: items.compactMap { if case .string(let id) = $0 { id } else { nil } }
        default: []
        }
    }
}

/// `project[field]=1` keeps those fields (plus `_id`, `type`, `metaType`); `project[field]=0` drops them.
struct AposProjection: Sendable, Hashable {
    var fields: [String: Bool] = [:]

    init(_ node: QueryNode?) {
        guard case .map(let pairs)? = node else { return }
        for (name, value) in pairs {
            switch value.string {
            case "1", "true": fields[name] = true
            case "0", "false": fields[name] = false
            default: continue
            }
        }
    }

    func apply(_ object: OrderedObject) -> OrderedObject {
        guard !fields.isEmpty else { return object }
        let inclusive = fields.values.contains(true)
        let always: Set = ["_id", "type", "metaType"]
        return OrderedObject(object.pairs.filter { name, _ in
            inclusive ? (always.contains(name) || fields[name] == true) : fields[name] != false
        })
    }
}
