/// Finds the closest of a set of names to a misspelt one, for "did you mean" hints.
enum Suggestion {
    /// The candidate nearest to `word` by edit distance, when it is near enough to be a typo.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        let limit = max(2, word.count / 3)
        return best.1 <= limit ? best.0 : nil
    }

    /// The Levenshtein distance between two strings, in characters.
    static func distance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs), b = Array(rhs)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// `; did you mean `x`?` or a list of the valid names.
    static func hint(for word: String, among candidates: [String], noun: String) -> String {
        if let match = closest(to: word, among: candidates) { return "did you mean `\(match)`?" }
        return "valid \(noun): " + candidates.map { "`\($0)`" }.joined(separator: ", ")
    }
}
