import Foundation
import HashTreeCollections
import QuireContent
import Synchronization

/// Turns state into snapshots: all at once after a load, or only the changed documents after a write.
package struct SnapshotBuilder: Sendable {
    let renderer: any DocumentRenderer

    package init(renderer: any DocumentRenderer) {
        self.renderer = renderer
    }

    /// Spread over every core: the versions of each share of the keys, then each collection's
    /// sort (a start builds the published and the draft view of every type).
    package func build(from state: SiteState) -> SiteSnapshot {
        var allKeys = Array(state.published.keys)
        for key in state.drafts.keys where state.published[key] == nil { allKeys.append(key) }
        let keys = allKeys
        let shares = max(1, min(ProcessInfo.processInfo.activeProcessorCount, keys.count / 4_096))
        let groupedShares = Mutex<[[CollectionKey: [DocumentVersion]]]>([])
        DispatchQueue.concurrentPerform(iterations: shares) { share in
            var grouped: [CollectionKey: [DocumentVersion]] = [:]
            var renderings: [String: DocumentRendering] = [:]
            for index in stride(from: share, to: keys.count, by: shares) {
                let key = keys[index]
                for (view, version) in versions(of: key, in: state, renderings: &renderings) {
                    grouped[CollectionKey(view: view, locale: key.locale, type: key.type), default: []].append(version)
                }
            }
            groupedShares.withLock { $0.append(grouped) }
        }
        var grouped: [CollectionKey: [DocumentVersion]] = [:]
        for share in groupedShares.withLock({ $0 }) {
            for (collectionKey, versions) in share { grouped[collectionKey, default: []] += versions }
        }
        let groups = Array(grouped)
        let built = Mutex<[CollectionKey: DocumentCollection]>([:])
        DispatchQueue.concurrentPerform(iterations: groups.count) { index in
            let collection = DocumentCollection(groups[index].value)
            built.withLock { $0[groups[index].key] = collection }
        }
        return SiteSnapshot(
            definition: state.definition, mainTip: state.mainTip, problems: state.problems,
            collections: built.withLock { $0 })
    }

    package func update(_ snapshot: SiteSnapshot, changed keys: Set<DocumentKey>, state: SiteState) -> SiteSnapshot {
        var upserts: [CollectionKey: [DocumentVersion]] = [:]
        var removals: [CollectionKey: Set<String>] = [:]
        var renderings: [String: DocumentRendering] = [:]
        for key in keys {
            let found = versions(of: key, in: state, renderings: &renderings)
            for view in [View.published, .draft] {
                let collectionKey = CollectionKey(view: view, locale: key.locale, type: key.type)
                if let version = found[view] {
                    upserts[collectionKey, default: []].append(version)
                } else {
                    removals[collectionKey, default: []].insert(key.documentId)
                }
            }
        }
        var collections = snapshot.collections
        for collectionKey in Set(upserts.keys).union(removals.keys) {
            let current = collections[collectionKey] ?? DocumentCollection()
            collections[collectionKey] = current.applying(
                upserts: upserts[collectionKey] ?? [], removals: removals[collectionKey] ?? [])
        }
        return SiteSnapshot(
            definition: state.definition, mainTip: state.mainTip, problems: state.problems, collections: collections,
            memo: snapshot.memo.carried(changed: keys))
    }

    private func versions(of key: DocumentKey, in state: SiteState, renderings: inout [String: DocumentRendering]) -> [View: DocumentVersion] {
        let rendering: DocumentRendering
        if let known = renderings[key.type] {
            rendering = known
        } else {
            guard let type = state.definition.schema.contentType(singular: key.type) else { return [:] }
            rendering = DocumentRendering(type: type, renderer: renderer)
            renderings[key.type] = rendering
        }
        let type = rendering.type
        var result: [View: DocumentVersion] = [:]
        let published = state.publishedData(key).map { DocumentVersion($0, rendering: rendering) }
        result[.published] = published
        if type.draftAndPublish {
            result[.draft] = state.draftData(key).map { DocumentVersion($0, rendering: rendering) }
        } else {
            // Without draft & publish both views are the same content, published.
            result[.draft] = published
        }
        return result
    }
}
