/// Page types (`options: { pageTree: true }`) share one tree per locale, as Apostrophe's pages
/// do. Each page file says where it hangs: `parent` (the parent page's documentId; none for the
/// home page) and `rank` (its order among its siblings, any number). A human reorganises pages
/// by editing those two keys. A page's `slug` attribute is its own URL segment; its full slug
/// (`/about/team`) is made from its ancestors when it is read, so moving a page moves its
/// whole subtree in one change.
extension ContentType {
    public static let parentAttribute = "parent"
    public static let rankAttribute = "rank"

    public var isPageType: Bool { pageTree }

    /// Declares `parent` and `rank` when the schema did not.
    mutating func makePageType() {
        pageTree = true
        if attribute(named: Self.parentAttribute) == nil { attributes.append(Attribute(name: Self.parentAttribute, type: .string)) }
        if attribute(named: Self.rankAttribute) == nil { attributes.append(Attribute(name: Self.rankAttribute, type: .float)) }
    }
}
