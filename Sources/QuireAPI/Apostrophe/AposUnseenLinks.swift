import QuireContent
import QuireIndex

/// A write never removes links its caller cannot see. Reads show a caller only the related
/// documents of types it may read (`AposDocumentShape.readableTypes`), so what it writes back
/// speaks for those types alone: a relation to a type it may not read keeps what is stored
/// (whatever was sent), and a morph relation keeps its stored links to such types, in their
/// places, around the links written for the others. Strapi's `connect`/`disconnect` leave the
/// relations a caller does not name alone in the same way.
extension AposFieldInput {
    func maySee(_ type: String) -> Bool {
        readable?.contains(type) ?? true
    }

    /// Whether the caller may see the documents of (non-morph) relation `attribute`.
    func maySee(_ attribute: Attribute) -> Bool {
        attribute.relationTarget.map(maySee) ?? true
    }

    /// The stored value of a relation the caller may not see, as the write keeps it (with its
    /// per-relationship fields).
    func unseen(_ attribute: Attribute) -> [(String, Value)] {
        var kept: [(String, Value)] = [(attribute.name, .array(AposDocumentShape.ids(before[attribute.name]).map(Value.string)))]
        if attribute.relationFields != nil {
            kept.append((attribute.name + "Fields", before[attribute.name + "Fields"] ?? .object([:])))
        }
        return kept
    }

    /// `written` (links to types the caller may see) with the stored links it may not see kept
    /// where they were: the stored list's seen places take the written links in order, and
    /// written links beyond them come last. A PUT of what GET answered changes nothing.
    func keepingUnseen(_ written: [MorphLink], attribute: Attribute) throws(AposError) -> [MorphLink] {
        let links = RelationVisibility.keepingUnseen(written, stored: MorphLink.links(before[attribute.name])) { link in
            guard maySee(link.type), let type = snapshot.schema.contentType(singular: link.type) else { return false }
            return !isHiddenDraft(link.documentId, in: type)
        }
        if !attribute.isToMany, links.count > 1, links.count > written.count {
            throw AposError("forbidden", message: "_\(attribute.name) links a document you may not read: it cannot be replaced")
        }
        return links
    }

    /// A whole-document write (PUT) empties the fields its body leaves out: not the relations,
    /// nor the morph links, nor the links to drafts, the caller cannot see.
    func keepUnseen(in fields: inout OrderedObject) throws(AposError) {
        for attribute in map.type.attributes where attribute.isRelation && !attribute.isReverseRelation && fields[attribute.name] == nil {
            if attribute.isMorph {
                let kept = try keepingUnseen([], attribute: attribute)
                if !kept.isEmpty { fields[attribute.name] = MorphLink.value(kept, toMany: attribute.isToMany) ?? .null }
            } else if !maySee(attribute) {
                for (name, value) in unseen(attribute) { fields[name] = value }
            } else if case let kept = try keepingHidden([], attribute: attribute), !kept.isEmpty {
                fields[attribute.name] = .array(kept.map(Value.string))
                if attribute.relationFields != nil { fields[attribute.name + "Fields"] = previousFields(attribute, current: nil) ?? .object([:]) }
            }
        }
    }

    /// Whether document `id` of `type` exists, but as a draft the writer may not see.
    private func isHiddenDraft(_ id: String, in type: ContentType) -> Bool {
        guard draftsReadable != nil, !exists(id, in: type) else { return false }
        let key = DocumentKey(locale: type.localized ? locale : snapshot.config.defaultLocale, type: type.singularName, documentId: id)
        return snapshot.document(view: .draft, key: key) != nil
    }

    /// The ids written to relation `attribute` with the stored drafts the writer may not see
    /// kept in their places, as a morph relation keeps its unseen links (`keepingUnseen`).
    func keepingHidden(_ ids: [String], attribute: Attribute) throws(AposError) -> [String] {
        guard let target = attribute.relationTarget, let type = snapshot.schema.contentType(singular: target) else { return ids }
        let kept = RelationVisibility.keepingUnseen(ids, stored: AposDocumentShape.ids(before[attribute.name])) { !isHiddenDraft($0, in: type) }
        if !attribute.isToMany, kept.count > 1, kept.count > ids.count {
            throw AposError("forbidden", message: "_\(attribute.name) links a document you may not read: it cannot be replaced")
        }
        return kept
    }

    /// The per-relationship fields a write of `attribute` starts from: `current`'s (a patch's),
    /// and the stored ones of the drafts the writer may not see.
    func previousFields(_ attribute: Attribute, current: OrderedObject?) -> Value? {
        let name = attribute.name + "Fields"
        guard let target = attribute.relationTarget, let type = snapshot.schema.contentType(singular: target),
              case .object(let stored)? = before[name] else { return current?[name] }
        var merged: OrderedObject = if case .object(let given)? = current?[name] { given } else { [:] }
        for (id, value) in stored.pairs where merged[id] == nil && isHiddenDraft(id, in: type) { merged[id] = value }
        return .object(merged)
    }
}
