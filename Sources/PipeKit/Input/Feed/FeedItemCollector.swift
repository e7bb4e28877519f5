import Foundation

/// The items of an RSS (2.0, 1.0) or Atom feed, collected from the parser's events: a pure state
/// machine, fed start tags, text and end tags, which ``FeedParser`` drives from libxml2.
///
/// An item is RSS's `<item>` or Atom's `<entry>`. Of its children it keeps the title, the link
/// (Atom's `rel="alternate"` one, or its first), the id (`guid`, Atom `id`), the date (`pubDate`,
/// `dc:date`, Atom `published`, else `updated`), the author (`author`, `dc:creator`, Atom
/// `author/name`), and the body: `content:encoded` or Atom `content`, else `description` or Atom
/// `summary`, as HTML or, for Atom's `type="text"`, as text.
package struct FeedItemCollector {
    /// One item's fields as the feed gives them.
    package struct Item: Equatable, Sendable {
        package var id: String?
        package var url: String?
        package var title: String?
        package var date: String?
        package var author: String?
        /// The body: `content:encoded` or Atom `content`.
        package var content: String?
        package var contentIsHTML = true
        /// The shorter body: `description` or Atom `summary`.
        package var summary: String?
        package var summaryIsHTML = true
        /// The item's bytes of text when they passed the limit, which stopped collecting them.
        package var oversize: Int?
        /// Text collected, for the limit.
        var size = 0
    }

    /// Which of an item's fields a child's text goes to.
    private enum Field {
        case id, url, title, date, updated, author, content, summary, feedTitle
    }

    static let atom = "http://www.w3.org/2005/Atom"
    static let rss1 = "http://purl.org/rss/1.0/"
    static let content = "http://purl.org/rss/1.0/modules/content/"
    static let dublinCore = "http://purl.org/dc/elements/1.1/"

    /// The title of the feed itself.
    package private(set) var feedTitle: String?
    /// Items completed and not yet taken.
    package var completed: [Item] = []
    /// The root element's name, once seen.
    package private(set) var root: String?

    private let limit: Int
    private var path: [(namespace: String, name: String)] = []
    private var item: Item?
    private var itemDepth = 0
    /// The field being collected, the depth of its element, and whether its children are XHTML to keep as markup.
    private var field: (field: Field, depth: Int, isXHTML: Bool)?
    private var text = ""
    private var updated: String?

    /// Collects items whose text is at most `limit` bytes.
    package init(limit: Int) {
        self.limit = limit
    }

    /// An element starts.
    package mutating func start(namespace: String, name: String, attributes: [String: String]) {
        let depth = path.count
        path.append((namespace, name))
        if depth == 0 { root = name }
        if let field, field.isXHTML {
            append("<\(name)>")
            return
        }
        guard item != nil else {
            if name == "item" && (namespace.isEmpty || namespace == Self.rss1) || name == "entry" && namespace == Self.atom {
                item = Item()
                itemDepth = depth
                updated = nil
            } else if name == "title", feedTitle == nil, depth >= 1, ["channel", "feed"].contains(path[depth - 1].name) {
                begin(.feedTitle, depth: depth)
            }
            return
        }
        if depth == itemDepth + 2, name == "name", namespace == Self.atom, path[depth - 1] == (Self.atom, "author") {
            begin(.author, depth: depth)
        }
        guard depth == itemDepth + 1 else { return }
        let isAtom = namespace == Self.atom
        switch (name, namespace) {
        case ("title", _): begin(.title, depth: depth)
        case ("link", Self.atom):
            if item?.url == nil, ["alternate", nil].contains(attributes["rel"]) { item?.url = attributes["href"] }
        case ("link", _): begin(.url, depth: depth)
        case ("guid", ""), ("id", Self.atom): begin(.id, depth: depth)
        case ("pubDate", ""), ("date", Self.dublinCore), ("published", Self.atom): begin(.date, depth: depth)
        case ("updated", Self.atom): begin(.updated, depth: depth)
        case ("author", ""), ("creator", Self.dublinCore): begin(.author, depth: depth)
        case ("encoded", Self.content), ("content", Self.atom):
            guard attributes["src"] == nil else { return }
            let type = attributes["type"]?.lowercased() ?? (isAtom ? "text" : "html")
            item?.contentIsHTML = type != "text"
            begin(.content, depth: depth, isXHTML: type == "xhtml")
        case ("description", ""), ("description", Self.rss1), ("summary", Self.atom):
            let type = attributes["type"]?.lowercased() ?? (isAtom ? "text" : "html")
            item?.summaryIsHTML = type != "text"
            begin(.summary, depth: depth, isXHTML: type == "xhtml")
        default: break
        }
    }

    /// Text (or a CDATA section) inside the current element.
    package mutating func characters(_ characters: String) {
        guard let field else { return }
        append(field.isXHTML ? Self.escaped(characters) : characters)
    }

    /// The current element ends.
    package mutating func end() {
        let depth = path.count - 1
        guard depth >= 0 else { return }
        let (_, name) = path.removeLast()
        if let field, field.isXHTML, depth > field.depth {
            append("</\(name)>")
            return
        }
        if let field, depth == field.depth {
            finish(field.field)
        }
        if var finished = item, depth == itemDepth {
            if finished.date == nil { finished.date = updated }
            completed.append(finished)
            item = nil
        }
    }

    private mutating func begin(_ field: Field, depth: Int, isXHTML: Bool = false) {
        self.field = (field, depth, isXHTML)
        text = ""
    }

    private mutating func append(_ piece: String) {
        guard item?.oversize == nil else { return }
        let size = (item?.size ?? 0) + piece.utf8.count
        if item != nil, size > limit {
            item?.oversize = size
            return
        }
        item?.size = size
        text += piece
    }

    private mutating func finish(_ field: Field) {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        self.field = nil
        text = ""
        guard !value.isEmpty else { return }
        switch field {
        case .id: item?.id = value
        case .url: if item?.url == nil { item?.url = value }
        case .title: item?.title = value
        case .date: if item?.date == nil { item?.date = value }
        case .updated: updated = value
        case .author: if item?.author == nil { item?.author = value }
        case .content: item?.content = value
        case .summary: item?.summary = value
        case .feedTitle: feedTitle = value
        }
    }

    /// Text written back as markup, for XHTML kept as HTML.
    private static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            default: result.append(character)
            }
        }
        return result
    }
}
