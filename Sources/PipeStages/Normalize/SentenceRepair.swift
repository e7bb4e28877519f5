/// Inserts the space missing between two glued sentences.
///
/// `post.The` → `post. The`, `alert."Russian` → `alert. "Russian`, `said."The` (closing quote)
/// → `said." The`. Left alone: abbreviations with one-letter parts (`U.S.`, `e.g.`), numbers
/// (`2.5`), domain names (`sputnikglobe.com`), URLs and e-mail addresses.
enum SentenceRepair {
    /// Writes the paragraph `scalars` into `output` from `start` on, with the missing spaces put
    /// in, and returns where it ends; `output` has room for twice the paragraph.
    static func repair<Unit: TextUnit>(_ scalars: UnsafeBufferPointer<Unit>, into buffer: UnsafeMutableBufferPointer<Unit>,
                                       at start: Int) -> Int {
        var output = Output(buffer: buffer, end: start)
        var insideQuote = false
        var tokenStart = 0
        var index = 0
        while index < scalars.count {
            // Units other than stops and quotes are copied in one go; a token starts after the
            // last space among them.
            let next = Unit.nextStopOrQuote(in: scalars, from: index)
            if next > index {
                let run = UnsafeBufferPointer(rebasing: scalars[index..<next])
                output.append(contentsOf: run)
                if let space = run.lastIndex(where: { $0.scalar == " " }) { tokenStart = index + space + 1 }
                index = next
                guard index < scalars.count else { break }
            }
            let unit = scalars[index], scalar = unit.scalar
            output.append(unit)
            if scalar == "\"" { insideQuote.toggle() }
            // Only a capital or a quote after the stop can call for a space: tested first, as
            // most stops are followed by one.
            if isTerminal(scalar), index + 1 < scalars.count, mayFollowGluedStop(scalars[index + 1].scalar),
               wordLength(before: index, in: scalars) >= 2,
               !isAddress(scalars[tokenStart...index]) {
                let next = scalars[index + 1].scalar
                if startsWord(at: index + 1, in: scalars) {
                    output.append(Unit(ascii: " "))
                } else if (next == "\"" && !insideQuote) || next == "\u{201C}", startsWord(at: index + 2, in: scalars) {
                    output.append(Unit(ascii: " "))
                } else if (next == "\"" && insideQuote) || next == "\u{201D}", startsWord(at: index + 2, in: scalars) {
                    output.append(scalars[index + 1])
                    output.append(Unit(ascii: " "))
                    if next == "\"" { insideQuote = false }
                    index += 1
                }
            }
            index += 1
        }
        return output.end
    }

    /// Where `repair` writes: a buffer with room enough, and how far it is written.
    private struct Output<Unit: TextUnit> {
        let buffer: UnsafeMutableBufferPointer<Unit>
        var end: Int

        mutating func append(_ unit: Unit) {
            buffer.initializeElement(at: end, to: unit)
            end += 1
        }

        mutating func append(contentsOf units: UnsafeBufferPointer<Unit>) {
            _ = UnsafeMutableBufferPointer(rebasing: buffer[end..<(end + units.count)]).initialize(from: units)
            end += units.count
        }
    }

    static func isTerminal(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar == "!" || scalar == "?"
    }

    /// Whether a scalar right after a stop may begin a glued sentence: a capital or a quote.
    static func mayFollowGluedStop(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isCapital || scalar == "\"" || scalar == "\u{201C}" || scalar == "\u{201D}"
    }

    /// Whether a capitalised word begins at `index`: `The`, `UN ` — not `U.S` or a lone capital.
    static func startsWord<Unit: TextUnit>(at index: Int, in scalars: UnsafeBufferPointer<Unit>) -> Bool {
        guard index + 1 < scalars.count, scalars[index].scalar.isCapital else { return false }
        let second = scalars[index + 1].scalar
        if second.isSmallLetter { return true }
        guard second.isCapital else { return false }
        return index + 2 >= scalars.count || !(scalars[index + 2].scalar == ".")
    }

    /// The number of letters and digits right before `index`.
    static func wordLength<Unit: TextUnit>(before index: Int, in scalars: UnsafeBufferPointer<Unit>) -> Int {
        var count = 0
        var position = index - 1
        while position >= 0, scalars[position].scalar.isLetterOrDigit {
            count += 1
            position -= 1
        }
        return count
    }

    /// Whether the token so far is a URL or an e-mail address.
    static func isAddress<Unit: TextUnit>(_ token: Slice<UnsafeBufferPointer<Unit>>) -> Bool {
        let start = token.startIndex, end = token.endIndex
        func isLetter(_ index: Int, _ small: Unicode.Scalar) -> Bool {
            token[index].scalar == small || token[index].scalar.value == small.value - 0x20
        }
        if end - start >= 4, isLetter(start, "w"), isLetter(start + 1, "w"), isLetter(start + 2, "w"), token[start + 3].scalar == "." {
            return true
        }
        for index in start..<end {
            let scalar = token[index].scalar
            if scalar == "@" { return true }
            if scalar == ":", index + 2 < end, token[index + 1].scalar == "/", token[index + 2].scalar == "/" { return true }
        }
        return false
    }
}
