import QuireContent
import QuireGit
import QuireIndex
import QuireSite

/// What the draft list says about a draft beyond its branch: a title to show, and whether
/// publishing it now would stop on a field conflict (worked out as publishing does, writing nothing).
enum DraftPreview {
    static func title(_ draft: DraftBranch, type: ContentType) -> Value {
        guard let field = AposTypeMap(type).titleField, case .string(let text)? = draft.fields[field] else { return .null }
        return .string(text)
    }

    /// The fields both main and the draft changed differently since the branch's base; empty
    /// when main still has the base's version (or the draft's), so publishing would go through.
    static func conflicts(_ draft: DraftBranch, type: ContentType, snapshot: SiteSnapshot, store: SiteStore) async -> [String] {
        guard let published = snapshot.document(view: .published, key: draft.key), published.blob != draft.blob,
              snapshot.mainTip != draft.base else { return [] }
        var base = OrderedObject()
        if let commit = draft.base {
            let revision: DocumentRevision?
            do {
                revision = try await store.revision(of: draft.key, type: type, schema: snapshot.schema, at: commit, candidates: [draft.path])
            } catch {
                return []   // a base that cannot be read (pruned, shallow): publishing itself will say
            }
            if revision?.blob == published.blob { return [] }
            base = revision?.fields ?? OrderedObject()
        }
        return FieldMerge.merge(base: base, published: published.fields, draft: draft.fields, type: type).conflicts.map(\.field)
    }
}
