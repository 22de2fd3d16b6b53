import QuireContent
import QuireGit
import QuireIndex

/// One media write: becomes one commit on main (in the site's write queue, with the other
/// writes of its batch: compare-and-swap on main, acknowledged once durable).
public enum MediaChange: Sendable, Equatable {
    /// New files, as one commit: their records (id 0: given the next free id) and the files the
    /// original store asked to commit (originals already on main are not written again).
    case upload([MediaRecord], files: [String: [UInt8]])
    /// New metadata for an existing file (alternative text, caption, focal point, crops...),
    /// only if its metadata on main is still `previous` (compare-and-swap: two edits of one
    /// file never overwrite each other silently); else `preconditionFailed`.
    case change(MediaRecord, previous: MediaRecord)
    /// New bytes for an existing file (Strapi's `POST /upload?id=` with a file): its metadata
    /// compare-and-swapped as `.change` does, the new original committed when main lacks it, and
    /// `removeOriginal` (the old original's path, when no other file shares it) removed from
    /// the tree — still in git's history.
    case replace(MediaRecord, previous: MediaRecord, files: [String: [UInt8]], removeOriginal: String?)
    /// The whole tag list (`media/tags.yaml`), only if main still holds `previous`.
    case tags([MediaTag], previous: [MediaTag], summary: String)
    /// Removes the file's metadata, and its original when no other file shares its bytes.
    case delete(MediaRecord, removeOriginal: Bool)
    /// New metadata for many files at once (`quire media rescale`), as one commit.
    case rescale([MediaRecord])

    var summary: String {
        switch self {
        case .upload(let records, _):
            records.count == 1 ? "Upload \(records[0].name)" : "Upload \(records.count) files"
        case .change(let record, _): "Update media \(record.name)"
        case .replace(let record, let previous, _, _): "Replace media \(previous.name) with \(record.name)"
        case .delete(let record, _): "Delete media \(record.name)"
        case .rescale(let records): "Rescale \(records.count) media file(s)"
        case .tags(_, _, let summary): summary
        }
    }
}

extension WriteRequest {
    /// A media write on behalf of `author`.
    public static func media(_ change: MediaChange, author: Signature) -> WriteRequest {
        WriteRequest(operation: .media(change), type: "", locale: "", status: .published, author: author)
    }
}

public struct MediaWriteResult: Sendable {
    public var records: [MediaRecord]
    public var commit: ObjectID?
}
