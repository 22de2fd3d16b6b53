import QuireContent
import QuireGit
import QuireIndex

/// One API write: becomes at most one commit (or one merge) on the site's repository.
public struct WriteRequest: Sendable {
    public enum Operation: Sendable, Equatable {
        /// A new document; `documentId` nil lets the server choose one.
        case create(documentId: String?)
        /// A partial update (Strapi's PUT). Creates the document for single types and, for an
        /// existing documentId, a new localization.
        case update(documentId: String)
        case delete(documentId: String)
        /// Merges the document's draft branch into main (fast-forward when main has not moved
        /// since the branch's base, else a merge commit), then deletes the branch.
        case publish(documentId: String)
        /// Removes the file from main and keeps its content as the draft.
        case unpublish(documentId: String)
        /// Deletes the draft branch.
        case discard(documentId: String)
        /// Writes the document as it was at `commit`, as a new commit on main or on its draft branch.
        case restore(documentId: String, commit: ObjectID)
        /// Publishes several drafts in one merge commit on main, or none of them. The request's
        /// `type` and `locale` are ignored: each key names its own.
        case release([DocumentKey], message: String?)
        /// Uploads, edits or deletes media files (see `MediaChange`); type, locale and status are ignored.
        case media(MediaChange)
    }

    public var operation: Operation
    /// The content type's singular name.
    public var type: String
    public var locale: String
    /// `.draft` writes the document's draft branch; `.published` writes main.
    public var status: View
    /// The request's `data` object (ignored by delete).
    public var data: OrderedObject
    /// `If-Match`: the blob id the client last saw; a stale one fails with `preconditionFailed`.
    public var ifMatch: String?
    public var author: Signature
    /// A published write that leaves a pending draft as it is (Apostrophe's published-mode
    /// edit), instead of publishing the draft with the changes (Strapi's `status=published`).
    public var keepsDraft = false
    /// A create that fails with `alreadyExists` when the document exists, for single types too
    /// (whose create otherwise writes over it): first writes that race must not overwrite each other.
    public var createOnly = false
    /// What the caller may see of related documents: links it cannot see are kept, and named
    /// ones answer as missing (`RelationVisibility`). Nil: everything (the CLI, imports).
    public var visibility: RelationVisibility?

    public init(operation: Operation, type: String, locale: String, status: View, data: OrderedObject = [:], ifMatch: String? = nil, author: Signature) {
        self.operation = operation
        self.type = type
        self.locale = locale
        self.status = status
        self.data = data
        self.ifMatch = ifMatch
        self.author = author
    }
}

public struct WriteResult: Sendable {
    /// The document as the written view now sees it (nil after a delete).
    public var version: DocumentVersion?
    /// The commit that recorded the write (nil when nothing changed, or only a branch was deleted).
    public var commit: ObjectID?
}

/// Why a write was refused. Nothing was committed in any of these cases.
public enum WriteError: Error, Sendable, Equatable {
    case unknownType(String)
    case unknownLocale(String)
    case invalidDocumentId(String)
    case notFound
    case alreadyExists
    case invalidKey(String)
    case invalid([ValidationIssue])
    /// A relation names a document that does not exist.
    case relationTargetMissing(field: String, documentId: String, locale: String)
    case preconditionFailed
    /// The write could not be applied after repeated concurrent changes, or a draft branch was moved by someone else.
    case conflict(String)
    /// Main and the draft changed the same fields differently since the draft branched.
    case fieldConflicts([FieldConflict])
    /// The document has no draft to publish or discard.
    case noDraft
    /// The document has no file at the commit asked for.
    case versionNotFound
    /// One document of a release was refused, so the whole release was.
    indirect case inRelease(DocumentKey, WriteError)
}
