import QuireContent

/// Follows relations for one response in one view. It keeps the target collections it has
/// opened, so populating a page of documents looks each one up once; it is meant for one
/// request at a time, not for sharing.
public final class RelationReader {
    public let snapshot: SiteSnapshot
    public let view: View
    /// Few per response (one per related type and locale): a list beats hashing keys.
    private var scopes: [(type: String, locale: String, scope: CollectionScope)] = []

    public init(snapshot: SiteSnapshot, view: View) {
        self.snapshot = snapshot
        self.view = view
    }

    /// The documents a relation attribute leads to from a record whose fields are `fields`: a
    /// document (`documentId` set, needed for the inverse side) or a component item inside one.
    /// `locale` is the owning document's; the target is read in it when the target type is
    /// localized, else in the default locale. The owning side keeps its stored order; the
    /// inverse side (`mappedBy`), computed from the owning documents' links, comes in default
    /// order. Links to documents absent from the view are left out.
    public func related(_ attribute: Attribute, from fields: OrderedObject, documentId: String?, locale: String) -> [DocumentVersion] {
        guard case .relation(_, let target, _, let mappedBy) = attribute.type, let scope = scope(target, locale: locale) else {
            return []
        }
        if let mappedBy {
            guard let documentId else { return [] }
            return scope.postings(mappedBy)[documentId].map { scope.documents[Int($0)] }
        }
        let links = FieldValues.links(fields[attribute.name])
        var result: [DocumentVersion] = []
        result.reserveCapacity(links.count)
        // Duplicate links show once; short lists (the usual case) skip hashing.
        var seen = links.count > 16 ? Set<String>() : nil
        for (index, id) in links.enumerated() {
            if seen != nil { guard seen!.insert(id).inserted else { continue } } else if links[..<index].contains(id) { continue }
            if let version = scope.collection.document(id) { result.append(version) }
        }
        return result
    }

    /// The documents a morph relation's links lead to, each with its type, in stored order;
    /// links to types the site no longer has or to documents absent from the view are left out.
    public func related(_ links: [MorphLink], locale: String) -> [(type: ContentType, version: DocumentVersion)] {
        var seen = Set<String>()
        return links.compactMap { link in
            guard seen.insert(link.type + "/" + link.documentId).inserted, let scope = scope(link.type, locale: locale),
                  let version = scope.collection.document(link.documentId) else { return nil }
            return (scope.type, version)
        }
    }

    private func scope(_ type: String, locale: String) -> CollectionScope? {
        if let found = scopes.first(where: { $0.type == type && $0.locale == locale }) { return found.scope }
        guard let contentType = snapshot.schema.contentType(singular: type) else { return nil }
        let scope = CollectionScope(snapshot: snapshot, type: contentType, view: view, locale: locale)
        scopes.append((type, locale, scope))
        return scope
    }
}
