import PipeKit

/// A run of text between double quotation marks, the marks excluded.
///
/// A quotation may be made of several pieces: one interrupted by its attribution
/// (`"…," he said, "…"`) or running over paragraphs, where each paragraph opens the quote again
/// and only the last one closes it.
struct QuotedPiece: Equatable {
    /// The quoted words, without the marks and the spaces inside them.
    var content: TextSpan
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

    /// The quoted pieces of every paragraph, in order. An opening mark without a closing one runs
    /// to the end of its paragraph.
    static func pieces(in scalars: [Unicode.Scalar], paragraphs: [TextSpan]) -> [QuotedPiece] {
        var pieces: [QuotedPiece] = []
        for (number, paragraph) in paragraphs.enumerated() {
            var opening: Int?
            for index in paragraph.start..<min(paragraph.end, scalars.count) {
                let scalar = scalars[index]
                if let start = opening {
                    if closes(scalar) {
                        append(start, index, number, scalars, &pieces)
                        opening = nil
                    }
                } else if opens(scalar) {
                    opening = index
                }
            }
            if let start = opening { append(start, nil, number, scalars, &pieces, end: min(paragraph.end, scalars.count)) }
        }
        return pieces
    }

    private static func append(_ opening: Int, _ closing: Int?, _ paragraph: Int, _ scalars: [Unicode.Scalar],
                               _ pieces: inout [QuotedPiece], end: Int? = nil) {
        var start = opening + 1, stop = closing ?? end ?? opening + 1
        while start < stop, isSpace(scalars[start]) { start += 1 }
        while stop > start, isSpace(scalars[stop - 1]) || scalars[stop - 1] == "," { stop -= 1 }
        guard stop > start else { return }
        pieces.append(QuotedPiece(content: TextSpan(start: start, end: stop), opening: opening, closing: closing, paragraph: paragraph))
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\u{A0}" || scalar == "\n" || scalar == "\t"
    }

    /// The number of words (runs of scalars other than the space) in the piece.
    func wordCount(in scalars: [Unicode.Scalar]) -> Int {
        var count = 0, inWord = false
        for scalar in scalars[content.start..<content.end] {
            if scalar == " " {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
            }
        }
        return count
    }
}
