import QuireContent
import QuireGit

/// A change to one document, named as Strapi 5 names its webhook events.
public struct SiteEvent: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case create = "entry.create"
        case update = "entry.update"
        case delete = "entry.delete"
        case publish = "entry.publish"
        case unpublish = "entry.unpublish"
        /// Strapi 5's name for dropping a draft and keeping the published version.
        case discardDraft = "entry.draft-discard"
        /// The Upload plugin's events (`key.type` is `upload`, `entry` the file object).
        case mediaCreate = "media.create"
        case mediaUpdate = "media.update"
        case mediaDelete = "media.delete"
    }

    public var kind: Kind
    public var key: DocumentKey
    /// The document as the event leaves it (as it was, for a delete), rendered by the site's renderer.
    public var entry: [UInt8]
    /// main's commit after the change.
    public var commit: ObjectID?
    /// Seconds since 1970, when the change was made durable.
    public var time: Double

    public init(kind: Kind, key: DocumentKey, entry: [UInt8], commit: ObjectID?, time: Double) {
        self.kind = kind
        self.key = key
        self.entry = entry
        self.commit = commit
        self.time = time
    }
}
