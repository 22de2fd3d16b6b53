import Foundation
import QuireContent
import QuireIndex

/// What piece writes work out besides the body's fields: the lock a record's writes share, when
/// a write is the global's first, and the slug a new document gets.
extension AposRoutes {
    /// Advisory locks are per record, as Apostrophe's are per `_id` (locale and mode included).
    func lockKey(_ identity: AposIdentity, type: ContentType) -> String {
        "\(type.singularName)/\(identity.documentId):\(identity.locale):\(identity.mode.rawValue)"
    }

    /// The global's first write in a locale saves it (Apostrophe has it from startup): a PUT or
    /// PATCH of a global that has no file in any mode creates it.
    func firstWrite(_ identity: AposIdentity, type: ContentType, snapshot: SiteSnapshot) -> Bool {
        AposGlobal.isGlobal(type) && snapshot.document(view: .draft, key: key(identity, type: type)) == nil
    }

    /// A page is archived by moving it (`_targetId: "_archive"`), not by its `archived` field:
    /// a body whose `archived` says otherwise than the page's place is refused rather than
    /// answered 200 with nothing moved. The same value (a PUT of what GET gave) is fine.
    func keepsArchiveState(_ body: OrderedObject, version: DocumentVersion, type: ContentType, snapshot: SiteSnapshot, view: View) throws {
        guard type.isPageType, let given = body["archived"] else { return }
        guard given == .bool(AposArchived.isArchived(version, type: type, snapshot: snapshot, view: view)) else {
            throw AposParameters.badValue("archived", "move the page with _targetId: \"_archive\" (or out of it) instead")
        }
    }

    /// A missing slug comes from the title; a taken one gets `-2`, `-3`… (Apostrophe appends digits).
    func fillSlug(_ fields: inout OrderedObject, map: AposTypeMap, key: DocumentKey, snapshot: SiteSnapshot) {
        guard let slugField = map.slugField else { return }
        var base: String
        if case .string(let given)? = fields[slugField], !given.isEmpty {
            base = given
        } else if let title = map.titleField, case .string(let text)? = fields[title] {
            base = AposTypeMap.slugify(text)
        } else {
            return
        }
        if base.isEmpty { base = "none" }
        let taken = Set([View.draft, .published].flatMap { view in
            snapshot.collection(view: view, locale: key.locale, type: key.type).documents.compactMap { $0.fields[slugField] }
        })
        var slug = base
        var suffix = 2
        while taken.contains(.string(slug)) {
            slug = "\(base)-\(suffix)"
            suffix += 1
        }
        fields[slugField] = .string(slug)
    }
}
