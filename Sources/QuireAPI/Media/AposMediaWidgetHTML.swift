import QuireContent

/// `render-areas` for image and file widgets: the HTML Apostrophe's `image-widget` fragment and
/// `file-widget` template write with the modules' default options (`className: false`,
/// `inlineStyles: true`, size `full`), whitespace folded. The image's `srcset` is
/// `apos.image.srcset`: every size narrower than the original plus one at least as wide, `w`
/// capped at the original's width; URLs carry the widget's crop; a focal point becomes
/// `object-position`. The caption and link classes are the template's own `className +
/// "__caption"` with `className` false, hence `false__caption`, as Apostrophe writes them.
enum AposMediaWidgetHTML {
    static func html(_ widget: OrderedObject) -> String? {
        switch AposMediaWidget.kind(of: widget)?.relationship {
        case "image"?: image(widget)
        case "file"?: file(widget)
        default: nil
        }
    }

    private static func image(_ widget: OrderedObject) -> String {
        guard case .array(let pieces)? = widget["_image"], case .object(let piece)? = pieces.first,
              case .object(let attachment)? = piece["attachment"], attachment["group"] == .string("images") else { return "" }
        var img = "<img data-apos-test=\"image-widget\" srcset=\"\(escape(srcset(attachment)))\""
        img += " src=\"\(escape(url(attachment, size: "full")))\" alt=\"\(escape(string(attachment["_alt"])))\""
        if case .object(let point)? = attachment["_focalPoint"], let x = number(point["x"]), let y = number(point["y"]) {
            img += " style=\"object-position: \(x)% \(y)%\""
        }
        img += " />"
        let linkTo = string(widget["linkTo"])
        if !linkTo.isEmpty, linkTo != "none" { img = link(widget, linkTo: linkTo, around: img) }
        var html = "<figure style=\"margin: 0;\">" + img
        let caption = string(widget["caption"])
        if !caption.isEmpty { html += "<figcaption class=\"false__caption\">\(escape(caption))</figcaption>" }
        return html + "</figure>"
    }

    private static func link(_ widget: OrderedObject, linkTo: String, around img: String) -> String {
        let href: String
        let title: String
        if linkTo == "_url" {
            href = safeHref(string(widget["linkHref"]))
            title = string(widget["linkHrefTitle"]).isEmpty ? string(widget["caption"]) : string(widget["linkHrefTitle"])
        } else {
            // A page link: the widget's `_<slugified type>` relationship, when it was sent loaded.
            let name = "_" + AposTypeMap.slugify(linkTo)
            var item = OrderedObject()
            if case .array(let list)? = widget[name], case .object(let first)? = list.first { item = first }
            href = safeHref(string(item["_url"]))
            title = string(widget["linkTitle"]).isEmpty ? string(item["title"]) : string(widget["linkTitle"])
        }
        var html = "<a href=\"\(escape(href))\" title=\"\(escape(title))\" class=\"false__link\""
        if case .array(let targets)? = widget["linkTarget"], case .string(let target)? = targets.first {
            html += " target=\"\(escape(target))\""
            if target == "_blank", linkTo == "_url" { html += " rel=\"noopener noreferrer\"" }
        }
        return html + ">" + img + "</a>"
    }

    private static func file(_ widget: OrderedObject) -> String {
        guard case .array(let pieces)? = widget["_file"], case .object(let piece)? = pieces.first else {
            return "<div>No file selected</div>"
        }
        var href = string(piece["_url"])
        if href.isEmpty, case .object(let attachment)? = piece["attachment"] { href = url(attachment, size: "full") }
        return "<div><a href=\"\(escape(href))\" download>\(escape(string(piece["title"])))</a></div>"
    }

    /// `apos.image.srcset(attachment)` over the sizes the attachment's `_urls` carry.
    static func srcset(_ attachment: OrderedObject) -> String {
        guard case .object(let urls)? = attachment["_urls"], let width = number(attachment["width"]) else { return "" }
        var includedWider = false
        var sources: [String] = []
        for size in MediaContext.config.apostropheSizes {
            guard case .string(let url)? = urls[size.name] else { continue }
            if size.width >= width {
                if includedWider { continue }
                includedWider = true
            }
            sources.append("\(url) \(min(size.width, width))w")
        }
        return sources.joined(separator: ", ")
    }

    /// `apos.attachment.url(attachment, {size})`: the size when the file is sized, else the file.
    private static func url(_ attachment: OrderedObject, size: String) -> String {
        if case .object(let urls)? = attachment["_urls"], case .string(let url)? = urls[size] ?? urls["original"] { return url }
        return string(attachment["_url"])
    }

    /// Apostrophe launders `url` fields: a scheme that could run script becomes an empty link.
    private static func safeHref(_ href: String) -> String {
        let lowered = href.lowercased().filter { !$0.isWhitespace && !$0.isNewline }
        guard let colon = lowered.firstIndex(of: ":"), !lowered[..<colon].contains("/") else { return href }
        return ["http", "https", "mailto", "tel", "ftp"].contains(String(lowered[..<colon])) ? href : ""
    }

    private static func string(_ value: Value?) -> String {
        if case .string(let text)? = value { return text }
        return ""
    }

    private static func number(_ value: Value?) -> Int? {
        switch value {
        case .int(let number)?: Int(number)
        case .double(let number)?: Int(number)
        default: nil
        }
    }

    private static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
