import PipeKit

/// Finds a page's main text: the element whose paragraphs score highest (length, commas, few
/// links), with its siblings that score near it, leaving out navigation, ads, comments, related
/// links and banners by their tags and their class and id names.
///
/// One pass over libxml2's tree (``HTMLPageFigures``) gathers every element's text length, link
/// text and commas, and scores paragraphs into their parents; the text is then made only for the
/// elements chosen.
enum HTMLMainText {
    static let droppedTags: Set<HTMLTag> = [
        .script, .style, .noscript, .nav, .header, .footer, .aside, .form, .iframe, .svg, .button, .select, .input,
        .textarea, .template, .figure, .menu, .dialog,
    ]
    /// Class and id names, whole, that mark what is not the article (not `ad` alone: with it, one
    /// page of the html-extraction benchmark lost its main text).
    static let negativeWords: Set<[UInt8]> = Set(["adv", "adslot", "dfp", "outbrain", "taboola", "sharing"].map { Array($0.utf8) })
    static let negative = ["comment", "share", "social", "related", "promo", "advert", "ad-slot", "ad-container",
                           "ad-wrapper", "sponsor", "cookie", "banner",
                           "subscribe", "newsletter", "footer", "sidebar", "breadcrumb", "popup", "modal", "menu", "nav",
                           "recommend", "more-stories", "byline", "caption", "disclaimer", "toolbar", "masthead", "signup"]
        .map { Array($0.utf8) }
    static let positive = ["article", "content", "entry", "post", "story", "main", "text", "body"].map { Array($0.utf8) }
    static let blocks: Set<HTMLTag> = [.p, .h2, .h3, .h4, .h5, .h6, .li, .blockquote, .pre, .dd]
    /// Tags that hold blocks: a `div` without any of them is read as a paragraph.
    static let containers: Set<HTMLTag> = [
        .p, .div, .section, .article, .main, .table, .ul, .ol, .dl, .h1, .h2, .h3, .h4, .h5, .h6, .blockquote, .pre,
        .figure, .header, .footer, .nav, .aside, .form,
    ]

    /// Whether a subtree is left out, by its tag, `hidden`, `aria-hidden`, or its class and id names.
    static func isDropped(_ node: HTMLNode, tag: HTMLTag) -> Bool {
        if droppedTags.contains(tag) { return true }
        var names: [UInt8] = []
        var hidden = false
        node.forEachAttribute { name, value in
            switch Self.name(name) {
            case "class", "id":
                guard let value else { return }
                var index = 0
                while value[index] != 0 {
                    let byte = value[index]
                    names.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
                    index += 1
                }
                names.append(0x20)
            case "hidden": hidden = true
            case "aria-hidden": hidden = hidden || value.map { String(cString: $0) == "true" } ?? false
            default: break
            }
        }
        if hidden { return true }
        guard names.contains(where: { $0 != 0x20 }), tag != .body, tag != .article, tag != .main else { return false }
        let isNegative = negative.contains { names.firstRange(of: $0, from: 0) != nil }
            || names.split { !Self.isNameCharacter($0) }.contains { negativeWords.contains(Array($0)) }
        return isNegative && !positive.contains { names.firstRange(of: $0, from: 0) != nil }
    }

    /// An attribute name worth comparing: short ones as strings, the rest as nothing.
    private static func name(_ bytes: UnsafePointer<UInt8>) -> String {
        var length = 0
        while bytes[length] != 0, length < 12 { length += 1 }
        return length < 12 ? String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self) : ""
    }

    private static func isNameCharacter(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte >= 0x80
    }

    static func paragraphs(in figures: HTMLPageFigures) -> [String] {
        let ranked = figures.candidates.map { ($0, figures.score(of: $0) * (1 - figures.linkDensity(of: $0))) }
        guard let top = ranked.max(by: { $0.1 < $1.1 }) else { return [] }
        // The best element, and its siblings that score near it, in document order.
        let threshold = max(10, top.1 * 0.2)
        let siblings = top.0.parent.map { parent in
            parent.children.filter { $0 == top.0 || $0.isElement && figures.score(of: $0) * (1 - figures.linkDensity(of: $0)) >= threshold }
        } ?? [top.0]
        return siblings.flatMap { blockTexts($0, figures: figures) }
    }

    /// The texts of the blocks below `node`, in order; a node with no blocks gives its own text.
    static func blockTexts(_ node: HTMLNode, figures: HTMLPageFigures) -> [String] {
        let skip = { (node: HTMLNode) in figures.isDropped(node) }
        var texts: [String] = []
        func walk(_ node: HTMLNode, depth: Int) {
            guard depth < 512 else { return }
            for child in node.children where child.isElement && !figures.isDropped(child) {
                let tag = child.tagID
                if blocks.contains(tag) || (figures.isParagraph(child) && tag != .span) {
                    if figures.linkDensity(of: child) < 0.5 { texts += child.textsBetweenBreaks(skipping: skip) }
                } else {
                    walk(child, depth: depth + 1)
                }
            }
        }
        let tag = node.tagID
        if blocks.contains(tag) { return [node.innerText(skipping: skip)] }
        if figures.isParagraph(node) { return node.textsBetweenBreaks(skipping: skip) }
        walk(node, depth: 0)
        return texts
    }
}
