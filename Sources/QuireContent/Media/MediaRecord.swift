import Foundation
import Yams

/// One uploaded file: what its metadata document in git holds (`media/files/<shard>/<documentId>.yaml`).
/// Humans may edit `alternativeText`, `caption` and `focalPoint`; the rest is computed at upload.
public struct MediaRecord: Sendable, Equatable {
    public struct FocalPoint: Sendable, Equatable {
        /// Percentages of the width and height (Apostrophe's `x`/`y`, Strapi's focal point).
        public var x: Double
        public var y: Double

        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// A derived size made at upload: its name (`thumbnail`, `large`...) and what it came out as.
    public struct Format: Sendable, Equatable {
        public var name: String
        public var width: Int
        public var height: Int
        public var bytes: Int

        public init(name: String, width: Int, height: Int, bytes: Int) {
            self.name = name
            self.width = width
            self.height = height
            self.bytes = bytes
        }

        /// The order Strapi makes them in: the thumbnail, then the largest breakpoint first.
        static func strapiOrder(_ lhs: Format, _ rhs: Format) -> Bool {
            if (lhs.name == "thumbnail") != (rhs.name == "thumbnail") { return lhs.name == "thumbnail" }
            return lhs.width != rhs.width ? lhs.width > rhs.width : lhs.name < rhs.name
        }
    }

