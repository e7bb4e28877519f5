/// The HTML elements main-text extraction tells apart, found from a tag name's bytes without
/// making a string (libxml2's HTML parser gives names in lower case); every other is `.other`.
enum HTMLTag: UInt8 {
    case other
    case a, address, article, aside, blockquote, body, br, button, dd, dialog, div, dl, dt, figcaption, figure, font,
         footer, form, h1, h2, h3, h4, h5, h6, head, header, hr, iframe, input, li, link, main, menu, meta, nav, noscript,
         ol, p, pre, script, section, select, span, style, svg, table, template, textarea, time, title, tr, ul

    /// The tag of an element named `name`, a NUL-terminated lower-case name.
    init(name: UnsafePointer<UInt8>?) {
        guard let name else {
            self = .other
            return
        }
        // The name's first 8 bytes and its length, as one key: every name above is told apart by them.
        var key: UInt64 = 0
        var length = 0
        while name[length] != 0 {
            if length < 8 { key |= UInt64(name[length]) << (8 * UInt64(length)) }
            length += 1
            if length > 10 { break }
        }
        self = Self.byKey[Key(bytes: key, length: length)] ?? .other
    }

    private struct Key: Hashable {
        var bytes: UInt64
        var length: Int
    }

    private static let names: [(String, HTMLTag)] = [
        ("a", .a), ("address", .address), ("article", .article), ("aside", .aside), ("blockquote", .blockquote), ("body", .body), ("br", .br),
        ("button", .button), ("dd", .dd), ("dialog", .dialog), ("div", .div), ("dl", .dl), ("dt", .dt), ("figcaption", .figcaption), ("figure", .figure), ("font", .font),
        ("footer", .footer), ("form", .form), ("h1", .h1), ("h2", .h2), ("h3", .h3), ("h4", .h4), ("h5", .h5), ("h6", .h6),
        ("head", .head), ("header", .header), ("hr", .hr), ("iframe", .iframe), ("input", .input), ("li", .li), ("link", .link),
        ("main", .main), ("menu", .menu), ("meta", .meta), ("nav", .nav), ("noscript", .noscript), ("ol", .ol), ("p", .p),
        ("pre", .pre), ("script", .script), ("section", .section), ("select", .select), ("span", .span), ("style", .style),
        ("svg", .svg), ("table", .table), ("template", .template), ("textarea", .textarea), ("time", .time), ("title", .title),
        ("tr", .tr), ("ul", .ul),
    ]

    private static let byKey: [Key: HTMLTag] = Dictionary(uniqueKeysWithValues: names.map { name, tag in
        let bytes = Array(name.utf8)
        let key = bytes.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        return (Key(bytes: key, length: bytes.count), tag)
    })
}
