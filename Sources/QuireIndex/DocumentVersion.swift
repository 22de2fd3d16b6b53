import QuireContent
import QuireGit
import Synchronization

/// Which state of the site a read sees: main, or main overlaid with every draft branch.
public enum View: String, Sendable, Hashable {
    case published, draft
}

/// What the index knows of one document in one view.
public struct DocumentData: Sendable {
    public var key: DocumentKey
    public var path: String
    public var blob: ObjectID
    public var fields: OrderedObject
    /// Seconds since 1970.
    public var createdAt: Int64
    public var updatedAt: Int64
    /// nil in the draft view and for never-published documents.
    public var publishedAt: Int64?

    public init(key: DocumentKey, path: String, blob: ObjectID, fields: OrderedObject, createdAt: Int64, updatedAt: Int64, publishedAt: Int64?) {
        self.key = key
        self.path = path
        self.blob = blob
        self.fields = fields
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.publishedAt = publishedAt
    }

    /// Strapi's numeric `id`: FNV-1a of `type/locale/documentId` folded into JavaScript's safe
    /// integer range, so it is stable across restarts and across servers without stored state.
    public var numericID: Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(key.type)/\(key.locale)/\(key.documentId)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int64(hash % ((1 << 53) - 1)) + 1
    }
}

/// One document as one view sees it: immutable, shared by every snapshot that contains it.
@dynamicMemberLookup
public final class DocumentVersion: Sendable {
    public let data: DocumentData
    public let numericID: Int64
    private let rendering: DocumentRendering?
    private let renderedBytes = Mutex<[UInt8]?>(nil)
    /// A deleted document's placeholder in its collection's slot (see `DocumentCollection`):
    /// its key and times, no fields. Never handed out of the index.
    let isRemoved: Bool

    public convenience init(_ data: DocumentData, type: ContentType, renderer: any DocumentRenderer) {
        self.init(data, rendering: DocumentRendering(type: type, renderer: renderer))
    }

    /// `rendering` is shared by every version of one type.
    init(_ data: DocumentData, rendering: DocumentRendering) {
        self.data = data
        self.numericID = data.numericID
        self.rendering = rendering
        isRemoved = false
    }

    /// The dialect's default rendering (see `DocumentRenderer`), made on first use and kept: a
    /// start or a write renders nothing, and a document nobody reads costs no bytes for it.
    public var rendered: [UInt8] {
        if let bytes = renderedBytes.withLock({ $0 }) { return bytes }
        let bytes = rendering.map { $0.renderer.render(data, numericID: numericID, type: $0.type) } ?? []
        return renderedBytes.withLock { stored in
            if let earlier = stored { return earlier }
            stored = bytes
            return bytes
        }
    }

    init(removed version: DocumentVersion) {
        var data = version.data
        data.fields = OrderedObject()
        data.publishedAt = nil
        self.data = data
        numericID = version.numericID
        rendering = nil
        isRemoved = true
    }

    public subscript<T>(dynamicMember keyPath: KeyPath<DocumentData, T>) -> T {
        data[keyPath: keyPath]
    }
}

/// How the versions of one content type are rendered: one shared object instead of a type and
/// a renderer in every version.
final class DocumentRendering: Sendable {
    let type: ContentType
    let renderer: any DocumentRenderer

    init(type: ContentType, renderer: any DocumentRenderer) {
        self.type = type
        self.renderer = renderer
    }
}

/// Turns a version into the bytes a dialect serves by default, so list responses are
/// assembled from pre-encoded pieces instead of encoding every document per request.
public protocol DocumentRenderer: Sendable {
    func render(_ data: DocumentData, numericID: Int64, type: ContentType) -> [UInt8]
}
