import PipeKit

/// A run of text between double quotation marks, the marks excluded.
///
/// A quotation may be made of several pieces: one interrupted by its attribution
/// (`"…," he said, "…"`) or running over paragraphs, where each paragraph opens the quote again
/// and only the last one closes it.
struct QuotedPiece: Equatable {
    /// The quoted words, without the marks and the spaces inside them.
    var content: TextSpan
    /// The tokens of the quoted words.
    var tokens: Range<Int>
    /// Where the opening mark is.
    var opening: Int
    /// Where the closing mark is; nil when the paragraph ended before the quote closed.
    var closing: Int?
    /// The index of the paragraph the piece is in.
    var paragraph: Int

    /// Whether the scalar opens a double quotation: `"`, `“`, `«`, `„`.
    static func opens(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\"" || scalar == "\u{201C}" || scalar == "\u{AB}" || scalar == "\u{201E}"
    }

    /// Whether the scalar closes a double quotation. Any double mark closes an open quote: texts
    /// mix straight and curly marks (`“…"`), and German closes `„` with `“`.
    static func closes(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\"" || scalar == "\u{201D}" || scalar == "\u{BB}" || scalar == "\u{201C}"
    }

    /// Whether the scalar is any double quotation mark.
    static func isMark(_ scalar: Unicode.Scalar) -> Bool { opens(scalar) || closes(scalar) }

    /// The quoted pieces of every paragraph, in order, found among the tokens (every quotation
    /// mark is a punctuation token). An opening mark without a closing one runs to the end of its
    /// paragraph.
    static func pieces(in tokens: [Token], paragraphs: [TextSpan]) -> [QuotedPiece] {
        var pieces: [QuotedPiece] = []
        var index = 0
        for (number, paragraph) in paragraphs.enumerated() {
            while index < tokens.count, tokens[index].span.start < paragraph.start { index += 1 }
            var opening: Int?
            while index < tokens.count, tokens[index].span.start < paragraph.end {
                let token = tokens[index]
                if token.kind == .punctuation {
                    if let start = opening {
                        if closes(token.symbol) {
                            append(start, index, number, tokens, &pieces)
                            opening = nil
                        }
                    } else if opens(token.symbol) {
                        opening = index
                    }
                }
                index += 1
            }
            if let start = opening { append(start, nil, number, tokens, &pieces, end: index) }
        }
        return pieces
    }

    /// The piece between the tokens `opening` and `closing` (or `end`), without trailing commas.
    private static func append(_ opening: Int, _ closing: Int?, _ paragraph: Int, _ tokens: [Token],
                               _ pieces: inout [QuotedPiece], end: Int? = nil) {
        let start = opening + 1
        var stop = closing ?? end ?? start
        while stop > start, tokens[stop - 1].isMark(",") { stop -= 1 }
        guard stop > start else { return }
        pieces.append(QuotedPiece(content: TextSpan(start: tokens[start].span.start, end: tokens[stop - 1].span.end),
                                  tokens: start..<stop, opening: tokens[opening].span.start,
                                  closing: closing.map { tokens[$0].span.start }, paragraph: paragraph))
    }

    /// The number of words in the piece: runs of tokens with no space between them.
    func wordCount(in tokens: [Token]) -> Int {
        var count = 0
        for index in self.tokens where index == self.tokens.lowerBound || tokens[index].span.start > tokens[index - 1].span.end {
            count += 1
        }
        return count
    }

    /// The piece's text, as written in the body.
    func text(in tokens: [Token], _ texts: TokenTexts) -> String {
        texts.text(from: tokens[self.tokens.lowerBound], to: tokens[self.tokens.upperBound - 1])
    }
}
