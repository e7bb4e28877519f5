import Foundation

/// Finds a page's main text: the element whose paragraphs score highest (length, commas, few
/// links), with its siblings that score near it, leaving out navigation, ads, comments, related
/// links and banners by their tags and their class and id names.
enum HTMLMainText {
    static let droppedTags: Set<String> = [
        "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button", "select",
        "input", "textarea", "template", "figure", "menu", "dialog",
    ]
    /// Class and id names, whole, that mark what is not the article (not `ad` alone: with it, one
    /// page of the html-extraction benchmark lost its main text).
    static let negativeWords: Set<String> = ["adv", "adslot", "dfp", "outbrain", "taboola", "sharing"]
    static let negative = ["comment", "share", "social", "related", "promo", "advert", "ad-slot", "ad-container",
                           "ad-wrapper", "sponsor", "cookie", "banner",
                           "subscribe", "newsletter", "footer", "sidebar", "breadcrumb", "popup", "modal", "menu", "nav",
                           "recommend", "more-stories", "byline", "caption", "disclaimer", "toolbar", "masthead", "signup"]
    static let positive = ["article", "content", "entry", "post", "story", "main", "text", "body"]
    static let blocks: Set<String> = ["p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd"]
    /// Tags that hold blocks: a `div` without any of them is read as a paragraph.
    static let containers: Set<String> = [
        "p", "div", "section", "article", "main", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "pre", "figure", "header", "footer", "nav", "aside", "form",
    ]

    /// Whether an element reads as a paragraph: `p`, `pre`, `blockquote`, or a `div` or `section`
    /// holding text but no blocks (as blogs write paragraphs, with `<br>` between them).
    static func isParagraph(_ node: HTMLNode) -> Bool {
        switch node.tag {
        case "p", "pre", "blockquote": return true
        case "div", "section", "font", "span":
            return !node.children.contains { $0.isElement && containers.contains($0.tag) }
        default: return false
        }
    }

    /// Whether a subtree is left out.
    static func isDropped(_ node: HTMLNode) -> Bool {
        if droppedTags.contains(node.tag) { return true }
        if node.attribute("hidden") != nil || node.attribute("aria-hidden") == "true" { return true }
        let names = ((node.attribute("class") ?? "") + " " + (node.attribute("id") ?? "")).lowercased()
        guard !names.trimmingCharacters(in: .whitespaces).isEmpty, node.tag != "body", node.tag != "article", node.tag != "main" else { return false }
        let words = names.split { !$0.isLetter && !$0.isNumber }
        let isNegative = negative.contains { names.contains($0) } || words.contains { negativeWords.contains(String($0)) }
        return isNegative && !positive.contains { names.contains($0) }
    }

    static func paragraphs(in root: HTMLNode) -> [String] {
        var scores: [HTMLNode: Double] = [:]
        var order: [HTMLNode] = []
        func visit(_ node: HTMLNode, depth: Int) {
            guard depth < 512 else { return }
            for child in node.children where child.isElement && !isDropped(child) {
                if isParagraph(child) {
                    let text = child.innerText(skipping: isDropped)
                    if text.count >= 25 {
                        let score = 1 + Double(text.filter { $0 == "," }.count) + min(Double(text.count) / 100, 3)
                        for (level, ancestor) in [child.parent, child.parent?.parent].enumerated() {
                            guard let ancestor else { continue }
                            if scores[ancestor] == nil { order.append(ancestor) }
                            scores[ancestor, default: 0] += level == 0 ? score : score / 2
                        }
                    }
                }
                visit(child, depth: depth + 1)
            }
        }
        visit(root, depth: 0)
        let ranked = order.map { ($0, (scores[$0] ?? 0) * (1 - linkDensity($0))) }
        guard let top = ranked.max(by: { $0.1 < $1.1 }) else { return [] }
        // The best element, and its siblings that score near it, in document order.
        let threshold = max(10, top.1 * 0.2)
        let siblings = top.0.parent?.children.filter { $0 == top.0 || (scores[$0] ?? 0) * (1 - linkDensity($0)) >= threshold }
            ?? [top.0]
        return siblings.flatMap { blockTexts($0) }
    }

    /// The texts of the blocks below `node`, in order; a node with no blocks gives its own text.
    static func blockTexts(_ node: HTMLNode) -> [String] {
        var texts: [String] = []
        func walk(_ node: HTMLNode, depth: Int) {
            guard depth < 512 else { return }
            for child in node.children where child.isElement && !isDropped(child) {
                if blocks.contains(child.tag) || (isParagraph(child) && child.tag != "span") {
                    if linkDensity(child) < 0.5 { texts += child.textsBetweenBreaks(skipping: isDropped) }
                } else {
                    walk(child, depth: depth + 1)
                }
            }
        }
        if blocks.contains(node.tag) { return [node.innerText(skipping: isDropped)] }
        if isParagraph(node) { return node.textsBetweenBreaks(skipping: isDropped) }
        walk(node, depth: 0)
        return texts
    }

    /// The share of an element's text inside links.
    static func linkDensity(_ node: HTMLNode) -> Double {
        let total = node.innerText(skipping: isDropped).count
        guard total > 0 else { return 0 }
        let linked = node.descendants { $0.tag == "a" }.reduce(0) { $0 + $1.innerText().count }
        return min(1, Double(linked) / Double(total))
    }
}
