import Testing
@testable import QuireContent

/// Known XSS vectors (OWASP's filter evasion cheat sheet, html5sec.org, sanitize-html's own
/// tests). After sanitizing, none may leave a script, an event handler or a script URL.
let xssPayloads: [String] = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>",
    "<p>hi<script>alert(1)</script></p>",
    "<scr<script>ipt>alert(1)</script>",
    "<<script>script>alert(1)//<</script>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=javascript:alert('XSS')>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"JAVASCRIPT:alert(1)\">x</a>",
    "<a href=\" javascript:alert(1)\">x</a>",
    "<a href=\"java\tscript:alert(1)\">x</a>",
    "<a href=\"java&#x09;script:alert(1)\">x</a>",
    "<a href=\"java&#x0A;script:alert(1)\">x</a>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
    "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)\">x</a>",
    "<a href=\"jav&#x61;script:alert(1)\">x</a>",
    "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)\">x</a>",
    "<a href=\"\u{1}javascript:alert(1)\">x</a>",
    "<a href=\"vbscript:msgbox(1)\">x</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
    "<a href=\"livescript:alert(1)\">x</a>",
    "<a href=x onclick=alert(1)>x</a>",
    "<a href=x ONCLICK=alert(1)>x</a>",
    "<a onmouseover=\"alert(1)\">x</a>",
    "<p onclick=alert(1)>x</p>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<form action=\"javascript:alert(1)\"><button>x</button></form>",
    "<button formaction=\"javascript:alert(1)\">x</button>",
    "<input onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=\"alert(1)\"></video>",
    "<style>@import 'javascript:alert(1)';</style>",
    "<div style=\"background-image: url(javascript:alert(1))\">x</div>",
    "<p style=\"x:expression(alert(1))\">x</p>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<link rel=stylesheet href=\"javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<textarea><script>alert(1)</script></textarea>",
    "<title><script>alert(1)</script></title>",
    "<template><script>alert(1)</script></template>",
    "<xmp><script>alert(1)</script></xmp>",
    "<a href=\"#\" title=\"\"><img src=x onerror=alert(1)>\">x</a>",
    "<a title='\"><script>alert(1)</script>'>x</a>",
    "<p>\"><script>alert(1)</script></p>",
    "<a href=\"https://ok\" target=\"_blank\" onclick=\"alert(1)\">ok</a>",
    "<isindex type=image src=1 onerror=alert(1)>",
    "<marquee onstart=alert(1)>",
    "<a href=\"javascript&colon;alert(1)\">x</a>",
    "<a href=\"javas\u{0}cript:alert(1)\">x</a>",
]

@Suite struct HTMLSanitizerTests {
    let policy = RichTextPolicy.apostropheDefault

    @Test(arguments: xssPayloads) func payloadLeavesNothingExecutable(_ payload: String) {
        let clean = HTMLSanitizer.sanitize(payload, policy: policy)
        let lowered = clean.lowercased()
        #expect(!lowered.contains("<script"), "\(clean)")
        #expect(!lowered.contains("javascript:"), "\(clean)")
        #expect(!lowered.contains("vbscript:"), "\(clean)")
        #expect(!lowered.contains("data:"), "\(clean)")
        #expect(!lowered.contains("<img"), "\(clean)")
        #expect(!lowered.contains("<svg"), "\(clean)")
        #expect(!lowered.contains("<iframe"), "\(clean)")
        #expect(!lowered.contains("style="), "\(clean)")
        // No event handler attribute survives inside any tag that was kept.
        for tag in lowered.split(separator: "<").dropFirst() {
            let inside = tag.prefix { $0 != ">" }
            #expect(!inside.contains(" on"), "\(clean)")
        }
        // Sanitizing is stable: the output is already clean.
        #expect(HTMLSanitizer.sanitize(clean, policy: policy) == clean)
    }

