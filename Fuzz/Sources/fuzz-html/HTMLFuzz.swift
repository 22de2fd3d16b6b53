import Foundation
import FuzzSupport
import QuireContent

@main enum HTMLFuzz {
    static func main() { runFuzzer(fuzzHTML) }
}

/// The rich-text sanitizer (gumbo's HTML5 parser, then a writer that keeps the policy): for any
/// text, the output holds only the policy's elements and attributes (no script, no event
/// handler), and so does the output sanitized again, which is then a fixed point. (One pass is
/// not always one: a disallowed container unwrapped can leave a nesting HTML forbids, such as a
/// link in a link, which the parser closes sooner; see HTMLSanitizerStabilityTests.)
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzHTML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let html = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for policy in policies {
        let once = HTMLSanitizer.sanitize(html, policy: policy)
        let twice = HTMLSanitizer.sanitize(once, policy: policy)
        for output in [once, twice] { conforms(output, to: policy) }
        let thrice = HTMLSanitizer.sanitize(twice, policy: policy)
        check(thrice == twice, "no fixed point: \(once) became \(twice) then \(thrice)")
    }
    _ = HTMLSanitizer.escapeText(html)
    return 0
}

/// Text is escaped, so every `<` in the output opens a tag the writer wrote: `<name a="v">` or
/// `</name>`, values escaped (no raw quote). Read as bytes: a combining mark after a quote would
/// join it into one Character.
private func conforms(_ output: String, to policy: RichTextPolicy) {
    let bytes = Array(output.utf8)
    var index = 0
    func read(until stop: UInt8) -> String {
        let start = index
        while index < bytes.count, bytes[index] != stop { index += 1 }
        check(index < bytes.count, "unterminated tag in \(output)")
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }
    while index < bytes.count {
        guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
        let tag = read(until: UInt8(ascii: ">"))
        var parts = tag.dropFirst().split(separator: " ", maxSplits: 1)
        let name = String((parts.first ?? "").drop { $0 == "/" })
        check(policy.tags.contains(name), "element \(name) is not in the policy: \(output)")
        var attributes = parts.count > 1 ? Array(parts.removeLast().utf8) : []
        while !attributes.isEmpty {
            guard let equals = attributes.firstIndex(of: UInt8(ascii: "=")), equals + 1 < attributes.count,
                  attributes[equals + 1] == UInt8(ascii: "\""),
                  let quote = attributes[(equals + 2)...].firstIndex(of: UInt8(ascii: "\"")) else {
                fail("malformed attributes in \(output)")
            }
            let attribute = String(decoding: attributes[..<equals], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            check((policy.attributes[name] ?? []).contains(attribute) && !attribute.hasPrefix("on"),
                  "attribute \(attribute) on \(name) is not in the policy: \(output)")
            let value = String(decoding: attributes[(equals + 2)..<quote], as: UTF8.self).lowercased().filter { !$0.isWhitespace }
            check(!urlAttributes.contains(attribute) || !["javascript:", "vbscript:", "data:"].contains { value.hasPrefix($0) },
                  "script URL kept: \(output)")
            attributes = Array(attributes[(quote + 1)...])
        }
    }
}

private let urlAttributes: Set<String> = ["href", "src", "cite", "action", "formaction", "poster", "background", "longdesc", "usemap"]

private let policies: [RichTextPolicy] = {
    var wide = RichTextPolicy(toolbar: ["styles", "bold", "italic", "strike", "underline", "link", "horizontalRule", "bulletList",
                                        "orderedList", "blockquote", "codeBlock", "superscript", "subscript", "anchor", "table",
                                        "image", "alignLeft"],
                              styles: ["p", "h1", "h2", "h3", "h4", "h5", "h6"])
    wide.attributes["a", default: []].insert("onclick")
    return [.apostropheDefault, wide]
}()
