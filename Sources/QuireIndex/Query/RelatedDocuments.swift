import QuireContent

extension SiteSnapshot {
    /// The documents a relation attribute leads to, in `view`, from a record whose fields are
    /// `fields`: a document (`documentId` set, needed for the inverse side) or a component item
    /// inside one. `locale` is the owning document's; the target is read in it when the target
    /// type is localized, else in the default locale. The owning side keeps its stored order;
    /// the inverse side (`mappedBy`), computed from the owning documents' links, comes in
    /// default order. Links to documents absent from the view are left out.
    public func related(_ attribute: Attribute, from fields: OrderedObject, documentId: String?, view: View, locale: String) -> [DocumentVersion] {
        guard case .relation(let kind, let target, _, let mappedBy) = attribute.type,
              let targetType = schema.contentType(singular: target)
        else { return [] }
        let hop = RelationHop(attribute: attribute.name, target: targetType, mappedBy: mappedBy, toMany: kind.isToMany)
        let scope = CollectionScope(snapshot: self, type: targetType, view: view, locale: locale)
        if let mappedBy = hop.mappedBy {
            guard let documentId else { return [] }
            return scope.postings(mappedBy)[documentId].map { scope.documents[Int($0)] }
        }
        var seen = Set<String>()
        return FieldValues.links(fields[attribute.name]).compactMap { id in
            guard seen.insert(id).inserted else { return nil }
            return scope.collection.document(id)
        }
    }
}
