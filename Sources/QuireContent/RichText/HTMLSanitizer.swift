import CGumbo
import Foundation

/// Filters HTML to a `RichTextPolicy` with a real HTML5 parser (gumbo), the way sanitize-html
/// does for Apostrophe: the input is parsed as the content of `<body>`, then written back out
/// keeping only allowed elements and attributes. A disallowed element is unwrapped (its text
/// stays) unless it holds code (`script`, `style`, `svg`, …), which goes with all it holds.
/// Event handlers (`on…`) and URLs with a scheme outside the policy never survive, and text is
/// re-escaped, so the output parses to what was kept — except where an unwrapped element leaves
/// a nesting HTML forbids (a link in a link), which a parser closes sooner: nothing is added.
public enum HTMLSanitizer {
    public static func sanitize(_ html: String, policy: RichTextPolicy) -> String {
        var bytes = Array(html.utf8)
        // gumbo stops at NUL; it has no business in rich text anyway.
        bytes.removeAll { $0 == 0 }
        guard !bytes.isEmpty else { return "" }
        let output: UnsafeMutablePointer<GumboOutput>? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                quire_gumbo_parse_body_fragment(pointer, buffer.count)
            }
        }
        guard let output else { return "" }
        defer { quire_gumbo_destroy(output) }
        var writer = Writer(policy: policy)
        writer.node(output.pointee.root)
        return writer.html
    }

    /// Text for an HTML element or a quoted attribute, shown as written.
    public static func escape(_ text: String) -> String {
        Writer.escape(text, quotes: true)
    }

    /// Plain text as HTML that shows it as written (Apostrophe's `escapeHtml`, newlines as `<br>`).
    public static func escapeText(_ text: String) -> String {
        Writer.escape(text, quotes: true).replacingOccurrences(of: "\r\n", with: "<br>").replacingOccurrences(of: "\n", with: "<br>")
    }

    private struct Writer {
        let policy: RichTextPolicy
        var html = ""

        mutating func node(_ pointer: UnsafeMutablePointer<GumboNode>?) {
            guard let pointer else { return }
            let node = pointer.pointee
            switch node.type {
            case GUMBO_NODE_ELEMENT, GUMBO_NODE_TEMPLATE:
                element(node.v.element)
            case GUMBO_NODE_TEXT, GUMBO_NODE_WHITESPACE, GUMBO_NODE_CDATA:
                if let text = node.v.text.text { html += Self.escape(String(cString: text), quotes: false) }
            case GUMBO_NODE_DOCUMENT:
                children(node.v.document.children)
            default:
                // Comments can hide conditional markup for old browsers: never kept.
                return
            }
        }

        mutating func children(_ vector: GumboVector) {
            for index in 0..<Int(vector.length) {
                node(vector.data[index]?.assumingMemoryBound(to: GumboNode.self))
            }
        }

        mutating func element(_ element: GumboElement) {
            let name = Self.name(of: element)
            if element.tag_namespace != GUMBO_NAMESPACE_HTML || RichTextPolicy.droppedWithContent.contains(name) { return }
            guard policy.tags.contains(name) else { return children(element.children) }
            html += "<" + name
            let allowed = policy.attributes[name] ?? []
            for index in 0..<Int(element.attributes.length) {
                guard let raw = element.attributes.data[index]?.assumingMemoryBound(to: GumboAttribute.self).pointee,
                      let attributeName = raw.name.map({ String(cString: $0).lowercased() }),
                      let value = raw.value.map({ String(cString: $0) }) else { continue }
                guard allowed.contains(attributeName), !attributeName.hasPrefix("on"), let kept = keep(attributeName, value) else { continue }
                html += " \(attributeName)=\"\(Self.escape(kept, quotes: true))\""
            }
            html += ">"
            if RichTextPolicy.voidTags.contains(name) { return }
            // The parser drops one newline right after these start tags: a kept leading newline
            // needs another in front to read back.
            if ["pre", "textarea", "listing"].contains(name), Self.startsWithNewline(element.children) { html += "\n" }
            children(element.children)
            html += "</\(name)>"
        }

        /// The value to keep, or nil: URLs need an allowed scheme, styles only align text.
        func keep(_ attribute: String, _ value: String) -> String? {
            if RichTextPolicy.urlAttributes.contains(attribute) {
                return Self.scheme(of: value).map { policy.schemes.contains($0) } ?? true ? value : nil
            }
            if attribute == "style" {
                let compact = value.lowercased().filter { !$0.isWhitespace }.trimmingSuffix(";")
                let alignments = ["left", "right", "center", "justify"].map { "text-align:\($0)" }
                return alignments.contains(compact) ? compact : nil
            }
            return value
        }

        /// A URL's scheme as a browser reads it: control characters and whitespace (which
        /// browsers skip, as in `java\tscript:`) removed, lowercased. nil for relative URLs.
        static func scheme(of url: String) -> String? {
            let cleaned = String(url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }.map(Character.init)).lowercased()
            guard let colon = cleaned.firstIndex(of: ":") else { return nil }
            let candidate = cleaned[..<colon]
            if candidate.contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { return nil }
            return String(candidate)
        }

        static func name(of element: GumboElement) -> String {
            if element.tag == GUMBO_TAG_UNKNOWN { return "" }
            return String(cString: gumbo_normalized_tagname(element.tag))
        }

        static func startsWithNewline(_ children: GumboVector) -> Bool {
            guard children.length > 0, let first = children.data[0]?.assumingMemoryBound(to: GumboNode.self).pointee,
                  first.type == GUMBO_NODE_TEXT || first.type == GUMBO_NODE_WHITESPACE,
                  let text = first.v.text.text else { return false }
            return text.pointee == 0x0A
        }

        /// Escapes so that the output parses back to `text`: a carriage return (which the
        /// parser turns into a newline) as a reference, and the code points the parser replaces
        /// with U+FFFD (controls, noncharacters; reachable through `&#x3;`) as U+FFFD already.
        static func escape(_ text: String, quotes: Bool) -> String {
            var result = ""
            result.reserveCapacity(text.utf8.count)
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": result += "&amp;"
                case "<": result += "&lt;"
                case ">": result += "&gt;"
                case "\"" where quotes: result += "&quot;"
                case "\u{A0}": result += "&nbsp;"
                case "\r": result += "&#13;"
                case _ where isReplacedByParser(scalar): result.unicodeScalars.append("\u{FFFD}")
                default: result.unicodeScalars.append(scalar)
                }
            }
            return result
        }

        /// gumbo's `utf8_is_invalid_code_point`: C0 controls but tab, newline, form feed and
        /// carriage return; DEL and C1 controls; noncharacters.
        static func isReplacedByParser(_ scalar: Unicode.Scalar) -> Bool {
            let value = scalar.value
            return (0x1...0x8).contains(value) || value == 0xB || (0xE...0x1F).contains(value) || (0x7F...0x9F).contains(value)
                || (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE
        }
    }
}

private extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
