import Foundation

/// Upload file names: refused when hostile, then turned into Strapi's `ext` and `hash`.
public enum MediaNaming {
    public static let maximumNameBytes = 255

    /// Why a client-given file name is refused, or nil. Names are shown and slugged, never used
    /// as paths, but a name that tries to be one says the client is confused or hostile.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "The file name is empty" }
        if name.utf8.count > maximumNameBytes { return "The file name is longer than \(maximumNameBytes) bytes" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "The file name contains control characters"
        }
        if name.contains("/") || name.contains("\\") { return "The file name must not contain a path" }
        if name == "." || name == ".." || name.hasPrefix("..") { return "The file name must not contain a path" }
        return nil
    }

    /// `path.extname`: from the last dot of the name (not a leading one), or empty.
    public static func extensionOf(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        let ext = String(name[dot...])
        return MediaLayout.isSafeExtension(ext) ? ext : ""
    }

    /// Strapi's `nameToSlug(basename, {separator: '_', lowercase: false})` plus `_` and 10 hex digits.
    public static func hash(for name: String) -> String {
        let ext = extensionOf(name)
        let base = ext.isEmpty ? name : String(name.dropLast(ext.count))
        var random = SystemRandomNumberGenerator()
        let suffix = (0..<5).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &random)) }.joined()
        return "\(slug(base))_\(suffix)"
    }

    /// Letters and digits kept (accents folded), every other run becomes one `_`.
    public static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "en"))
        var slug = ""
        var pendingSeparator = false
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || (48...57).contains(scalar.value) {
                if pendingSeparator, !slug.isEmpty { slug.append("_") }
                pendingSeparator = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingSeparator = true
            }
            if slug.utf8.count >= 100 { break }
        }
        return slug.isEmpty ? "file" : slug
    }
}
