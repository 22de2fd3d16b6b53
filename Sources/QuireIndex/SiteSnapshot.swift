import QuireContent
import QuireGit

public struct CollectionKey: Hashable, Sendable {
    public var view: View
    public var locale: String
    public var type: String

    public init(view: View, locale: String, type: String) {
        self.view = view
        self.locale = locale
        self.type = type
    }
}

/// An immutable picture of the whole site that readers use without locks or git access.
/// A new one replaces it after every write batch or external change.
public struct SiteSnapshot: Sendable {
    public let definition: SiteDefinition
    /// main's commit when this snapshot was made (nil for an empty repository).
    public let mainTip: ObjectID?
    /// Schema problems and bad document files, by path (the last good version of a bad file keeps serving).
    public let problems: [Problem]
    let collections: [CollectionKey: DocumentCollection]
    /// What readers derived from this snapshot (rendered answers); a new snapshot starts empty
    /// but for the values a write carries over (`SnapshotCarried`).
    public let memo: SnapshotMemo

    init(definition: SiteDefinition, mainTip: ObjectID?, problems: [Problem], collections: [CollectionKey: DocumentCollection],
         memo: SnapshotMemo = SnapshotMemo()) {
        self.memo = memo
        self.definition = definition
        self.mainTip = mainTip
        self.problems = problems
        self.collections = collections
    }

    public var schema: SiteSchema { definition.schema }
    public var config: SiteConfig { definition.config }

    public func collection(view: View, locale: String, type: String) -> DocumentCollection {
        collections[CollectionKey(view: view, locale: locale, type: type)] ?? DocumentCollection()
    }

    public func document(view: View, key: DocumentKey) -> DocumentVersion? {
        collection(view: view, locale: key.locale, type: key.type).document(key.documentId)
    }

    /// Whether the document exists in any locale of either view (PUT with a new `locale` creates
    /// a localization only for an existing documentId).
    public func documentExistsInAnyLocale(type: String, documentId: String) -> Bool {
        config.locales.contains { locale in
            let key = DocumentKey(locale: locale, type: type, documentId: documentId)
            return document(view: .draft, key: key) != nil || document(view: .published, key: key) != nil
        }
    }
}
