import Crypto
import Foundation

/// Turns one uploaded file into a record and its derived sizes, or refuses it. CPU-bound
/// (hashing, decoding, resizing): call it through `MediaWork`, never on an event loop.
public enum MediaIngest {
    public struct Prepared: Sendable {
        /// `id` is 0 until the write queue gives one.
        public var record: MediaRecord
        public var original: [UInt8]
        /// The formats made at upload, keyed by their cache variant, to seed the derived cache.
        public var derived: [MediaVariant: [UInt8]]
    }

    /// What the client said about the file (`fileInfo` and the multipart part).
    public struct Info: Sendable {
        public var fileName: String
        public var name: String?
        public var alternativeText: String?
        public var caption: String?
        public var focalPoint: MediaRecord.FocalPoint?

        public init(fileName: String, name: String? = nil, alternativeText: String? = nil, caption: String? = nil,
                    focalPoint: MediaRecord.FocalPoint? = nil) {
            self.fileName = fileName
            self.name = name
            self.alternativeText = alternativeText
            self.caption = caption
            self.focalPoint = focalPoint
        }
    }

    public static func prepare(_ bytes: [UInt8], info: Info, config: MediaConfig, now: Int64) throws(MediaRefusal) -> Prepared {
        if let problem = MediaNaming.problem(with: info.fileName) { throw MediaRefusal(problem) }
        if let name = info.name, let problem = MediaNaming.problem(with: name) { throw MediaRefusal(problem) }
        if bytes.count > config.maxFileSize { throw MediaRefusal(tooLarge: config.maxFileSize) }
        var ext = MediaNaming.extensionOf(info.fileName)
        let kind: MediaSniffer.Kind
        switch MediaSniffer.check(bytes, ext: ext) {
        case .refused(let reason): throw MediaRefusal(reason)
        case .accepted(let accepted): kind = accepted
        }
        if ext.isEmpty { ext = kind.extensions.first ?? "" }
        let sha = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        let name = info.name ?? info.fileName
        var record = MediaRecord(
            id: 0, documentId: DocumentID.generate(), name: name, hash: MediaNaming.hash(for: name), ext: ext,
            mime: kind.mime, bytes: bytes.count, sha256: sha, createdAt: now, updatedAt: now)
        record.alternativeText = info.alternativeText
        record.caption = info.caption
        record.focalPoint = info.focalPoint
        var derived: [MediaVariant: [UInt8]] = [:]
        if kind.isRaster {
            let header: Vips.Header
            do throws(VipsError) { header = try Vips.header(bytes) } catch { throw MediaRefusal("File is not a valid image") }
            if header.width * header.height > config.maxPixels {
                throw MediaRefusal("The image is \(header.width)×\(header.height) pixels, more than the \(config.maxPixels) allowed")
            }
            do throws(VipsError) { try Vips.verify(bytes) } catch { throw MediaRefusal("File is not a valid image (\(error.message))") }
            record.width = header.width
            record.height = header.height
            if kind.isResizable {
                for size in MediaVariant.strapiSizes(width: header.width, height: header.height, config: config) {
                    let variant = MediaVariant(sha256: sha, ext: ext, crop: nil, width: size.width, height: size.height, encoding: nil, quality: config.quality)
                    let encoded: Vips.Encoded
                    do throws(VipsError) { encoded = try variant.render(bytes) } catch { throw MediaRefusal("File is not a valid image (\(error.message))") }
                    derived[variant] = encoded.bytes
                    record.formats.append(MediaRecord.Format(name: size.name, width: encoded.width, height: encoded.height, bytes: encoded.bytes.count))
                }
            }
        }
        return Prepared(record: record, original: bytes, derived: derived)
    }
}

/// Why an upload is refused: a 400 in either dialect, nothing stored.
public struct MediaRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var tooLarge = false

    public init(_ message: String) { self.message = message }

    init(tooLarge limit: Int) {
        message = "The file is larger than the \(limit) bytes allowed"
        tooLarge = true
    }

    public var description: String { message }
}
