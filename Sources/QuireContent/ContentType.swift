/// A content type, read from `schemas/<singularName>.yaml` (Strapi's schema.json structure).
public struct ContentType: Sendable, Equatable {
    public enum Kind: String, Sendable { case collectionType, singleType }

    public var kind: Kind
    public var singularName: String
    public var pluralName: String
    public var displayName: String
    /// `options.draftAndPublish` (absent: false, as in Strapi).
    public var draftAndPublish: Bool
    /// `pluginOptions.i18n.localized` (absent: false).
    public var localized: Bool
    /// `options.shard`: new files go under a folder named by the first N characters of the documentId.
    public var shard: Int?
    /// In schema order: the order keys are written in files and returned by the API.
    public var attributes: [Attribute]
    /// The schema file this came from, e.g. `schemas/article.yaml`.
    public var sourcePath: String
    /// `options.pageTree`: see `PageTree.swift`.
    public internal(set) var pageTree = false
    /// `options.guestApiAccess` (Apostrophe's option of that name): signed-in `guest` users may
    /// read this type. Without it (and without a `guest` grant in quire.yaml) they get nothing.
    public var guestApiAccess = false

    public init(
        kind: Kind, singularName: String, pluralName: String, displayName: String,
        draftAndPublish: Bool, localized: Bool, shard: Int?, attributes: [Attribute], sourcePath: String
    ) {
        self.kind = kind
        self.singularName = singularName
        self.pluralName = pluralName
        self.displayName = displayName
        self.draftAndPublish = draftAndPublish
        self.localized = localized
        self.shard = shard
        self.attributes = attributes
        self.sourcePath = sourcePath
    }

    public func attribute(named name: String) -> Attribute? {
        attributes.first { $0.name == name }
    }
}

/// A reusable component, from `schemas/components/<category>/<name>.yaml`; its uid is `category.name`.
public struct Component: Sendable, Equatable {
    public var uid: String
    public var displayName: String
    public var attributes: [Attribute]
    public var sourcePath: String

    public init(uid: String, displayName: String, attributes: [Attribute], sourcePath: String) {
        self.uid = uid
        self.displayName = displayName
        self.attributes = attributes
        self.sourcePath = sourcePath
    }
}
