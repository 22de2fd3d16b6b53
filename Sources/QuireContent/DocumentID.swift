/// The documentId rules: the file stem, `[A-Za-z0-9][A-Za-z0-9._-]{0,127}`.
public enum DocumentID {
    public static let maximumLength = 128
    /// What a refusal says (the id itself is not echoed: it may hold anything, NUL included).
    public static let rule = "a documentId is 1 to 128 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit"

    public static func isValid(_ id: String) -> Bool {
        let bytes = id.utf8
        guard let first = bytes.first, bytes.count <= maximumLength, isAlphanumeric(first) else { return false }
        // No `/` and no leading dot: an id is always one safe path component.
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    /// A fresh id like Strapi's: 24 lowercase letters and digits, starting with a letter.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    public static func generate<Generator: RandomNumberGenerator>(using generator: inout Generator) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        bytes.append(letters.randomElement(using: &generator) ?? UInt8(ascii: "a"))
        for _ in 1..<24 { bytes.append(alphabet.randomElement(using: &generator) ?? UInt8(ascii: "a")) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let letters = Array("abcdefghijklmnopqrstuvwxyz".utf8)
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
