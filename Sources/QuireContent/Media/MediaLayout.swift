/// Where media live in a site repository. Originals are named by their SHA-256 and sharded two
/// levels deep (`media/originals/ab/cd/<sha256>.jpg`), so identical bytes are stored once and no
/// folder grows past a few hundred entries; each file's metadata is
/// `media/files/<first two of documentId>/<documentId>.yaml`.
public enum MediaLayout {
    public static let folder = "media"
    public static let filesFolder = "media/files"
    public static let originalsFolder = "media/originals"

    public static func metadataPath(documentId: String) -> String {
        "\(filesFolder)/\(documentId.prefix(2))/\(documentId).yaml"
    }

    public static func originalPath(sha256: String, ext: String) -> String {
        let name = sha256 + ext.lowercased()
        return "\(originalsFolder)/\(sha256.prefix(2))/\(sha256.dropFirst(2).prefix(2))/\(name)"
    }

    /// The documentId a metadata path names, or nil for any other file under `media/`.
    public static func documentId(forMetadataPath path: String) -> String? {
        guard path.hasPrefix(filesFolder + "/"), path.hasSuffix(".yaml") else { return nil }
        let file = path.split(separator: "/").last.map(String.init) ?? ""
        let stem = String(file.dropLast(5))
        return DocumentID.isValid(stem) ? stem : nil
    }

    public static func isSHA256(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { isHexDigit($0) }
    }

    /// A hash becomes a URL path segment and a cache file name: letters, digits, `_` and `-` only.
    public static func isSafeHash(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 200 && text.utf8.allSatisfy { isSlugByte($0) }
    }

    /// `.` and up to 10 letters or digits.
    public static func isSafeExtension(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count >= 2 && bytes.count <= 11 && bytes[0] == UInt8(ascii: ".")
            && bytes.dropFirst().allSatisfy { isAlphanumeric($0) }
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    static func isSlugByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }
}
