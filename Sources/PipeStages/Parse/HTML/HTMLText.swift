/// All the text of an HTML fragment, paragraph by paragraph, without removing anything but
/// scripts and styles: for a feed item's body, which is already the article.
///
/// A paragraph ends at every block element (`p`, `div`, `li`, headings, `blockquote`, table rows,
/// …) and at two `<br>` in a row; white space is collapsed.
enum HTMLText {
    static let blocks: Set<String> = [
        "p", "div", "section", "article", "main", "header", "footer", "aside", "ul", "ol", "li", "dl", "dt", "dd",
        "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "figure", "figcaption", "hr", "address",
    ]
    static let skipped: Set<String> = ["script", "style", "noscript", "template", "head"]

    /// The paragraphs of `html`, a fragment or a page in UTF-8.
    static func paragraphs(of html: String) -> [String] {
        guard let document = HTMLDocument(utf8: Array(html.utf8)) else { return [] }
        return withExtendedLifetime(document) {
            var collector = Collector()
            collector.walk(document.root, depth: 0)
            collector.flush()
            return collector.paragraphs
        }
    }

    private struct Collector {
        var paragraphs: [String] = []
        var current: [String] = []
        var breaks = 0

        mutating func flush() {
            let text = current.joined().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if !text.isEmpty { paragraphs.append(text) }
            current = []
            breaks = 0
        }

        mutating func walk(_ node: HTMLNode, depth: Int) {
            guard depth < 512 else { return }
            for child in node.children {
                if child.isText {
                    if child.text.contains(where: { !$0.isWhitespace }) { breaks = 0 }
                    current.append(child.text)
                    continue
                }
                guard child.isElement else { continue }
                let tag = child.tag
                if skipped.contains(tag) { continue }
                if tag == "br" {
                    breaks += 1
                    if breaks == 2 { flush() } else { current.append(" ") }
                } else if blocks.contains(tag) {
                    flush()
                    walk(child, depth: depth + 1)
                    flush()
                } else {
                    walk(child, depth: depth + 1)
                }
            }
        }
    }
}