    /// Strapi's integer id: one more than the largest in the library when uploaded.
    public var id: Int
    public var documentId: String
    /// The display name, extension included (`hero.jpg`).
    public var name: String
    public var alternativeText: String?
    public var caption: String?
    public var focalPoint: FocalPoint?
    public var width: Int?
    public var height: Int?
    /// Strapi's `hash`: a slug of the name and 10 random hex digits; `/uploads/<hash><ext>` serves it.
    public var hash: String
    public var ext: String
    public var mime: String
    public var bytes: Int
    /// SHA-256 of the original, hex: where it is stored (`MediaLayout.originalPath`).
    public var sha256: String
    public var formats: [Format]
    /// Crops made through Apostrophe's `/crop` route (and by image relationships that crop).
    public var crops: [Vips.Crop]
    /// The file as an Apostrophe image or file piece (`MediaPieceFields`).
    public var piece = MediaPieceFields()
    /// Milliseconds since 1970.
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        id: Int, documentId: String, name: String, hash: String, ext: String, mime: String, bytes: Int, sha256: String,
        width: Int? = nil, height: Int? = nil, formats: [Format] = [], createdAt: Int64, updatedAt: Int64
    ) {
        self.id = id
        self.documentId = documentId
        self.name = name
        self.hash = hash
        self.ext = ext
        self.mime = mime
        self.bytes = bytes
        self.sha256 = sha256
        self.width = width
        self.height = height
        self.formats = formats
        self.crops = []
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var isImage: Bool { mime.hasPrefix("image/") }

    /// ISO 8601 with milliseconds, as Strapi shows times.
    public static func dateTime(_ milliseconds: Int64) -> String {
        TemporalText.formatDateTime(milliseconds: milliseconds)
    }

    // MARK: YAML

    /// A small, stable document a human can read and diff.
    public func yaml() -> [UInt8] {
        var lines = ["# Quire media file. alternativeText, caption and focalPoint may be edited; the rest is computed."]
        lines.append("id: \(id)")
        lines.append("documentId: \(documentId)")
        lines.append("name: \(Self.quoted(name))")
        lines.append("alternativeText: \(alternativeText.map(Self.quoted) ?? "null")")
        lines.append("caption: \(caption.map(Self.quoted) ?? "null")")
        lines.append("focalPoint: \(focalPoint.map { "{x: \(Self.number($0.x)), y: \(Self.number($0.y))}" } ?? "null")")
        lines.append("width: \(width.map(String.init) ?? "null")")
        lines.append("height: \(height.map(String.init) ?? "null")")
        lines.append("mime: \(Self.quoted(mime))")
        lines.append("ext: \(Self.quoted(ext))")
        lines.append("size: \(bytes)")
        lines.append("sha256: \(sha256)")
        lines.append("hash: \(Self.quoted(hash))")
        if formats.isEmpty {
            lines.append("formats: {}")
        } else {
            lines.append("formats:")
            for format in formats {
                lines.append("  \(format.name): {width: \(format.width), height: \(format.height), size: \(format.bytes)}")
            }
        }
        if !crops.isEmpty {
            lines.append("crops:")
            for crop in crops {
                lines.append("  - {left: \(crop.left), top: \(crop.top), width: \(crop.width), height: \(crop.height)}")
            }
        }
        if let line = piece.yamlLine() { lines.append(line) }
        lines.append("createdAt: \(TemporalText.formatDateTime(milliseconds: createdAt))")
        lines.append("updatedAt: \(TemporalText.formatDateTime(milliseconds: updatedAt))")
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// Reads a metadata document; nil (with the reason) when it is not one.
    public static func parse(_ bytes: [UInt8]) -> Result<MediaRecord, MediaFileProblem> {
        let loaded: Any?
        do {
            loaded = try Yams.load(yaml: String(decoding: bytes, as: UTF8.self))
        } catch {
            return .failure(MediaFileProblem("not valid YAML: \(error)"))
        }
        guard let map = loaded as? [String: Any] else { return .failure(MediaFileProblem("not a YAML mapping")) }
        guard let id = int(map["id"]), id > 0 else { return .failure(MediaFileProblem("id must be a positive whole number")) }
        guard let documentId = map["documentId"] as? String, DocumentID.isValid(documentId) else {
            return .failure(MediaFileProblem("documentId is missing or invalid"))
        }
        guard let sha = map["sha256"] as? String, MediaLayout.isSHA256(sha) else {
            return .failure(MediaFileProblem("sha256 must be 64 hexadecimal digits"))
        }
        guard let hash = string(map["hash"]), MediaLayout.isSafeHash(hash) else {
            return .failure(MediaFileProblem("hash is missing or not a safe file name"))
        }
        let ext = string(map["ext"]) ?? ""
        guard ext.isEmpty || MediaLayout.isSafeExtension(ext) else { return .failure(MediaFileProblem("ext is not a safe extension")) }
        let created = (map["createdAt"]).flatMap(milliseconds) ?? 0
        var record = MediaRecord(
            id: id, documentId: documentId, name: string(map["name"]) ?? (hash + ext), hash: hash, ext: ext,
            mime: string(map["mime"]) ?? "application/octet-stream", bytes: int(map["size"]) ?? 0, sha256: sha.lowercased(),
            width: int(map["width"]), height: int(map["height"]), createdAt: created,
            updatedAt: (map["updatedAt"]).flatMap(milliseconds) ?? created)
        record.alternativeText = string(map["alternativeText"])
        record.caption = string(map["caption"])
        if let point = map["focalPoint"] as? [String: Any], let x = double(point["x"]), let y = double(point["y"]) {
            record.focalPoint = FocalPoint(x: min(max(x, 0), 100), y: min(max(y, 0), 100))
        }
        if let formats = map["formats"] as? [String: Any] {
            record.formats = formats.compactMap { name, value in
                guard let format = value as? [String: Any], let width = int(format["width"]), let height = int(format["height"]) else { return nil }
                return Format(name: name, width: width, height: height, bytes: int(format["size"]) ?? 0)
            }.sorted(by: Format.strapiOrder)
        }
        if let crops = map["crops"] as? [Any] {
            record.crops = crops.compactMap { value in
                guard let crop = value as? [String: Any], let left = int(crop["left"]), let top = int(crop["top"]),
                      let width = int(crop["width"]), let height = int(crop["height"]) else { return nil }
                return Vips.Crop(left: left, top: top, width: width, height: height)
            }
        }
        record.piece = MediaPieceFields.parse(map["piece"])
        return .success(record)
    }

    private static func int(_ value: Any?) -> Int? {
        if let value = value as? Int { return value }
        if let value = value as? Double, value == value.rounded() { return Int(value) }
        return nil
    }

    private static func double(_ value: Any?) -> Double? {
        if let value = value as? Double { return value }
        if let value = value as? Int { return Double(value) }
        return nil
    }

    private static func string(_ value: Any?) -> String? {
        if let value = value as? String { return value }
        if let value = value as? Int { return String(value) }
        return nil
    }

    private static func milliseconds(_ value: Any) -> Int64? {
        if let date = value as? Date { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        if let text = value as? String { return TemporalText.milliseconds(text) }
        return nil
    }

    /// A JSON string is a YAML double-quoted scalar: safe for any text.
    static func quoted(_ text: String) -> String {
        String(decoding: JSON.encode(.string(text)), as: UTF8.self)
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

public struct MediaFileProblem: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
