import HashTreeCollections
import QuireContent
import QuireIndex

/// Every image and file piece's slug, unique as Apostrophe keeps them: a stored slug wins;
/// defaults (from the title) of files that share one get `-2`, `-3`... in upload order.
///
/// Made from every file once, then carried through media changes that cannot move another
/// file's slug: an upload (the newest file takes the first free form of its default), an edit
/// that leaves title and slug as they were, a new stored slug no made one holds, a change or
/// removal of the newest file. Anything else (a rename of an older file, a removal that frees
/// a slug others skipped) makes it again.
struct AposMediaSlugs: MediaCatalogCarried {
    private var table: TreeDictionary<String, String> = [:]
    /// How many files hold each slug (stored slugs may repeat).
    private var taken: TreeDictionary<String, Int> = [:]
    /// The slugs made from titles (not stored).
    private var made: TreeSet<String> = []
    /// The catalog's largest id: only that file's made slug comes after every other.
    private var largestID = 0
    /// Brought up to date from a media change rather than made from every file.
    private(set) var isCarried = false

    static func of(_ catalog: MediaCatalog) -> AposMediaSlugs {
        catalog.memo.value(AposMediaSlugs.self) { AposMediaSlugs(catalog) }
    }

    /// From every file of the catalog.
    init(_ catalog: MediaCatalog) {
        let records = catalog.all
        for record in records {
            if let slug = record.piece.slug { hold(slug, by: record, made: false) }
        }
        for record in records where record.piece.slug == nil {
            hold(firstFree(Self.defaultSlug(record)), by: record, made: true)
        }
        largestID = catalog.largestID
    }

    subscript(documentId: String) -> String? { table[documentId] }

    /// Whether both give every file the same slug.
    func same(as other: AposMediaSlugs) -> Bool { table == other.table }

    /// `slug` made unique among the pieces other than `documentId`.
    func unique(_ slug: String, for documentId: String) -> String {
        firstFree(slug, except: table[documentId])
    }

    /// `slug`, else `slug-2`, `slug-3`... whichever no file holds (`except` one holder of it).
    private func firstFree(_ slug: String, except own: String? = nil) -> String {
        var candidate = slug
        var number = 2
        while let count = taken[candidate], count > (candidate == own ? 1 : 0) {
            candidate = "\(slug)-\(number)"
            number += 1
        }
        return candidate
    }

    func carried(changes: [MediaRecordChange], to catalog: MediaCatalog) -> AposMediaSlugs? {
        var slugs = self
        var additions: [MediaRecord] = []
        for change in changes {
            if let old = change.old, let new = change.new, old.id == new.id, old.piece.slug == new.piece.slug,
               old.piece.slug != nil || Self.defaultSlug(old) == Self.defaultSlug(new) {
                continue
            }
            if let old = change.old {
                guard slugs.release(old) else { return nil }
            }
            if let new = change.new { additions.append(new) }
        }
        for record in additions.sorted(by: { $0.id < $1.id }) {
            if let slug = record.piece.slug {
                // A stored slug taken by a made one would move that one.
                guard !slugs.made.contains(slug) else { return nil }
                slugs.hold(slug, by: record, made: false)
            } else {
                // Made slugs follow upload order: only a file newer than all others (or the
                // newest itself, changed) takes one without moving another's.
                guard record.id >= slugs.largestID else { return nil }
                slugs.hold(slugs.firstFree(Self.defaultSlug(record)), by: record, made: true)
            }
            slugs.largestID = max(slugs.largestID, record.id)
        }
        slugs.largestID = catalog.largestID
        slugs.isCarried = true
        return slugs
    }

    private static func defaultSlug(_ record: MediaRecord) -> String {
        AposImageFileShape.defaultSlug(record, kind: AposImageFileShape.kind(of: record))
    }

    private mutating func hold(_ slug: String, by record: MediaRecord, made isMade: Bool) {
        table[record.documentId] = slug
        taken[slug, default: 0] += 1
        if isMade { made.insert(slug) }
    }

    /// Takes the record's slug out; false when others' slugs could move (they skipped it).
    private mutating func release(_ record: MediaRecord) -> Bool {
        guard let slug = table[record.documentId] else { return true }
        if made.contains(slug) {
            guard record.id == largestID else { return false }
            made.remove(slug)
        } else if taken[slug] == 1 {
            return false
        }
        table[record.documentId] = nil
        taken[slug] = (taken[slug] ?? 1) > 1 ? taken[slug]! - 1 : nil
        return true
    }
}
