import QuireContent
import QuireIndex
import QuireSite

/// After a start, builds in the background the indexes that are built on first use and that
/// every large site's frontends need at once: the media uses index, the text signatures of
/// Strapi's `_q` search and Apostrophe's folded title order. Writes carry them over from then
/// on; without this, the first search or file request after a restart of a 100,000-document
/// site paid for them (seconds).
public enum IndexWarmup {
    public static func start(_ site: Site) -> Task<Void, Never> {
        Task.detached(priority: .background) {
            let snapshot = site.snapshot
            // Which documents use which file: every file request asks, and writes carry it.
            _ = MediaUses.of(snapshot).table(snapshot)
            for type in snapshot.schema.contentTypes.values.sorted(by: { $0.singularName < $1.singularName }) {
                let map = AposTypeMap(type)
                var queries = [DocumentQuery(filter: .search("e"))]
                if let title = map.titleField { queries.append(DocumentQuery(sort: [SortTerm(path: [title], folded: true)])) }
                for locale in type.localized ? snapshot.config.locales : [snapshot.config.defaultLocale] {
                    for view in type.draftAndPublish ? [View.published, .draft] : [.published] {
                        for query in queries {
                            if Task.isCancelled { return }
                            // A page of one: enough to make the index, nothing to render.
                            _ = try? snapshot.query(query, type: type, view: view, locale: locale).documents(in: 0..<1)
                        }
                    }
                }
            }
        }
    }
}
