import Foundation
import PipeKit

/// Cleans an article's text and records its paragraphs and sentences.
///
/// Unicode NFC (or NFKC), whitespace collapsed within paragraphs, a body that repeats the title
/// in its first paragraph trimmed, glued sentences repaired (`post.The` → `post. The`), and
/// paragraph and sentence boundaries set on the article, counted in Unicode scalars.
public struct NormalizeStage: ConfigurableStage {
    /// The Unicode normalization form.
    public enum UnicodeForm: String, Sendable, CaseIterable, OptionValue {
        /// Canonical composition.
        case nfc
        /// Compatibility composition: also folds ligatures, full-width forms, superscripts.
        case nfkc
    }

    /// The options of `normalize`.
    public struct Options: StageOptions {
        /// The Unicode normalization form.
        @Option("unicode", help: "the Unicode normalization form; `nfkc` also folds ligatures and full-width forms")
        public var unicode: UnicodeForm = .nfc
        /// Whether to insert the missing space in glued sentences.
        @Option("repair_sentences", help: "insert the space missing in glued sentences: `post.The` → `post. The`, "
                    + "`alert.\"Russian` → `alert. \"Russian`; leaves `U.S.`, `e.g.`, `2.5`, domain names, URLs and e-mail addresses alone")
        public var repairSentences = true
        /// Whether to drop a first paragraph that repeats the title.
        @Option("drop_repeated_title", help: "drop a first paragraph that repeats the title")
        public var dropRepeatedTitle = true

        /// The defaults.
        public init() {}
    }

    /// `normalize`.
    public static let name = "normalize"
    /// One line for `pipe stages`.
    public static let summary = "Unicode-normalize, collapse whitespace, repair glued sentences, find sentences"

    /// The options in force.
    public let options: Options

    /// Creates the stage.
    public init(options: Options = Options(), setup: StageSetup) {
        self.options = options
    }

    /// Creates the stage outside a pipeline file.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Reads title and body; rewrites them and sets paragraphs and sentences.
    public var fieldAccess: FieldAccess {
        FieldAccess(reads: ["title", "body"], writes: ["title", "body", "paragraphs", "sentences"])
    }

    /// Normalizes one article.
    public func process(_ article: consuming Article, context: StageContext) async throws -> Article? {
        try normalize(article)
    }

    /// Normalizes one article synchronously.
    public func normalize(_ article: consuming Article) throws -> Article {
        let title = TextNormalizer.collapse(unicode(article.title))
        // ASCII text is in every normalization form already, and its bytes are its scalars.
        let isASCII = TextNormalizer.isASCII(article.body)
        let body = isASCII ? article.body : unicode(article.body)
        let normalized = try normalize(body: Array(body.utf8), title: title, isASCII: isASCII)
        article.title = title
        article.body = normalized.body
        article.paragraphs = normalized.paragraphs
        article.sentences = normalized.sentences
        return article
    }

    /// The body's paragraphs, repaired and split into sentences, with their spans in scalars.
    ///
    /// The paragraphs are cut and collapsed into one array, then repaired one after the other
    /// into the body's final text (paragraphs joined by a blank line), where the sentences are
    /// found; their spans, in bytes, are recounted in scalars unless the text is ASCII.
    private func normalize(body: [UInt8], title: String, isASCII: Bool) throws
        -> (body: String, paragraphs: [TextSpan], sentences: [TextSpan]) {
        var (collapsed, paragraphs) = TextNormalizer.paragraphs(of: body)
        if options.dropRepeatedTitle, let first = paragraphs.first, TextNormalizer.isSameTitle(collapsed[first], title) {
            paragraphs.removeFirst()
        }
        guard !paragraphs.isEmpty else {
            throw PipeError(.malformedRecord, "the body is empty once normalized")
        }
        // Room made once: news text has a sentence every hundred bytes or so.
        var paragraphSpans: [TextSpan] = [], sentenceSpans: [TextSpan] = []
        paragraphSpans.reserveCapacity(paragraphs.count)
        sentenceSpans.reserveCapacity(collapsed.count / 64 + paragraphs.count)
        // Repair adds at most one space per unit, and paragraphs are joined by two line breaks:
        // the text is written straight into room for that much.
        let capacity = 2 * collapsed.count + 2 * paragraphs.count
        let text = [UInt8](unsafeUninitializedCapacity: capacity) { text, count in
            var end = 0
            collapsed.withUnsafeBufferPointer { collapsed in
                for paragraph in paragraphs {
                    if end > 0 {
                        text.initializeElement(at: end, to: UInt8(ascii: "\n"))
                        text.initializeElement(at: end + 1, to: UInt8(ascii: "\n"))
                        end += 2
                    }
                    let start = end
                    let source = UnsafeBufferPointer(rebasing: collapsed[paragraph])
                    if options.repairSentences {
                        end = SentenceRepair.repair(source, into: text, at: start)
                    } else {
                        _ = UnsafeMutableBufferPointer(rebasing: text[start..<(start + source.count)]).initialize(from: source)
                        end = start + source.count
                    }
                    paragraphSpans.append(TextSpan(start: start, end: end))
                    SentenceSplitter.sentences(in: UnsafeBufferPointer(rebasing: text[start..<end]), offset: start, into: &sentenceSpans)
                }
            }
            count = end
        }
        if !isASCII {
            text.withUnsafeBufferPointer { text in
                (paragraphSpans, sentenceSpans) = TextNormalizer.scalarSpans(paragraphSpans, sentenceSpans, in: text)
            }
        }
        // Whole scalars of valid text and ASCII put between them: valid, so not checked again.
        let string = text.withUnsafeBufferPointer { UTF8Text.string(validUTF8: $0, isASCII: isASCII ? true : nil) }
        return (string, paragraphSpans, sentenceSpans)
    }

    private func unicode(_ text: String) -> String {
        switch options.unicode {
        case .nfc: TextNormalizer.isCertainlyNFC(text) ? text : text.precomposedStringWithCanonicalMapping
        case .nfkc: TextNormalizer.isASCII(text) ? text : text.precomposedStringWithCompatibilityMapping
        }
    }
}
