/// The scalar grammars of document files, for other modules that read the same text from
/// elsewhere (query strings): one definition of what `2024-03-06` or `1.10` means per type.
public enum ScalarText {
    /// The value a file holding `text` in an attribute of `type` would have, or nil if the text
    /// is not valid for that type. Only for scalar types.
    public static func canonical(_ text: String, as type: AttributeType) -> Value? {
        try? FieldScalarDecoding.decode(text: text, as: type).get()
    }

    /// Timestamps in milliseconds that are dates (JavaScript's range); others are refused.
    public static let timestampRange = TemporalText.timestampRange

    /// `2024-03-06T13:42:05.098Z` for milliseconds since 1970.
    public static func dateTime(milliseconds: Int64) -> String {
        TemporalText.formatDateTime(milliseconds: milliseconds)
    }

    /// A finite number in decimal notation, as the document grammar reads it.
    public static func number(_ text: String) -> Double? {
        NumberText.double(text)
    }

    /// How JavaScript prints a number (`5`, not `5.0`).
    public static func display(_ value: Double) -> String {
        NumberText.display(value)
    }
}
