/// What one pass over a page's tree finds: for every element, the length of its text (white
/// space collapsed, left-out subtrees not counted), of its text inside links, its commas, whether
/// it is left out or reads as a paragraph, and the score its paragraphs give it; and the elements
/// the page's metadata is read from.
///
/// Each element's figures are found by the index its libxml2 node keeps in `_private`, which
/// nothing else uses in a tree Pipe parsed.
final class HTMLPageFigures {
    /// One element's figures.
    struct Figures {
        var length = 0
        var linkLength = 0
        var commas = 0
        var score = 0.0
        var isDropped = false
        var isParagraph = false

        mutating func add(_ other: Figures) {
            length += other.length
            linkLength += other.linkLength
            commas += other.commas
        }
    }

    private var figures: [Figures] = [Figures()]
    /// The elements paragraphs scored, in the order they were first scored.
    private(set) var candidates: [HTMLNode] = []
    /// Elements of the page's metadata, in document order, wherever they are.
    private(set) var metas: [HTMLNode] = [], links: [HTMLNode] = [], scripts: [HTMLNode] = [], times: [HTMLNode] = []
    private(set) var headings: [HTMLNode] = [], titles: [HTMLNode] = []

    /// Whether class and id names leave elements out, or only tags, `hidden` and `aria-hidden`.
    let dropsByName: Bool

    /// Gathers the figures of the tree below `root`.
    init(root: HTMLNode, dropsByName: Bool = true) {
        self.dropsByName = dropsByName
        _ = visit(root, depth: 0, inLink: false)
    }

    func score(of node: HTMLNode) -> Double { figures[index(of: node)].score }
    func isDropped(_ node: HTMLNode) -> Bool { figures[index(of: node)].isDropped }
    func isParagraph(_ node: HTMLNode) -> Bool { figures[index(of: node)].isParagraph }

    /// An element's score less its share of link text.
    func adjustedScore(of node: HTMLNode) -> Double {
        score(of: node) * (1 - linkDensity(of: node))
    }

    /// The length of an element's text, and of its text inside links.
    func lengths(of node: HTMLNode) -> (text: Int, links: Int) {
        let figures = figures[index(of: node)]
        return (figures.length, figures.linkLength)
    }

    /// The share of an element's text inside links.
    func linkDensity(of node: HTMLNode) -> Double {
        let figures = figures[index(of: node)]
        return figures.length > 0 ? min(1, Double(figures.linkLength) / Double(figures.length)) : 0
    }

    /// Where a node's figures are: 0, no figures, for a node this pass did not reach (a slot
    /// another pass over the same tree left is past the end, or is this pass's own).
    private func index(of node: HTMLNode) -> Int {
        let slot = node.slot
        return slot < figures.count ? slot : 0
    }

    /// Gathers the figures of `node`'s subtree and gives its totals.
    private func visit(_ node: HTMLNode, depth: Int, inLink: Bool) -> Figures {
        var total = Figures()
        let slot = figures.count
        figures.append(total)
        node.slot = slot
        guard depth < 512 else { return total }
        var holdsContainer = false
        var loose = LooseText()
        for child in node.children {
            if let bytes = child.textBytes {
                var counted = Figures()
                Self.count(bytes, into: &counted, inLink: inLink)
                total.add(counted)
                loose.text(counted)
                continue
            }
            guard child.isElement else { continue }
            let tag = child.tagID
            note(child, tag: tag)
            holdsContainer = holdsContainer || HTMLMainText.containers.contains(tag)
            if tag == .br {
                child.slot = 0
                loose.lineBreak()
            } else if HTMLMainText.isDropped(child, tag: tag, byName: dropsByName) {
                leaveOut(child, depth: depth + 1)
            } else {
                let below = visit(child, depth: depth + 1, inLink: inLink || tag == .a)
                total.add(below)
                if HTMLMainText.isInline(tag) { loose.inline(below) } else { loose.end() }
                if figures[index(of: child)].isParagraph, below.length >= 25 { score(below, into: node) }
            }
        }
        loose.end()
        let tag = node.tagID
        let isParagraph = switch tag {
        case .p, .pre, .blockquote: true
        case .div, .section: !holdsContainer
        default: false
        }
        if !isParagraph, !HTMLMainText.isInline(tag) {
            for run in loose.runs { score(run, into: node) }
        }
        let score = figures[slot].score
        figures[slot] = total
        figures[slot].score = score
        figures[slot].isParagraph = isParagraph
        return total
    }

    /// Text outside any block (blogs' `<br>`-separated paragraphs, a container's loose text), in
    /// runs between blocks and double `<br>`s, each scored as a paragraph of its element.
    private struct LooseText {
        private var run = Figures()
        private(set) var runs: [Figures] = []
        private var breaks = 0

        mutating func text(_ counted: Figures) {
            run.add(counted)
            if counted.length > 1 { breaks = 0 }
        }

        mutating func inline(_ below: Figures) {
            run.add(below)
            breaks = 0
        }

        mutating func lineBreak() {
            breaks += 1
            if breaks >= 2 { end() }
        }

        mutating func end() {
            if run.length >= 25 { runs.append(run) }
            run = Figures()
        }
    }

    /// Marks a subtree left out, keeping the metadata elements below it.
    private func leaveOut(_ node: HTMLNode, depth: Int) {
        node.slot = figures.count
        figures.append(Figures(isDropped: true))
        noteBelow(node, depth: depth)
    }

    /// Scores a paragraph's figures into `parent` and, less at every level, four ancestors above
    /// it (half into the grandparent, then a sixth, a ninth and a twelfth, as Readability does).
    private func score(_ paragraph: Figures, into parent: HTMLNode) {
        let score = 1 + Double(paragraph.commas) + min(Double(paragraph.length) / 100, 3)
        var ancestor: HTMLNode? = parent
        for level in 0..<Self.scoredLevels {
            guard let node = ancestor else { break }
            addScore(level == 0 ? score : level == 1 ? score / 2 : score / Double(level * 3), to: node)
            ancestor = node.parent
        }
    }

    /// How many levels above a paragraph its score reaches.
    static let scoredLevels = 5

    private func addScore(_ score: Double, to node: HTMLNode) {
        let slot = index(of: node)
        if figures[slot].score == 0 { candidates.append(node) }
        figures[slot].score += score
    }

    /// Counts a text's length (white space runs as one) and commas.
    static func count(_ bytes: UnsafePointer<UInt8>, into figures: inout Figures, inLink: Bool) {
        var length = 0, commas = 0, index = 0, inSpace = false
        while true {
            let byte = bytes[index]
            if byte == 0 { break }
            index += 1
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                if !inSpace { length += 1 }
                inSpace = true
                continue
            }
            inSpace = false
            if byte & 0xC0 != 0x80 { length += 1 }
            if byte == 0x2C { commas += 1 }
        }
        figures.length += length
        figures.commas += commas
        if inLink { figures.linkLength += length }
    }

    /// Keeps the elements metadata is read from.
    private func note(_ node: HTMLNode, tag: HTMLTag) {
        switch tag {
        case .meta: metas.append(node)
        case .link: links.append(node)
        case .script: scripts.append(node)
        case .time: times.append(node)
        case .h1: headings.append(node)
        case .title: titles.append(node)
        default: break
        }
    }

    /// Keeps the metadata elements below a subtree that is left out of the text.
    private func noteBelow(_ node: HTMLNode, depth: Int) {
        guard depth < 512 else { return }
        for child in node.children where child.isElement {
            note(child, tag: child.tagID)
            // Below a left-out element every element is left out too.
            leaveOut(child, depth: depth + 1)
        }
    }
}
