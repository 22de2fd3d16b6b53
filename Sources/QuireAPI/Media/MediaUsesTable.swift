import HashTreeCollections
import QuireContent
import QuireIndex

/// Which documents use each media file, counted so that a write can take a document's uses
/// out and put its new ones in: what each document contributes is kept beside the totals.
/// Both maps are persistent, so the table a write derives shares all but the changed entries
/// with the one it came from (readers of the older snapshot keep theirs).
struct MediaUsesTable: Sendable {
    /// One media item of one view of a document.
    struct Item: Sendable, Hashable {
        var file: String
        var published: Bool
        var type: String
        var crop: Vips.Crop?
    }

    /// The totals for one file; a count per draft type and per crop so a removal knows when
    /// the last use of it went.
    struct Counts: Sendable, Equatable {
        var published = 0
        var draftTypes: [String: Int] = [:]
        var crops: [Vips.Crop: Int] = [:]

        var isEmpty: Bool { published == 0 && draftTypes.isEmpty && crops.isEmpty }
    }

    private(set) var files: TreeDictionary<String, Counts> = [:]
    private var byDocument: TreeDictionary<DocumentKey, [Item]> = [:]

    /// Whether both say the same of every file.
    func sameUses(as other: MediaUsesTable) -> Bool { files == other.files }

    var isEmpty: Bool { files.isEmpty }

    /// From every document of the snapshot: a start, or a snapshot no table can be carried to.
    static func scan(_ snapshot: SiteSnapshot) -> MediaUsesTable {
        var table = MediaUsesTable()
        let schema = snapshot.schema
        for type in schema.contentTypes.values where MediaFieldWalk.hasMedia(type.attributes, schema: schema) {
            for locale in snapshot.config.locales {
                var items: [DocumentKey: [Item]] = [:]
                for view in [View.draft, .published] {
                    for version in snapshot.collection(view: view, locale: locale, type: type.singularName).documents {
                        items[version.key, default: []] += Self.items(of: version, view: view, type: type, schema: schema)
                    }
                }
                for (key, found) in items where !found.isEmpty { table.add(found, of: key) }
            }
        }
        return table
    }

    /// The table for `snapshot`, which differs from the one this table describes only in the
    /// documents of `changed`: their old items out, their items in `snapshot` in.
    func applying(_ changed: Set<DocumentKey>, snapshot: SiteSnapshot) -> MediaUsesTable {
        var table = self
        let schema = snapshot.schema
        for key in changed {
            if let old = table.byDocument[key] { table.remove(old, of: key) }
            guard let type = schema.contentType(singular: key.type), MediaFieldWalk.hasMedia(type.attributes, schema: schema) else { continue }
            var found: [Item] = []
            for view in [View.draft, .published] {
                if let version = snapshot.document(view: view, key: key) {
                    found += Self.items(of: version, view: view, type: type, schema: schema)
                }
            }
            if !found.isEmpty { table.add(found, of: key) }
        }
        return table
    }

    private static func items(of version: DocumentVersion, view: View, type: ContentType, schema: SiteSchema) -> [Item] {
        var items: [Item] = []
        MediaFieldWalk.visit(version.fields, attributes: type.attributes, schema: schema) { item in
            guard case .object(let reference) = item, case .string(let id)? = reference["documentId"] else { return }
            let crop = AposImageRelationship.crop(AposImageRelationship.relationshipFields(item))
            items.append(Item(file: id, published: view == .published, type: type.singularName, crop: crop))
        }
        return items
    }

    private mutating func add(_ items: [Item], of key: DocumentKey) {
        byDocument[key] = items
        for item in items {
            var counts = files[item.file] ?? Counts()
            if item.published { counts.published += 1 } else { counts.draftTypes[item.type, default: 0] += 1 }
            if let crop = item.crop { counts.crops[crop, default: 0] += 1 }
            files[item.file] = counts
        }
    }

    private mutating func remove(_ items: [Item], of key: DocumentKey) {
        byDocument[key] = nil
        for item in items {
            guard var counts = files[item.file] else { continue }
            if item.published { counts.published -= 1 } else { Self.decrement(&counts.draftTypes, item.type) }
            if let crop = item.crop { Self.decrement(&counts.crops, crop) }
            files[item.file] = counts.isEmpty ? nil : counts
        }
    }

    private static func decrement<Key: Hashable>(_ counts: inout [Key: Int], _ key: Key) {
        guard let count = counts[key] else { return }
        counts[key] = count > 1 ? count - 1 : nil
    }
}
