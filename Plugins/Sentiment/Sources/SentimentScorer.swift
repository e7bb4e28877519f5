/// Scores a text by the valences of its words, with negation and intensifiers, in the manner of
/// VADER (Hutto and Gilbert, 2014).
///
/// A word's valence is turned over and weakened (× -0.74) when one of the three words before it
/// negates (`not`, `never`, `didn't`, …), and moved by 0.3 away from or towards zero after an
/// intensifier (`very`) or a softener (`slightly`). The sum `s` of the valences becomes a score in
/// (-1, 1) by `s / √(s² + 15)`.
public struct SentimentScorer: Sendable {
    /// The words and their valences.
    public let lexicon: SentimentLexicon

    /// A scorer over `lexicon`.
    public init(lexicon: SentimentLexicon) {
        self.lexicon = lexicon
    }

    static let negators: Set<String> = [
        "not", "no", "never", "without", "nor", "neither", "cannot", "none", "nobody", "nothing", "hardly",
    ]
    static let intensifiers: [String: Double] = [
        "very": 0.3, "extremely": 0.3, "highly": 0.3, "deeply": 0.3, "really": 0.3, "so": 0.3, "most": 0.3,
        "totally": 0.3, "utterly": 0.3, "hugely": 0.3, "slightly": -0.3, "somewhat": -0.3, "barely": -0.3,
        "partly": -0.3, "marginally": -0.3,
    ]

    /// What a text scored.
    public struct Score: Equatable, Sendable {
        /// The score, from -1 (very negative) to 1 (very positive).
        public var value: Double
        /// How many words of the lexicon the text has.
        public var matches: Int
    }

    /// The score of `text`.
    public func score(_ text: String) -> Score {
        var sum = 0.0, matches = 0
        var previous: [String] = []
        for word in Self.words(of: text) {
            if var valence = lexicon.valences[word] {
                matches += 1
                if let change = previous.last.flatMap({ Self.intensifiers[$0] }) {
                    valence += valence > 0 ? change : -change
                }
                if previous.suffix(3).contains(where: Self.negates) { valence *= -0.74 }
                sum += valence
            }
            previous.append(word)
            if previous.count > 3 { previous.removeFirst() }
        }
        return Score(value: sum / (sum * sum + 15).squareRoot(), matches: matches)
    }

    static func negates(_ word: String) -> Bool {
        negators.contains(word) || word.hasSuffix("n't") || word.hasSuffix("n\u{2019}t")
    }

    /// The lower-case words of a text: letters and digits, with apostrophes inside (`didn't`).
    static func words(of text: String) -> [String] {
        var words: [String] = []
        var word = String.UnicodeScalarView()
        func close() {
            while let last = word.last, last == "'" || last == "\u{2019}" { word.removeLast() }
            if !word.isEmpty { words.append(String(word).lowercased()) }
            word = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                word.append(scalar)
            } else if (scalar == "'" || scalar == "\u{2019}"), !word.isEmpty {
                word.append(scalar)
            } else {
                close()
            }
        }
        close()
        return words
    }
}
