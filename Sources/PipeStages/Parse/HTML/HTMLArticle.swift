import Foundation
import PipeKit

/// What a web page holds for an article: its headline, main text, publication date, canonical
/// address, author and language, read from libxml2's HTML parser.
struct HTMLArticle {
    var title = ""
    var paragraphs: [String] = []
    var date: String?
    var canonicalURL: String?
    var author: String?
    var language: String?
    /// The text of JSON-LD's `articleBody`, when the page gives one.
    var structuredBody: String?

    /// Main text shorter than this (in characters) is looked for again without class and id names.
    static let shortText = 200

    /// The characters of a text's paragraphs.
    private static func length(of paragraphs: [String]) -> Int {
        paragraphs.reduce(0) { $0 + $1.count }
    }

    /// Parses `bytes`, a whole page, whose HTTP header declared `charset` if it was fetched;
    /// nil when libxml2 finds no document in them.
    init?(bytes: [UInt8], charset: String? = nil) {
        // Converted here, so that libxml2 reads UTF-8 whatever the page's `<meta>` says.
        guard let document = HTMLDocument(utf8: WebCharset.utf8(bytes, declared: charset)) else { return nil }
        // The tree lives as long as the document: kept until the last node is read.
        withExtendedLifetime(document) { read(document.root) }
    }

    private mutating func read(_ root: HTMLNode) {
        let figures = HTMLPageFigures(root: root)
        readMetadata(root, figures: figures)
        paragraphs = HTMLMainText.paragraphs(in: figures)
        // Too little text: a wrapper of the whole page may have a name that reads as an ad's
        // (`advertisement-off-canvas--pusher`). Found again without names, as Readability retries.
        if Self.length(of: paragraphs) < Self.shortText {
            let again = HTMLMainText.paragraphs(in: HTMLPageFigures(root: root, dropsByName: false))
            if Self.length(of: again) > Self.length(of: paragraphs) { paragraphs = again }
        }
        // A page that gives its text as structured data (JSON-LD `articleBody`) is believed when
        // the markup gave clearly less of it.
        if let structuredBody, structuredBody.count >= 200,
           Self.length(of: paragraphs) < structuredBody.count * 4 / 5 {
            paragraphs = structuredBody.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        }
        if title.isEmpty { title = Self.headline(figures) }
    }

    private mutating func readMetadata(_ root: HTMLNode, figures: HTMLPageFigures) {
        language = root.attribute("lang").map { String($0.prefix(2)).lowercased() }.flatMap { $0.isEmpty ? nil : $0 }
        for meta in figures.metas {
            let key = (meta.attribute("property") ?? meta.attribute("name") ?? meta.attribute("itemprop") ?? "").lowercased()
            guard let content = meta.attribute("content")?.trimmingCharacters(in: .whitespaces), !content.isEmpty else { continue }
            switch key {
            case "og:title": if title.isEmpty { title = content }
            case "article:published_time", "datepublished", "date", "pubdate", "publishdate", "og:published_time",
                 "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date":
                if date == nil { date = content }
            case "author", "article:author", "dc.creator", "parsely-author": if author == nil, !content.hasPrefix("http") { author = content }
            case "og:url": if canonicalURL == nil { canonicalURL = content }
            default: break
            }
        }
        for link in figures.links where link.attribute("rel")?.lowercased() == "canonical" {
            canonicalURL = link.attribute("href") ?? canonicalURL
        }
        for script in figures.scripts where script.attribute("type")?.lowercased() == "application/ld+json" {
            readJSONLD(script.innerText())
        }
        if date == nil {
            date = figures.times.lazy.compactMap { $0.attribute("datetime") }.first
        }
    }

    private mutating func readJSONLD(_ text: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) else { return }
        var queue: [Any] = [object]
        while let next = queue.popLast() {
            if let array = next as? [Any] { queue += array; continue }
            guard let item = next as? [String: Any] else { continue }
            if let graph = item["@graph"] { queue.append(graph) }
            if date == nil, let published = item["datePublished"] as? String { date = published }
            if title.isEmpty, let headline = item["headline"] as? String { title = headline }
            if structuredBody == nil, let body = item["articleBody"] as? String { structuredBody = body }
            if author == nil {
                if let name = (item["author"] as? [String: Any])?["name"] as? String { author = name }
                else if let first = (item["author"] as? [[String: Any]])?.first?["name"] as? String { author = first }
            }
        }
    }

    /// The first `h1`, or the page title without the site's name.
    private static func headline(_ figures: HTMLPageFigures) -> String {
        if let h1 = figures.headings.first?.innerText(), !h1.isEmpty { return h1 }
        let title = figures.titles.first?.innerText() ?? ""
        for separator in [" | ", " - ", " – ", " — ", " :: "] where title.contains(separator) {
            return title.components(separatedBy: separator).max { $0.count < $1.count } ?? title
        }
        return title
    }
}
