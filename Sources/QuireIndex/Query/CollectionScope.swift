import QuireContent

/// One collection as a query sees it (type, view, locale), with its indexes and the way
/// relations lead from it into other collections of the same snapshot.
struct CollectionScope: Sendable {
    let snapshot: SiteSnapshot
    let type: ContentType
    let view: View
    let locale: String
    let collection: DocumentCollection
    /// Where media fields' files are read (nil: as the documents stored them).
    let media: MediaLookup?

    init(snapshot: SiteSnapshot, type: ContentType, view: View, locale: String, media: MediaLookup? = nil) {
        self.snapshot = snapshot
        self.media = media
        self.type = type
        self.view = view
        // Types that are not localized keep their documents under the default locale.
        self.locale = type.localized ? locale : snapshot.config.defaultLocale
        self.collection = snapshot.collection(view: view, locale: self.locale, type: type.singularName)
    }

    /// Positions run over every slot; results are masked with `live` (see `DocumentCollection`).
    var count: Int { collection.slotCount }
    var documents: DocumentList { collection.slots }

    /// Every position holding a document.
    var live: Bitset { collection.liveMask() }

    /// `positions` without the placeholders of deleted documents.
    func masked(_ positions: Bitset) -> Bitset {
        guard collection.hasHoles else { return positions }
        var result = positions
        result.formIntersection(live)
        return result
    }

    /// Where a relation leads: the target's collection in the same view, in this locale if the
    /// target is localized, else in the default locale.
    func target(_ hop: RelationHop) -> CollectionScope {
        CollectionScope(snapshot: snapshot, type: hop.target, view: view, locale: locale, media: media)
    }

    /// The items of a media field as filters see them (see `MediaLookup`).
    func mediaItems(_ value: Value?) -> [OrderedObject] {
        media?.items(value) ?? FieldValues.items(value)
    }

    func keys(_ field: QueryField, folded: Bool = false) -> Column<ScalarKey?> {
        collection.indexes.keys(Self.indexName(field, folded: folded), documents, extractor(field, folded: folded))
    }

    /// Kept per snapshot and carried over by writes like every field's order, so a folded
    /// sort costs what a plain one does.
    func order(_ field: QueryField, folded: Bool = false) -> (Column<ScalarKey?>, SortedOrder) {
        collection.indexes.order(Self.indexName(field, folded: folded), documents, extractor(field, folded: folded))
    }

    private static func indexName(_ field: QueryField, folded: Bool) -> String {
        folded ? field.name + "\u{0}folded" : field.name
    }

    private func extractor(_ field: QueryField, folded: Bool) -> @Sendable (DocumentVersion) -> ScalarKey? {
        let plain = FieldValues.extractor(field, type: type)
        guard folded else { return plain }
        return { FieldValues.folded(plain($0)) }
    }

    /// Signatures of the lowercased text of `fields` together, for `_q`.
    func signatures(_ fields: [QueryField]) -> Column<TextSignature> {
        let type = type
        let name = "_q:" + fields.map(\.name).joined(separator: ",")
        return collection.indexes.signatures(name, documents) { version in
            TextSignatures.of(folding: fields.compactMap { FieldValues.key($0, of: version, type: type)?.text })
        }
    }

    func links(_ attribute: String) -> Column<[String]> {
        collection.indexes.links(attribute, documents, FieldValues.linkExtractor(attribute))
    }

    func postings(_ attribute: String) -> Postings {
        collection.indexes.postings(attribute, documents, FieldValues.linkExtractor(attribute))
    }

    /// The documents `version` (of this scope) is related to through `hop`, in stored order for
    /// the owning side and default order for the inverse side. Links to documents missing from
    /// this view are skipped.
    func related(_ version: DocumentVersion, through hop: RelationHop) -> [DocumentVersion] {
        let target = target(hop)
        if let mappedBy = hop.mappedBy {
            return target.postings(mappedBy)[version.key.documentId].map { target.documents[Int($0)] }
        }
        return related(links: FieldValues.links(version.fields[hop.attribute]), in: target)
    }

    /// The documents a component item links to through `hop` (items hold the owning side only).
    func related(item: OrderedObject, through hop: RelationHop) -> [DocumentVersion] {
        guard hop.mappedBy == nil else { return [] }
        return related(links: FieldValues.links(item[hop.attribute]), in: target(hop))
    }

    private func related(links: [String], in target: CollectionScope) -> [DocumentVersion] {
        var seen = Set<String>()
        return links.compactMap { id in
            guard seen.insert(id).inserted else { return nil }
            return target.collection.document(id)
        }
    }

    /// Positions of this scope's documents related to at least one of `targets` (positions in
    /// `target`'s collection) through `hop`.
    func sources(linkedTo targets: Bitset, through hop: RelationHop, target: CollectionScope) -> Bitset {
        var result = Bitset(count: count)
        if let mappedBy = hop.mappedBy {
            let links = target.links(mappedBy)
            targets.forEach { position in
                for id in links[Int32(position)] {
                    if let source = collection.position(of: id) { result.insert(source) }
                }
                return true
            }
        } else {
            let postings = postings(hop.attribute)
            let targetDocuments = target.documents
            targets.forEach { position in
                for source in postings[targetDocuments[position].key.documentId] { result.insert(Int(source)) }
                return true
            }
        }
        return result
    }
}
