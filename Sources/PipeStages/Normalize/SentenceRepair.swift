/// Inserts the space missing between two glued sentences.
///
/// `post.The` → `post. The`, `alert."Russian` → `alert. "Russian`, `said."The` (closing quote)
/// → `said." The`. Left alone: abbreviations with one-letter parts (`U.S.`, `e.g.`), numbers
/// (`2.5`), domain names (`sputnikglobe.com`), URLs and e-mail addresses.
enum SentenceRepair {
    static func repair(_ paragraph: String) -> String {
        let scalars = Array(paragraph.unicodeScalars)
        var output = ScalarText(capacity: scalars.count + 16)
        var insideQuote = false
        var tokenStart = 0
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            output.append(scalar)
            if scalar == " " { tokenStart = index + 1 }
            if scalar == "\"" { insideQuote.toggle() }
            if isTerminal(scalar), index + 1 < scalars.count,
               wordLength(before: index, in: scalars) >= 2,
               !isAddress(scalars[tokenStart...index]) {
                let next = scalars[index + 1]
                if startsWord(at: index + 1, in: scalars) {
                    output.append(" ")
                } else if (next == "\"" && !insideQuote) || next == "\u{201C}", startsWord(at: index + 2, in: scalars) {
                    output.append(" ")
                } else if (next == "\"" && insideQuote) || next == "\u{201D}", startsWord(at: index + 2, in: scalars) {
                    output.append(next)
                    output.append(" ")
                    if next == "\"" { insideQuote = false }
                    index += 1
                }
            }
            index += 1
        }
        return output.string
    }

    static func isTerminal(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar == "!" || scalar == "?"
    }

    /// Whether a capitalised word begins at `index`: `The`, `UN ` — not `U.S` or a lone capital.
    static func startsWord(at index: Int, in scalars: [Unicode.Scalar]) -> Bool {
        guard index + 1 < scalars.count, scalars[index].properties.isUppercase else { return false }
        let second = scalars[index + 1]
        if second.properties.isLowercase { return true }
        guard second.properties.isUppercase else { return false }
        return index + 2 >= scalars.count || !(scalars[index + 2] == ".")
    }

    /// The number of letters and digits right before `index`.
    static func wordLength(before index: Int, in scalars: [Unicode.Scalar]) -> Int {
        var count = 0
        var position = index - 1
        while position >= 0, scalars[position].properties.isAlphabetic || scalars[position].properties.numericType != nil {
            count += 1
            position -= 1
        }
        return count
    }

    /// Whether the token so far is a URL or an e-mail address.
    static func isAddress(_ token: ArraySlice<Unicode.Scalar>) -> Bool {
        let text = String(String.UnicodeScalarView(token)).lowercased()
        return text.contains("://") || text.hasPrefix("www.") || text.contains("@")
    }
}
