import FuzzSupport
import QuireContent

/// A document file decoded against the schema (`DocumentCodec`: YAML through Yams and libyaml,
/// or JSON, then typed and checked by the schema's rules). The first byte chooses YAML or JSON
/// and published or draft rules. Any bytes give fields or problems; fields that decode are
/// written back and must decode to the same fields (what Quire writes, it can read).
@main enum DocumentFuzz {
    static func main() { runFuzzer(fuzzDocument) }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzDocument(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    guard let mode = input.first else { return 0 }
    let bytes = Array(input.dropFirst())
    let format: DocumentFormat = mode & 1 == 0 ? .yaml : .json
    let isDraft = mode & 2 != 0
    let codec = DocumentCodec(schema: FuzzSchema.schema)
    let type = FuzzSchema.article
    let decoded = codec.decode(bytes, format: format, type: type, path: "content/en/article/fuzz.yaml", isDraft: isDraft)
    guard let fields = decoded.fields else {
        check(!decoded.problems.isEmpty, "a document without fields must say why")
        return 0
    }
    for written in [DocumentFormat.yaml, .json] {
        let file = codec.encode(fields, type: type, format: written)
        let again = codec.decode(file, format: written, type: type, path: "content/en/article/fuzz.yaml", isDraft: isDraft)
        check(again.fields == fields, """
            written \(written) does not read back: \(String(decoding: file, as: UTF8.self))
            problems: \(again.problems.map(\.message))
            """)
    }
    return 0
}
