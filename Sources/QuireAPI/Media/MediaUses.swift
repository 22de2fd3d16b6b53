import QuireContent
import QuireIndex
import Synchronization

/// Which documents use each media file, per snapshot: whether a published document does, the
/// types of the drafts that do, and the crops their image relationships ask for. Made on first
/// use and kept in the snapshot's memo (a document write makes a new snapshot). Media
/// attributes are read at the top level and inside components and dynamic zones.
final class MediaUses: Sendable {
    struct Use: Sendable {
        var published = false
        var draftTypes: Set<String> = []
        var crops: Set<Vips.Crop> = []
    }

    private let table = Mutex<[String: Use]?>(nil)

    static func of(_ snapshot: SiteSnapshot) -> MediaUses {
        snapshot.memo.value(MediaUses.self) { MediaUses() }
    }

    func use(of documentId: String, snapshot: SiteSnapshot) -> Use? {
        if let table = table.withLock({ $0 }) { return table[documentId] }
        let built = Self.build(snapshot)
        table.withLock { $0 = built }
        return built[documentId]
    }

    /// A crop an image relationship of some document asks of the file.
    func asks(_ crop: Vips.Crop, of documentId: String, snapshot: SiteSnapshot) -> Bool {
        use(of: documentId, snapshot: snapshot)?.crops.contains(crop) == true
    }

    /// A file used only by drafts is as private as those drafts: only a caller who may see a
    /// draft of one of their types may read it. Other files follow the `upload` permissions.
    func isDraftOnly(_ documentId: String, snapshot: SiteSnapshot) -> Bool {
        guard let use = use(of: documentId, snapshot: snapshot) else { return false }
        return !use.published && !use.draftTypes.isEmpty
    }

    func mayRead(_ documentId: String, principal: Principal, authenticator: Authenticator, snapshot: SiteSnapshot) -> Bool {
        guard isDraftOnly(documentId, snapshot: snapshot), let use = use(of: documentId, snapshot: snapshot) else { return true }
        return use.draftTypes.contains { name in
            snapshot.schema.contentType(singular: name).map {
                authenticator.isAllowed(principal, action: .viewDraft, type: $0, config: snapshot.config)
            } ?? false
        }
    }

    /// The test `mayRead` makes, for filtering a list.
    static func readable(by principal: Principal, authenticator: Authenticator, snapshot: SiteSnapshot) -> (String) -> Bool {
        let uses = of(snapshot)
        return { id in uses.mayRead(id, principal: principal, authenticator: authenticator, snapshot: snapshot) }
    }

    private static func build(_ snapshot: SiteSnapshot) -> [String: Use] {
        var table: [String: Use] = [:]
        let schema = snapshot.schema
        for type in schema.contentTypes.values where MediaFieldWalk.hasMedia(type.attributes, schema: schema) {
            for locale in snapshot.config.locales {
                for view in [View.draft, .published] {
                    for version in snapshot.collection(view: view, locale: locale, type: type.singularName).documents {
                        MediaFieldWalk.visit(version.fields, attributes: type.attributes, schema: schema) { item in
                            guard case .object(let reference) = item, case .string(let id)? = reference["documentId"] else { return }
                            var use = table[id] ?? Use()
                            if view == .published { use.published = true } else { use.draftTypes.insert(type.singularName) }
                            if let crop = AposImageRelationship.crop(AposImageRelationship.relationshipFields(item)) { use.crops.insert(crop) }
                            table[id] = use
                        }
                    }
                }
            }
        }
        return table
    }
}
