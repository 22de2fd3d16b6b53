import QuireContent
import QuireIndex
import Synchronization

extension MediaContext {
    /// Where filters on media fields read files: the request's catalog, each stored reference
    /// as the file's current Strapi file object (see `MediaLookup`). A replaced file's new
    /// hash, URL and type, a renamed file's name and an edited alternative text are what
    /// filters match at once, without rewriting the documents that use the file.
    static var lookup: MediaLookup? {
        guard let catalog else { return nil }
        let objects = catalog.memo.value(MediaFileObjects.self) { MediaFileObjects() }
        return MediaLookup { reference in
            MediaFieldInput.stored(.object(reference), catalog: catalog).flatMap(objects.object)
        }
    }
}

/// Each file's object as filters read it, made once per catalog on first use (a filter reads
/// the same few files for every document it checks).
final class MediaFileObjects: Sendable {
    private let table = Mutex<[String: OrderedObject]>([:])

    func object(_ record: MediaRecord) -> OrderedObject? {
        if let found = table.withLock({ $0[record.documentId] }) { return found }
        guard case .object(let object) = StrapiFileObject.value(record) else { return nil }
        table.withLock { $0[record.documentId] = object }
        return object
    }
}
