/// What a file's bytes are, read from their signature, whatever the client declared. A file
/// whose bytes contradict its extension (HTML named `.jpg`), or an image carrying markup a
/// browser could run, is refused before anything is stored.
public enum MediaSniffer {
    public struct Kind: Sendable, Equatable {
        public var mime: String
        /// Extensions this content may carry (lowercase, with the dot); the first is canonical.
        public var extensions: [String]

        /// JPEG, PNG, WebP, GIF and TIFF: resized into formats (Strapi's list).
        public var isResizable: Bool {
            ["image/jpeg", "image/png", "image/webp", "image/gif", "image/tiff"].contains(mime)
        }

        /// Decoded by libvips to read width and height (AVIF too, not resized, as in Strapi).
        public var isRaster: Bool { isResizable || mime == "image/avif" || mime == "image/heic" }
    }

    static let jpeg = Kind(mime: "image/jpeg", extensions: [".jpg", ".jpeg", ".jpe", ".jfif"])
    static let png = Kind(mime: "image/png", extensions: [".png"])
    static let gif = Kind(mime: "image/gif", extensions: [".gif"])
    static let webp = Kind(mime: "image/webp", extensions: [".webp"])
    static let tiff = Kind(mime: "image/tiff", extensions: [".tif", ".tiff"])
    static let avif = Kind(mime: "image/avif", extensions: [".avif"])
    static let heic = Kind(mime: "image/heic", extensions: [".heic", ".heif"])
    static let svg = Kind(mime: "image/svg+xml", extensions: [".svg"])
    static let pdf = Kind(mime: "application/pdf", extensions: [".pdf"])
    static let mp4 = Kind(mime: "video/mp4", extensions: [".mp4", ".m4v", ".m4a", ".mov"])
    static let quicktime = Kind(mime: "video/quicktime", extensions: [".mov", ".qt"])
    static let webm = Kind(mime: "video/webm", extensions: [".webm", ".mkv"])
    static let ogg = Kind(mime: "audio/ogg", extensions: [".ogg", ".oga", ".ogv", ".opus"])
    static let mp3 = Kind(mime: "audio/mpeg", extensions: [".mp3"])
    static let wav = Kind(mime: "audio/wav", extensions: [".wav"])
    static let zip = Kind(mime: "application/zip", extensions: [".zip", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".epub"])
    static let html = Kind(mime: "text/html", extensions: [".html", ".htm"])

    /// Text extensions and their types; text with any other extension is `text/plain`.
    static let textTypes: [String: String] = [
        ".txt": "text/plain", ".md": "text/markdown", ".csv": "text/csv", ".json": "application/json",
        ".xml": "application/xml", ".yaml": "application/yaml", ".yml": "application/yaml", ".vtt": "text/vtt",
        ".srt": "application/x-subrip", ".rtf": "application/rtf", ".css": "text/css", ".ics": "text/calendar",
    ]

    public enum Verdict: Sendable, Equatable {
        case accepted(Kind)
        case refused(String)
    }

    /// Checks `bytes` against the name's extension (`ext`, lowercase with the dot, or empty).
    public static func check(_ bytes: [UInt8], ext: String) -> Verdict {
        let ext = ext.lowercased()
        guard !bytes.isEmpty else { return .refused("The file is empty") }
        if let kind = signature(bytes) {
            if !ext.isEmpty, !kind.extensions.contains(ext) {
                return .refused("The file's content (\(kind.mime)) does not match its extension \(ext)")
            }
            if kind == html { return .refused("HTML files cannot be uploaded") }
            if kind.mime.hasPrefix("image/"), kind != svg, containsMarkup(bytes) {
                return .refused("The image contains HTML or script markup")
            }
            return .accepted(kind)
        }
        // No signature: text is fine under a text extension; anything under an image, audio or
        // video extension is lying.
        if let declared = allKinds.first(where: { $0.extensions.contains(ext) }) {
            return .refused("The file's content is not \(declared.mime) as its extension \(ext) says")
        }
        if isText(bytes) {
            if looksLikeHTML(bytes) { return .refused("HTML files cannot be uploaded") }
            return .accepted(Kind(mime: textTypes[ext] ?? "text/plain", extensions: [ext]))
        }
        return .accepted(Kind(mime: "application/octet-stream", extensions: [ext]))
    }

    static let allKinds = [jpeg, png, gif, webp, tiff, avif, heic, svg, pdf, mp4, quicktime, webm, ogg, mp3, wav, zip, html]

    static func signature(_ bytes: [UInt8]) -> Kind? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        if starts([0xFF, 0xD8, 0xFF]) { return jpeg }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return png }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return gif }
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) { return webp }
        if starts(Array("RIFF".utf8)), starts(Array("WAVE".utf8), at: 8) { return wav }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return tiff }
        if starts(Array("%PDF-".utf8)) { return pdf }
        if starts([0x1A, 0x45, 0xDF, 0xA3]) { return webm }
        if starts(Array("OggS".utf8)) { return ogg }
        if starts(Array("ID3".utf8)) || starts([0xFF, 0xFB]) || starts([0xFF, 0xF3]) { return mp3 }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return zip }
        if starts(Array("ftyp".utf8), at: 4), bytes.count >= 12 {
            let brand = String(decoding: bytes[8..<12], as: UTF8.self)
            switch brand {
            case "avif", "avis": return avif
            case "heic", "heix", "mif1", "msf1", "hevc": return heic
            case "qt  ": return quicktime
            default: return mp4
            }
        }
        if isText(bytes) {
            if looksLikeHTML(bytes) { return html }
            if looksLikeSVG(bytes) { return svg }
        }
        return nil
    }

    /// UTF-8 (BOM allowed) without NUL bytes, judged on the first 8 KB.
    static func isText(_ bytes: [UInt8]) -> Bool {
        let head = Array(bytes.prefix(8192))
        if head.contains(0) { return false }
        // A multi-byte character cut by the 8 KB window is not an error.
        for cut in 0...min(3, head.count) where String(validating: head.dropLast(cut), as: UTF8.self) != nil { return true }
        return false
    }

    private static func lowercasedHead(_ bytes: [UInt8], limit: Int) -> String {
        String(decoding: bytes.prefix(limit), as: UTF8.self).lowercased()
    }

    static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        let head = lowercasedHead(bytes, limit: 1024).drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        return ["<!doctype html", "<html", "<head", "<body", "<script", "<iframe"].contains { head.hasPrefix($0) }
    }

    static func looksLikeSVG(_ bytes: [UInt8]) -> Bool {
        let head = lowercasedHead(bytes, limit: 4096)
        return head.contains("<svg")
    }

    /// Markup a browser would run if it ever sniffed the file as HTML (a polyglot).
    static func containsMarkup(_ bytes: [UInt8]) -> Bool {
        let head = lowercasedHead(bytes, limit: 65536)
        return ["<script", "<html", "<iframe", "<body", "javascript:"].contains { head.contains($0) }
    }
}
