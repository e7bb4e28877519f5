import PipeKit

/// Finds direct quotations in double quotation marks and the speaker of each.
///
/// Quoted pieces (``QuotedPiece``) become quotations: a piece joins the one before it when the
/// attribution between them belongs to both (`"…," he said, "…"`), when a quote runs into the
/// next paragraph, or when it follows in the same paragraph with no attribution of its own. The
/// speaker comes from the attribution in the quotation's sentences (``AttributionFinder``), and
/// a quotation with no attribution of its own keeps the speaker of the one before it, up to
/// ``speakerReach`` paragraphs on.
/// ``SpeakerResolver`` turns the phrase into a name.
struct QuoteExtractor: Sendable {
    /// Quotations shorter than this many words, with no attribution in their sentence, are taken
    /// for scare quotes and left out.
    static let minimumWords = 3

    /// How many paragraphs on a speaker is still the one a pronoun or an unattributed quotation refers to.
    static let speakerReach = 2

    static let determiners: Set<String> = ["the", "a", "an", "this", "that", "his", "her", "its", "their", "our", "my", "your"]

    /// The texts of the tokens.
    let texts: TokenTexts

    /// A quotation being assembled: its pieces and the attribution found for it.
    struct Draft {
        var pieces: [QuotedPiece]
        var cue: QuoteCue?
        /// The attribution found before the first piece.
        var before: QuoteCue?
    }

    func extract(_ article: Article, tokens: [Token], mentions: [EntityRecognizer.Mention]) -> [Quote] {
        let paragraphs = article.paragraphs.isEmpty ? [TextSpan(start: 0, end: Int.max)] : article.paragraphs
        let finder = AttributionFinder(tokens: tokens, texts: texts)
        let pieces = QuotedPiece.pieces(in: tokens, paragraphs: paragraphs)
        guard !pieces.isEmpty else { return [] }
        var drafts = drafts(pieces, paragraphs: paragraphs, finder: finder, tokens: tokens)
        // `Guns are "…" and "…," Howard Dean proclaimed`: a quotation with only its clause takes
        // the attribution of the next one in the same sentence.
        for index in drafts.indices.dropLast().reversed() where drafts[index].cue?.kind == .clause {
            let next = drafts[index + 1]
            if let cue = next.cue, cue.kind == .verb, next.before?.kind == .clause, next.before?.isInSentenceBefore == false {
                drafts[index].cue = cue
            }
        }
        let resolver = SpeakerResolver(tokens: tokens, texts: texts, mentions: mentions, quoted: pieces.map(\.content))
        var quotes: [Quote] = []
        var previous: (speaker: String, paragraph: Int)?
        for draft in drafts {
            guard let first = draft.pieces.first, let last = draft.pieces.last else { continue }
            let words = draft.pieces.reduce(0) { $0 + $1.wordCount(in: tokens) }
            guard words >= Self.minimumWords || (draft.cue.map { $0.kind != .clause } ?? false) else { continue }
            let recent = previous.flatMap { first.paragraph - $0.paragraph <= Self.speakerReach ? $0.speaker : nil }
            var speaker = draft.cue.flatMap { resolver.speaker(of: $0, at: first.opening, previous: recent) }
            if speaker == nil, draft.cue.map({ $0.kind == .clause }) ?? true { speaker = recent }
            let text = draft.pieces.map { $0.text(in: tokens, texts) }.joined(separator: " ")
            quotes.append(Quote(text: text, speaker: speaker, span: TextSpan(start: first.content.start, end: last.content.end)))
            if let speaker { previous = (speaker, last.paragraph) }
        }
        return quotes
    }

    /// The pieces grouped into quotations, each with its attribution.
    func drafts(_ pieces: [QuotedPiece], paragraphs: [TextSpan], finder: AttributionFinder, tokens: [Token]) -> [Draft] {
        var drafts: [Draft] = []
        var previousAfter: QuoteCue?
        for piece in pieces {
            let limit = drafts.last?.pieces.last.flatMap { $0.closing.flatMap { tokens.lastIndex(endingBy: $0 + 1) } } ?? -1
            let after = finder.after(piece)
            let before = finder.before(piece, limit: limit, paragraphStart: paragraphs[piece.paragraph].start)
            // A scare quote (`A "minister" was killed`) starts no quotation that later pieces continue.
            if var draft = drafts.last, let last = draft.pieces.last,
               draft.cue.map({ $0.kind != .clause }) ?? false || last.wordCount(in: tokens) >= Self.minimumWords,
               joins(piece, last, before: before, after: after, previousAfter: previousAfter) {
                draft.pieces.append(piece)
                draft.cue = draft.cue ?? after ?? before
                drafts[drafts.count - 1] = draft
            } else {
                drafts.append(Draft(pieces: [piece], cue: after ?? before, before: before))
            }
            previousAfter = after
        }
        return drafts
    }

    /// Whether a piece continues the quotation whose last piece is `last`.
    func joins(_ piece: QuotedPiece, _ last: QuotedPiece, before: QuoteCue?, after: QuoteCue?, previousAfter: QuoteCue?) -> Bool {
        if last.closing == nil, piece.paragraph == last.paragraph + 1 { return true }
        guard piece.paragraph == last.paragraph else { return false }
        if let before, let previousAfter, before.cue == previousAfter.cue { return true }
        let continues = before.map { $0.kind == .clause && $0.isInSentenceBefore } ?? true
        return continues && after == nil
    }
}
