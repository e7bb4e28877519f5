/// Words with a valence from -3 (very negative) to 3 (very positive), as `SentimentStage` reads them.
///
/// The lexicon ships in the module (`Resources/lexicon.tsv`, compiled into the binary): one word,
/// a tab and its valence per line; `#` starts a comment.
public struct SentimentLexicon: Sendable {
    /// The valence of each lower-case word.
    public let valences: [String: Double]

    /// A lexicon of the given valences.
    public init(valences: [String: Double]) {
        self.valences = valences
    }

    /// A line of a lexicon file that is not `word<TAB>number`.
    public struct Problem: Error, Equatable, Sendable {
        /// The 1-based line number.
        public var line: Int
        /// The line as written.
        public var text: String
    }

    /// Reads a lexicon file's text, reporting every malformed line.
    public static func parse(_ text: String) -> (lexicon: SentimentLexicon, problems: [Problem]) {
        var valences: [String: Double] = [:]
        var problems: [Problem] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " }
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            let parts = trimmed.split(separator: "\t")
            guard parts.count == 2, let valence = Double(parts[1]), (-4...4).contains(valence) else {
                problems.append(Problem(line: index + 1, text: String(line)))
                continue
            }
            valences[parts[0].lowercased()] = valence
        }
        return (SentimentLexicon(valences: valences), problems)
    }

    /// The lexicon that ships with the module.
    public static let builtIn = parse(String(decoding: PackageResources.lexicon_tsv, as: UTF8.self)).lexicon
}
