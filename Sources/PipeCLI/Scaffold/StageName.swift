/// The names a new stage goes by, from the one the user types (`word-stats`, `WordStats`, `word_stats`).
struct StageName: Equatable {
    /// The YAML `type:`: lower case, words joined by hyphens (`word-stats`).
    let type: String
    /// The Swift module: UpperCamelCase (`WordStats`).
    let module: String
    /// The custom field the generated stage sets: words joined by underscores (`word_stats`).
    let field: String

    /// The names for `text`, or nil when it holds no letter or starts with a digit.
    init?(_ text: String) {
        var words: [String] = []
        var current = ""
        for character in text {
            if character.isLetter || character.isNumber, character.isASCII {
                if character.isUppercase, let last = current.last, last.isLowercase || last.isNumber {
                    words.append(current)
                    current = ""
                }
                current.append(character)
            } else if character == "-" || character == "_" || character == " " {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                return nil
            }
        }
        if !current.isEmpty { words.append(current) }
        guard let first = words.first?.first, first.isLetter else { return nil }
        let lower = words.map { $0.lowercased() }
        type = lower.joined(separator: "-")
        field = lower.joined(separator: "_")
        module = lower.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
