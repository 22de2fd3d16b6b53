import QuireContent

/// How a query reads the items of a media field: a document stores a reference to each file
/// (`{id, documentId, name, hash, ext, mime, url}`), but the file can change after it was
/// stored (renamed, described, replaced by other bytes with a new hash and URL). Filters look
/// the reference up in the media library and match the file's current fields, the ones
/// `populate` shows, so nothing in the documents has to be rewritten when a file changes.
public struct MediaLookup: Sendable {
    /// The file's current fields for a stored reference; nil when the library does not know
    /// it (the reference is then matched as stored).
    let current: @Sendable (OrderedObject) -> OrderedObject?

    public init(_ current: @escaping @Sendable (OrderedObject) -> OrderedObject?) {
        self.current = current
    }

    /// The items of a stored media value as filters see them.
    func items(_ value: Value?) -> [OrderedObject] {
        FieldValues.items(value).map { current($0) ?? $0 }
    }
}