    @Test func keepsWhatTheToolbarAllows() {
        let html = #"<h2>Title</h2><p>Some <strong>bold</strong>, <em>it</em> and <a href="https://x.test/a?b=1&amp;c=2" target="_blank">a link</a>.</p><ul><li>one</li></ul>"#
        #expect(HTMLSanitizer.sanitize(html, policy: policy) == html)
        #expect(HTMLSanitizer.sanitize("<a href=\"mailto:a@b.c\">m</a> <a href=\"/relative\">r</a> <a href=\"#top\">t</a>", policy: policy)
            == "<a href=\"mailto:a@b.c\">m</a> <a href=\"/relative\">r</a> <a href=\"#top\">t</a>")
    }

    @Test func disallowedTagsAreUnwrappedAndCodeIsDropped() {
        #expect(HTMLSanitizer.sanitize("<div><h1>Big</h1><span>text</span></div>", policy: policy) == "Bigtext")
        #expect(HTMLSanitizer.sanitize("<p>a<script>evil()</script>b<style>p{}</style>c</p>", policy: policy) == "<p>abc</p>")
        #expect(HTMLSanitizer.sanitize("<p>1 < 2 & 3 > 2</p>", policy: policy) == "<p>1 &lt; 2 &amp; 3 &gt; 2</p>")
        #expect(HTMLSanitizer.sanitize("<p>unclosed <b>bold", policy: policy) == "<p>unclosed <b>bold</b></p>")
        #expect(HTMLSanitizer.sanitize("", policy: policy) == "")
    }

    @Test func policyComesFromTheToolbarAndExplicitLists() {
        let narrow = RichTextPolicy(toolbar: ["bold"], styles: [])
        #expect(HTMLSanitizer.sanitize("<p><b>x</b><i>y</i><a href=\"https://a\">z</a></p>", policy: narrow) == "<p><b>x</b>yz</p>")
        let aligned = RichTextPolicy(toolbar: ["styles", "alignCenter"], styles: ["p"])
        #expect(HTMLSanitizer.sanitize("<p style=\"text-align: center\">c</p><p style=\"color:red\">r</p>", policy: aligned)
            == "<p style=\"text-align:center\">c</p><p>r</p>")
        var httpsOnly = RichTextPolicy.apostropheDefault
        httpsOnly.schemes = ["https"]
        #expect(HTMLSanitizer.sanitize("<a href=\"http://a\">x</a><a href=\"https://a\">y</a>", policy: httpsOnly) == "<a>x</a><a href=\"https://a\">y</a>")
        let images = RichTextPolicy(toolbar: ["image"], styles: [])
        #expect(HTMLSanitizer.sanitize("<figure><img src=\"/api/v1/@apostrophecms/image/x/src\" alt=\"a\" onerror=\"x\"></figure>", policy: images)
            == "<figure><img src=\"/api/v1/@apostrophecms/image/x/src\" alt=\"a\"></figure>")
        #expect(HTMLSanitizer.sanitize("<img src=\"javascript:alert(1)\">", policy: images) == "<img>")
    }

    @Test func areasNormalizeFromEveryInputForm() throws {
        let fromString = try #require(AreaValue.normalize(.string("a < b"), policy: policy))
        #expect(fromString["items"]?[0]?["content"] == .string("<p>a &lt; b</p>"))
        #expect(fromString["items"]?[0]?["type"] == .string(AreaValue.richTextType))
        #expect(fromString["_id"]?.isString == true)
        let list = Value.array([.object(["_id": .string("w"), "type": .string(AreaValue.richTextType), "content": .string("<p onclick=x>hi</p>"), "metaType": .string("widget")]),
                                .object(["_id": .string("w"), "type": .string("custom"), "n": .int(1)])])
        let fromList = try #require(AreaValue.normalize(list, policy: policy))
        #expect(fromList["items"]?[0] == .object(["_id": .string("w"), "type": .string(AreaValue.richTextType), "content": .string("<p>hi</p>")]))
        #expect(fromList["items"]?[1]?["_id"] != .string("w"), "a repeated widget id is replaced")
        #expect(fromList["items"]?[1]?["n"] == .int(1))
        #expect(AreaValue.normalize(.int(3), policy: policy) == nil)
        #expect(AreaValue.normalize(.array([.object(["content": .string("no type")])]), policy: policy) == nil)
    }
}

private extension Value {
    subscript(key: String) -> Value? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    subscript(index: Int) -> Value? {
        if case .array(let items) = self, items.indices.contains(index) { return items[index] }
        return nil
    }

    var isString: Bool {
        if case .string = self { return true }
        return false
    }
}
