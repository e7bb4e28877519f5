import PipeKit

/// A word or punctuation mark of a text with its place, in Unicode scalars.
struct Token: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// Letters, digits, and the hyphens, apostrophes and dots inside them (`al-Assad`, `U.S.`, `2.5`).
        case word
        /// One punctuation mark or symbol.
        case punctuation
    }

    let text: String
    let kind: Kind
    let span: TextSpan
    /// The index of the sentence the token is in.
    let sentence: Int
    /// Whether the token starts its sentence (ignoring opening quotes and brackets).
    let startsSentence: Bool

    /// The text in lower case, computed once.
    let lowercased: String

    init(text: String, kind: Kind, span: TextSpan, sentence: Int, startsSentence: Bool) {
        self.text = text
        self.kind = kind
        self.span = span
        self.sentence = sentence
        self.startsSentence = startsSentence
        lowercased = text.utf8.contains(where: { (0x41...0x5A).contains($0) || $0 >= 0x80 }) ? text.lowercased() : text
    }

    var isWord: Bool { kind == .word }

    /// Whether the first letter is a capital.
    var isCapitalized: Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return first.properties.isUppercase
    }

    /// Whether every letter is a capital and there are at least two (`UN`, `NATO`, `U.S.`).
    var isAcronym: Bool {
        var letters = 0
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            guard scalar.properties.isUppercase else { return false }
            letters += 1
        }
        return letters >= 2
    }

    var isNumber: Bool { text.unicodeScalars.first.map { $0.properties.numericType != nil } ?? false }
}

/// Cuts a body into tokens, using the article's sentence boundaries when it has them.
enum Tokenizer {
    static func tokens(of article: Article) -> [Token] {
        let scalars = Array(article.body.unicodeScalars)
        let sentences = article.sentences.isEmpty ? [TextSpan(start: 0, end: scalars.count)] : article.sentences
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count / 5)
        for (index, sentence) in sentences.enumerated() {
            tokenize(scalars, in: sentence, sentence: index, into: &tokens)
        }
        return tokens
    }

    static func tokens(of text: String) -> [Token] {
        let scalars = Array(text.unicodeScalars)
        var tokens: [Token] = []
        tokenize(scalars, in: TextSpan(start: 0, end: scalars.count), sentence: 0, into: &tokens)
        return tokens
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    private static func tokenize(_ scalars: [Unicode.Scalar], in range: TextSpan, sentence: Int, into tokens: inout [Token]) {
        var index = range.start
        var atStart = true
        while index < range.end {
            let scalar = scalars[index]
            if scalar == " " || scalar == "\n" || scalar.properties.isWhitespace {
                index += 1
                continue
            }
            let start = index
            if isWordScalar(scalar) {
                index += 1
                while index < range.end {
                    if isWordScalar(scalars[index]) {
                        index += 1
                    } else if ["-", "'", "\u{2019}", ".", "&"].contains(scalars[index]), index + 1 < range.end,
                              isWordScalar(scalars[index + 1]) {
                        index += 2
                    } else {
                        break
                    }
                }
                // Keep the final dot of an abbreviation made of single letters: `U.S.`
                if index < range.end, scalars[index] == ".", index - start >= 3, scalars[index - 2] == "." {
                    index += 1
                }
                let text = String(String.UnicodeScalarView(scalars[start..<index]))
                tokens.append(Token(text: text, kind: .word, span: TextSpan(start: start, end: index),
                                    sentence: sentence, startsSentence: atStart))
                atStart = false
            } else {
                index += 1
                let text = String(scalar)
                tokens.append(Token(text: text, kind: .punctuation, span: TextSpan(start: start, end: index),
                                    sentence: sentence, startsSentence: false))
                if !"\"'\u{201C}\u{2018}(\u{AB}[".unicodeScalars.contains(scalar) { atStart = false }
            }
        }
    }
}
