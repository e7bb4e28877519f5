/// Inserts the space missing between two glued sentences.
///
/// `post.The` → `post. The`, `alert."Russian` → `alert. "Russian`, `said."The` (closing quote)
/// → `said." The`. Left alone: abbreviations with one-letter parts (`U.S.`, `e.g.`), numbers
/// (`2.5`), domain names (`sputnikglobe.com`), URLs and e-mail addresses.
enum SentenceRepair {
    /// Writes the paragraph `units` into `output` from `start` on, with the missing spaces put
    /// in, and returns where it ends; `output` has room for twice the paragraph.
    static func repair<Unit: TextUnit>(_ units: UnsafeBufferPointer<Unit>, into buffer: UnsafeMutableBufferPointer<Unit>,
                                       at start: Int) -> Int {
        var output = Output(buffer: buffer, end: start)
        var insideQuote = false
        var tokenStart = 0
        var index = 0
        while index < units.count {
            // Units other than stops and quotes are copied in one go; a token starts after the
            // last space among them.
            let stop = Unit.nextStopOrQuote(in: units, from: index)
            if stop > index {
                let run = UnsafeBufferPointer(rebasing: units[index..<stop])
                output.append(contentsOf: run)
                if let space = run.lastIndex(where: { $0.isASCII(" ") }) { tokenStart = index + space + 1 }
                index = stop
                guard index < units.count else { break }
            }
            let unit = units[index]
            output.append(unit)
            if unit.isASCII("\"") { insideQuote.toggle() }
            // Only a capital or a quote after the stop can call for a space: tested first, as
            // most stops are followed by one.
            guard unit.isTerminal, index + 1 < units.count else {
                index += 1
                continue
            }
            let (next, nextLength) = Unit.scalar(at: index + 1, in: units)
            let afterNext = index + 1 + nextLength
            if mayFollowGluedStop(next), hasWord(before: index, in: units), !isAddress(units[tokenStart...index]) {
                if startsWord(at: index + 1, in: units) {
                    output.append(Unit(ascii: " "))
                } else if (next == "\"" && !insideQuote) || next == "\u{201C}", startsWord(at: afterNext, in: units) {
                    output.append(Unit(ascii: " "))
                } else if (next == "\"" && insideQuote) || next == "\u{201D}", startsWord(at: afterNext, in: units) {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: units[(index + 1)..<afterNext]))
                    output.append(Unit(ascii: " "))
                    if next == "\"" { insideQuote = false }
                    index = afterNext - 1
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

    /// Whether a scalar right after a stop may begin a glued sentence: a capital or a quote.
    static func mayFollowGluedStop(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isCapital || scalar == "\"" || scalar == "\u{201C}" || scalar == "\u{201D}"
    }

    /// Whether a capitalised word begins at `index`: `The`, `UN ` — not `U.S` or a lone capital.
    static func startsWord<Unit: TextUnit>(at index: Int, in units: UnsafeBufferPointer<Unit>) -> Bool {
        guard index < units.count else { return false }
        let (first, firstLength) = Unit.scalar(at: index, in: units)
        let secondIndex = index + firstLength
        guard secondIndex < units.count, first.isCapital else { return false }
        let (second, secondLength) = Unit.scalar(at: secondIndex, in: units)
        if second.isSmallLetter { return true }
        guard second.isCapital else { return false }
        let third = secondIndex + secondLength
        return third >= units.count || !units[third].isASCII(".")
    }

    /// Whether at least two letters or digits stand right before `index`.
    static func hasWord<Unit: TextUnit>(before index: Int, in units: UnsafeBufferPointer<Unit>) -> Bool {
        var count = 0
        var position = index
        while count < 2, position > 0 {
            let (scalar, length) = Unit.scalar(before: position, in: units)
            guard scalar.isLetterOrDigit else { break }
            count += 1
            position -= length
        }
        return count == 2
    }

    /// Whether the token so far is a URL or an e-mail address.
    static func isAddress<Unit: TextUnit>(_ token: Slice<UnsafeBufferPointer<Unit>>) -> Bool {
        let start = token.startIndex, end = token.endIndex
        func isLetter(_ index: Int, _ small: Unicode.Scalar) -> Bool {
            token[index].isASCII(small) || token[index].isASCII(Unicode.Scalar(UInt8(small.value - 0x20)))
        }
        if end - start >= 4, isLetter(start, "w"), isLetter(start + 1, "w"), isLetter(start + 2, "w"), token[start + 3].isASCII(".") {
            return true
        }
        for index in start..<end {
            if token[index].isASCII("@") { return true }
            if token[index].isASCII(":"), index + 2 < end, token[index + 1].isASCII("/"), token[index + 2].isASCII("/") { return true }
        }
        return false
    }
}
