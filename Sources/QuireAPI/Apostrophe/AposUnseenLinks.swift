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
        let links = RelationVisibility.keepingUnseen(written, stored: MorphLink.links(before[attribute.name])) { maySee($0.type) }
        if !attribute.isToMany, links.count > 1, links.count > written.count {
            throw AposError("forbidden", message: "_\(attribute.name) links a document you may not read: it cannot be replaced")
        }
        return links
    }

    /// A whole-document write (PUT) empties the fields its body leaves out: not the relations,
    /// nor the morph links, the caller cannot see.
    func keepUnseen(in fields: inout OrderedObject) throws(AposError) {
        for attribute in map.type.attributes where attribute.isRelation && !attribute.isReverseRelation && fields[attribute.name] == nil {
            if attribute.isMorph {
                let kept = try keepingUnseen([], attribute: attribute)
                if !kept.isEmpty { fields[attribute.name] = MorphLink.value(kept, toMany: attribute.isToMany) ?? .null }
            } else if !maySee(attribute) {
                for (name, value) in unseen(attribute) { fields[name] = value }
            }
        }
    }
}
