/// All the text of an HTML fragment, paragraph by paragraph, without removing anything but
/// scripts and styles: for a feed item's body, which is already the article.
///
/// A paragraph ends at every block element (`p`, `div`, `li`, headings, `blockquote`, table rows,
/// …) and at two `<br>` in a row; white space is collapsed.
enum HTMLText {
    static let blocks: Set<HTMLTag> = [
        .p, .div, .section, .article, .main, .header, .footer, .aside, .ul, .ol, .li, .dl, .dt, .dd,
        .h1, .h2, .h3, .h4, .h5, .h6, .blockquote, .pre, .table, .tr, .figure, .figcaption, .hr, .address,
    ]
    static let skipped: Set<HTMLTag> = [.script, .style, .noscript, .template, .head]

    /// The paragraphs of `html`, a fragment or a page in UTF-8.
    static func paragraphs(of html: String) -> [String] {
        guard let document = HTMLDocument(utf8: Array(html.utf8)) else { return [] }
        return withExtendedLifetime(document) {
            var builder = HTMLTextBuilder()
            walk(document.root, into: &builder, depth: 0)
            return builder.paragraphs(splittingAtBreaks: true)
        }
    }

    private static func walk(_ node: HTMLNode, into builder: inout HTMLTextBuilder, depth: Int) {
        guard depth < 512 else { return }
        for child in node.children {
            if let bytes = child.textBytes {
                builder.appendText(bytes)
                continue
            }
            guard child.isElement else { continue }
            let tag = child.tagID
            if skipped.contains(tag) { continue }
            if tag == .br {
                builder.appendBreak()
            } else if blocks.contains(tag) {
                builder.endParagraph()
                walk(child, into: &builder, depth: depth + 1)
                builder.endParagraph()
            } else {
                walk(child, into: &builder, depth: depth + 1)
            }
        }
    }
}
