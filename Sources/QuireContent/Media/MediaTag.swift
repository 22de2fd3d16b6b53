import Foundation
import Yams

/// Apostrophe's `@apostrophecms/image-tag` and `@apostrophecms/file-tag` pieces: a title and a
/// slug that image and file pieces point at (`_tags`). Few and small, so all of them live in
/// one readable file, `media/tags.yaml`, one line each; media files name theirs in their
/// `piece:` line (`"tags": ["<documentId>"]`).
public struct MediaTag: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case image = "@apostrophecms/image-tag"
        case file = "@apostrophecms/file-tag"
    }

    public static let path = "media/tags.yaml"

    public var documentId: String
    public var kind: Kind
    public var title: String
    public var slug: String
    public var archived = false
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(documentId: String, kind: Kind, title: String, slug: String, createdAt: Int64, updatedAt: Int64) {
        self.documentId = documentId
        self.kind = kind
        self.title = title
        self.slug = slug
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The file's text: a comment, then one flow mapping (JSON, which YAML reads) per tag.
    public static func yaml(_ tags: [MediaTag]) -> [UInt8] {
        var lines = ["# Quire media tags: Apostrophe's image-tag and file-tag pieces, one per line."]
        for tag in tags {
            var object: OrderedObject = [
                "documentId": .string(tag.documentId), "type": .string(tag.kind.rawValue), "title": .string(tag.title),
                "slug": .string(tag.slug),
            ]
            if tag.archived { object["archived"] = .bool(true) }
            object["createdAt"] = .string(TemporalText.formatDateTime(milliseconds: tag.createdAt))
            object["updatedAt"] = .string(TemporalText.formatDateTime(milliseconds: tag.updatedAt))
            lines.append("- " + String(decoding: JSON.encode(.object(object)), as: UTF8.self))
        }
        if tags.isEmpty { lines.append("[]") }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// The tags of the file; entries that cannot be read are left out with why.
    public static func parse(_ bytes: [UInt8]) -> (tags: [MediaTag], problems: [String]) {
        let loaded: Any?
        do { loaded = try Yams.load(yaml: String(decoding: bytes, as: UTF8.self)) } catch { return ([], ["not valid YAML: \(error)"]) }
        guard let list = loaded as? [Any] else { return ([], loaded == nil ? [] : ["not a YAML list"]) }
        var tags: [MediaTag] = []
        var problems: [String] = []
        var seen = Set<String>()
        for (index, item) in list.enumerated() {
            guard let map = item as? [String: Any], let documentId = map["documentId"] as? String, DocumentID.isValid(documentId),
                  let kind = (map["type"] as? String).flatMap(Kind.init(rawValue:)), let title = map["title"] as? String,
                  seen.insert(documentId).inserted else {
                problems.append("entry \(index + 1) needs a unique documentId, a type (image-tag or file-tag) and a title")
                continue
            }
            var tag = MediaTag(documentId: documentId, kind: kind, title: title, slug: map["slug"] as? String ?? "",
                               createdAt: time(map["createdAt"]), updatedAt: time(map["updatedAt"]))
            tag.archived = map["archived"] as? Bool ?? false
            tags.append(tag)
        }
        return (tags, problems)
    }

    private static func time(_ value: Any?) -> Int64 {
        if let date = value as? Date { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        if let text = value as? String, let milliseconds = TemporalText.milliseconds(text) { return milliseconds }
        return 0
    }
}
