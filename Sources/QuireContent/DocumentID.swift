/// The documentId rules: the file stem, `[A-Za-z0-9][A-Za-z0-9._-]{0,127}`.
public enum DocumentID {
    public static func isValid(_ id: String) -> Bool {
        fatalError("unimplemented")
    }

    /// A fresh id like Strapi's: 24 lowercase letters and digits, starting with a letter.
    public static func generate() -> String {
        fatalError("unimplemented")
    }
}
