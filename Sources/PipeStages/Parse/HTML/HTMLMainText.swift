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
        .textarea, .template, .figure, .menu, .dialog, .h1,
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

    /// Whether an element sits inside a paragraph's text (`a`, `em`, `span`, …): neither a
    /// container nor a block.
    static func isInline(_ tag: HTMLTag) -> Bool {
        !containers.contains(tag) && !blocks.contains(tag) && tag != .body
    }

    /// Whether a subtree is left out, by its tag, `hidden`, `aria-hidden`, or its class and id names.
    static func isDropped(_ node: HTMLNode, tag: HTMLTag, byName: Bool = true) -> Bool {
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
        guard byName, names.contains(where: { $0 != 0x20 }), tag != .body, tag != .article, tag != .main else { return false }
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

    /// The main text's paragraphs: the best-scored element (``topElement(_:)``) and its siblings
    /// that score near it, in document order.
    static func paragraphs(in figures: HTMLPageFigures) -> [String] {
        guard let top = topElement(figures) else { return [] }
        let topScore = figures.adjustedScore(of: top)
        let threshold = max(10, topScore * 0.2)
        // A sibling of the same tag and class (`card`, `paragraph-block`) repeats the top's shape:
        // any score takes it in, as Readability's bonus for a shared class does.
        let shape = (top.tagID, top.attribute("class") ?? "")
        let siblings = top.parent.map { parent in
            parent.children.filter { sibling in
                guard sibling != top else { return true }
                guard sibling.isElement else { return false }
                let score = figures.adjustedScore(of: sibling)
                return score >= threshold || score > 0 && !shape.1.isEmpty && (sibling.tagID, sibling.attribute("class") ?? "") == shape
            }
        } ?? [top]
        return siblings.flatMap { blockTexts($0, figures: figures) }
    }

    /// The element holding the main text, chosen as Readability chooses it: the best score (less
    /// its share of link text); then an ancestor that at least three of the next four best
    /// elements share, when they score three quarters of it; then a parent that scores more than
    /// the element below it, climbing while scores stay above a third; then, while it is an only
    /// child, its parent.
    static func topElement(_ figures: HTMLPageFigures) -> HTMLNode? {
        let ranked = figures.candidates.map { ($0, figures.adjustedScore(of: $0)) }.sorted { $0.1 > $1.1 }
        guard var top = ranked.first?.0, let best = ranked.first?.1, best > 0 else { return nil }
        let alternatives = ranked.dropFirst().prefix(4).filter { $0.1 / best >= 0.75 }.map { Set(ancestors(of: $0.0)) }
        if alternatives.count >= 3, let shared = ancestors(of: top).first(where: { ancestor in
            alternatives.count { $0.contains(ancestor) } >= 3
        }) {
            top = shared
        }
        var last = figures.adjustedScore(of: top)
        var parent = top.parent
        while let node = parent, node.tagID != .body {
            let score = figures.adjustedScore(of: node)
            if score > 0 {
                if score < best / 3 { break }
                if score > last {
                    top = node
                    break
                }
                last = score
            }
            parent = node.parent
        }
        while let parent = top.parent, parent.tagID != .body, parent.children.count(where: \.isElement) == 1 {
            top = parent
        }
        return top
    }

    /// The element's ancestors below `body`, nearest first.
    private static func ancestors(of node: HTMLNode) -> [HTMLNode] {
        var result: [HTMLNode] = []
        var parent = node.parent
        while let node = parent, node.tagID != .body {
            result.append(node)
            parent = node.parent
        }
        return result
    }

    /// The texts of the blocks below `node`, in order, and of its text outside blocks (cut at
    /// double `<br>`); a node with no blocks gives its own text.
    static func blockTexts(_ node: HTMLNode, figures: HTMLPageFigures) -> [String] {
        let skip = { (node: HTMLNode) in figures.isDropped(node) }
        let tag = node.tagID
        if blocks.contains(tag) { return [node.innerText(skipping: skip)] }
        if figures.isParagraph(node) { return node.textsBetweenBreaks(skipping: skip) }
        var texts: [String] = []
        func walk(_ node: HTMLNode, depth: Int) {
            guard depth < 512 else { return }
            var run = HTMLTextBuilder(), length = 0, links = 0
            func endRun() {
                // Loose text that is mostly links (a list of tags, a "Read more") is left out.
                if length >= 25, Double(links) < Double(length) * 0.5 { texts += run.paragraphs(splittingAtBreaks: true) }
                (run, length, links) = (HTMLTextBuilder(), 0, 0)
            }
            for child in node.children {
                if let bytes = child.textBytes {
                    var counted = HTMLPageFigures.Figures()
                    HTMLPageFigures.count(bytes, into: &counted, inLink: false)
                    length += counted.length
                    run.appendText(bytes)
                    continue
                }
                guard child.isElement, !figures.isDropped(child) else { continue }
                let tag = child.tagID
                if tag == .br {
                    run.appendBreak()
                } else if blocks.contains(tag) || figures.isParagraph(child) {
                    endRun()
                    if figures.linkDensity(of: child) < 0.5 { texts += child.textsBetweenBreaks(skipping: skip) }
                } else if isInline(tag) {
                    let (childLength, childLinks) = figures.lengths(of: child)
                    length += childLength
                    links += childLinks
                    run.append(child, skipping: skip)
                } else {
                    endRun()
                    walk(child, depth: depth + 1)
                }
            }
            endRun()
        }
        walk(node, depth: 0)
        return texts
    }
}
