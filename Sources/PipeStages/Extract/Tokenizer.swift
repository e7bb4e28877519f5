import PipeKit

/// Cuts a body into tokens, using the article's sentence boundaries when it has them.
///
/// It reads the body as UTF-8 bytes and counts Unicode scalars as it goes, so that spans are
/// scalar offsets; only non-ASCII letters need a Unicode property lookup.
enum Tokenizer {
    /// The tokens of the article's body; `plainWords: false` makes every token in the general
    /// loop, for tests that check the plain-word path against it.
    static func tokens(of article: Article, plainWords: Bool = true) -> [Token] {
        tokens(of: article, plainWords: plainWords, limit: .max) ?? []
    }

    /// The tokens of the article's body, or nil when it has more than `limit`: then no more than
    /// `limit` tokens' room is ever taken.
    static func tokens(of article: Article, plainWords: Bool = true, limit: Int) -> [Token]? {
        var body = article.body
        let sentences = article.sentences.isEmpty ? [TextSpan(start: 0, end: Int.max)] : article.sentences
        return body.withUTF8 { body in
            // Tokens keep 32-bit offsets: text past 2 GiB (no article is near that) is not read.
            let bytes = UnsafeBufferPointer(rebasing: body.prefix(Int(Int32.max)))
            // News text has a token for every five or six bytes; a token takes at least one byte,
            // so a text that fills the first guess is tokenized again with room that always suffices.
            let guess = min(bytes.count / 4 + 16, limit), room = min(bytes.count + 1, limit)
            if let tokens = tokens(of: bytes, sentences: sentences, capacity: guess, plainWords: plainWords) { return tokens }
            guard guess < room else { return nil }
            return tokens(of: bytes, sentences: sentences, capacity: room, plainWords: plainWords)
        }
    }

    /// The tokens of `bytes`, made in place in an array of `capacity`, or nil when there are more.
    ///
    /// In place, each token is written once where it stays, with no check per token that the
    /// array is not shared (`append` made two) and no copy from a temporary.
    private static func tokens(of bytes: UnsafeBufferPointer<UInt8>, sentences: [TextSpan], capacity: Int, plainWords: Bool) -> [Token]? {
        var isComplete = true
        let tokens = [Token](unsafeUninitializedCapacity: capacity) { buffer, count in
            var cursor = Cursor(bytes: bytes, lexicon: .shared, output: buffer, plainWords: plainWords)
            for (index, sentence) in sentences.enumerated() {
                guard cursor.tokenize(until: sentence.end, from: sentence.start, sentence: index) else {
                    isComplete = false
                    break
                }
            }
            count = cursor.count
        }
        return isComplete ? tokens : nil
    }

    /// A position in the body, a byte offset and the scalar offset it corresponds to, and the
    /// tokens made so far.
    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        let lexicon: Lexicon
        /// Where tokens are made: the first `count` are initialized.
        let output: UnsafeMutableBufferPointer<Token>
        /// Whether plain words are made by ``plainWord(in:at:scalar:end:)``.
        let plainWords: Bool
        var count = 0
        var byte = 0
        var scalar = 0

        /// The scalar at the cursor and its length in bytes.
        func peek(_ at: Int) -> (Unicode.Scalar, Int)? {
            at < bytes.count ? UInt8.scalar(at: at, in: bytes) : nil
        }

        /// The end of the run of ASCII letters and digits from `start`, at most `limit`: eight
        /// bytes at a time, so that a word's end costs no mispredicted branch per byte.
        @inline(__always)
        func asciiRunEnd(from start: Int, limit: Int) -> Int {
            ByteWords.firstIndex(in: UnsafeBufferPointer(rebasing: bytes[..<limit]), from: start, marks: Self.notLetterOrDigit,
                                 where: { !((($0 | 0x20) &- 0x61 < 26) || $0 &- 0x30 < 10) })
        }

        /// The high bit of each byte of `word` that is no ASCII letter or digit.
        @inline(__always)
        static func notLetterOrDigit(_ word: UInt64) -> UInt64 {
            // `| 0x20` makes capitals small and moves no other byte into `a...z`.
            let inRun = ByteWords.marks(word | ByteWords.repeating(0x20), in: 0x61, 0x7A) | ByteWords.marks(word, in: 0x30, 0x39)
            return ~inRun & ByteWords.repeating(0x80)
        }

        /// The word at `start` of `bytes` (scalar `scalar`, before the sentence's end `end`) when
        /// it is plain: ASCII letters and digits that end, with no joining mark, within the
        /// sixteen bytes from `start`; nil for any other token, which the general loop makes.
        ///
        /// Most words of news text are plain, and this settles them from one load of eight bytes
        /// (two for a word of eight bytes or more): where the word ends, the mark after it, and
        /// the bytes of the token's packed word.
        @inline(__always)
        static func plainWord(in bytes: UnsafeBufferPointer<UInt8>, at start: Int, scalar: Int, end: Int) -> PackedWord? {
            guard start + 8 <= bytes.count else { return nil }
            let low = ByteWords.load(bytes, at: start)
            let length = letterOrDigitRun(low)
            guard length < 8 else { return longPlainWord(in: bytes, at: start, low: low, scalar: scalar, end: end) }
            // An ASCII byte is one scalar: the sentence ends the word where it ends first.
            let left = end - scalar
            guard length > 0, length < left else { return length > 0 ? PackedWord(low, count: left) : nil }
            let isPlain = endsPlainly(at: length, left: left, loaded: 8) { UInt8(truncatingIfNeeded: low &>> UInt64(8 * $0)) }
            return isPlain ? PackedWord(low, count: length) : nil
        }

        /// ``plainWord(in:at:scalar:end:)`` of a word whose first eight bytes, `low`, are letters
        /// and digits (one word in seven); out of line, to keep the common path short.
        @inline(never)
        private static func longPlainWord(in bytes: UnsafeBufferPointer<UInt8>, at start: Int, low: UInt64, scalar: Int, end: Int) -> PackedWord? {
            guard start + 16 <= bytes.count else { return nil }
            let high = ByteWords.load(bytes, at: start + 8)
            let length = 8 + letterOrDigitRun(high)
            guard length < 16 else { return nil }
            let left = end - scalar
            guard length < left else { return PackedWord(low, high, count: left) }
            let isPlain = endsPlainly(at: length, left: left, loaded: 16) {
                UInt8(truncatingIfNeeded: ($0 < 8 ? low : high) &>> UInt64(8 * ($0 & 7)))
            }
            return isPlain ? PackedWord(low, high, count: length) : nil
        }

        /// How many bytes of `word` from its first are ASCII letters and digits (8 when all are).
        @inline(__always)
        private static func letterOrDigitRun(_ word: UInt64) -> Int {
            notLetterOrDigit(word).trailingZeroBitCount / 8
        }

        /// Whether a run of ASCII letters and digits `length` bytes long, shorter than the `left`
        /// scalars left in the sentence, is a whole plain word: the ASCII mark after it joins no
        /// letter or digit to it. `byte` gives the bytes of the `loaded` read.
        @inline(__always)
        private static func endsPlainly(at length: Int, left: Int, loaded: Int, byte: (Int) -> UInt8) -> Bool {
            let mark = byte(length)
            // A byte beyond ASCII may be a letter or a curly apostrophe, which the general loop reads.
            guard mark < 0x80 else { return false }
            guard joinsWords(Unicode.Scalar(mark)), length + 1 < left else { return true }
            // The mark joins when a letter or digit follows it: what follows is read here when it
            // is an ASCII byte among those loaded.
            guard length + 1 < loaded else { return false }
            let after = byte(length + 1)
            return after < 0x80 && !Unicode.Scalar(after).isLetterOrDigit
        }

        /// Whether a mark between two word characters keeps them one token: `al-Assad`, `U.S`, `AT&T`.
        static func joinsWords(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar {
            case "-", "'", "\u{2019}", ".", "&": true
            default: false
            }
        }

        /// Whether a mark may stand before the first word of a sentence: quotes and brackets.
        static func opensSentence(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar {
            case "\"", "'", "\u{201C}", "\u{2018}", "(", "\u{AB}", "[": true
            default: false
            }
        }

        /// Tokens from scalar `start` up to scalar `end` (the sentence), all in sentence `sentence`;
        /// false when `output` is full.
        ///
        /// The position and the count are kept in local variables and stored back at the end: as
        /// properties, each step stored them to memory, since a token written through `output`
        /// might, for all the compiler knew, have changed them.
        mutating func tokenize(until end: Int, from start: Int, sentence: Int) -> Bool {
            var (byte, scalar, count) = (self.byte, self.scalar, self.count)
            defer { (self.byte, self.scalar, self.count) = (byte, scalar, count) }
            /// Steps over one scalar of `length` bytes.
            func advance(_ length: Int) {
                byte += length
                scalar += 1
            }
            while scalar < start, let (_, length) = peek(byte) { advance(length) }
            var atStart = true
            while scalar < end, let (current, length) = peek(byte) {
                if current.isWhitespace {
                    advance(length)
                    continue
                }
                guard count < output.count else { return false }
                if plainWords, length == 1, var word = Self.plainWord(in: bytes, at: byte, scalar: scalar, end: end) {
                    // A run of plain words, each with the space after it, made without going back
                    // through the loop's scalar-by-scalar steps.
                    while true {
                        output.initializeElement(at: count, to: Token(
                            plainWord: word, at: byte..<(byte + word.count), span: TextSpan(start: scalar, end: scalar + word.count),
                            sentence: sentence, startsSentence: atStart, lexicon: lexicon))
                        count += 1
                        atStart = false
                        byte += word.count
                        scalar += word.count
                        guard scalar < end, byte < bytes.count, bytes[byte] == 0x20 else { break }
                        advance(1)
                        guard scalar < end, count < output.count,
                              let next = Self.plainWord(in: bytes, at: byte, scalar: scalar, end: end) else { break }
                        word = next
                    }
                    continue
                }
                let startByte = byte, startScalar = scalar
                advance(length)
                if current.isLetterOrDigit {
                    var dots = 0, hasJoiners = false, hasASCIILetters = current.isASCII
                    while scalar < end, let (next, nextLength) = peek(byte) {
                        // A run of ASCII letters and digits in one go.
                        if nextLength == 1, next.isLetterOrDigit {
                            // An ASCII byte is one scalar, so the sentence's end is a byte limit here.
                            let run = asciiRunEnd(from: byte + 1, limit: byte + min(bytes.count - byte, end - scalar))
                            scalar += run - byte
                            byte = run
                        } else if next.isLetterOrDigit {
                            advance(nextLength)
                            hasASCIILetters = false
                        } else if Self.joinsWords(next), scalar + 1 < end,
                                  let (after, _) = peek(byte + nextLength), after.isLetterOrDigit {
                            advance(nextLength)
                            hasJoiners = true
                            if next == "." { dots += 1 }
                        } else if next == ".", dots > 0, scalar - startScalar == 2 * dots + 1, current.properties.isAlphabetic {
                            // The final dot of an abbreviation made of single letters: `U.S.`
                            advance(nextLength)
                            break
                        } else {
                            break
                        }
                    }
                    output.initializeElement(at: count, to: Token(
                        body: bytes, at: startByte..<byte, symbol: current, kind: .word, span: TextSpan(start: startScalar, end: scalar),
                        sentence: sentence, startsSentence: atStart, hasJoiners: hasJoiners, hasASCIILetters: hasASCIILetters, lexicon: lexicon))
                    count += 1
                    atStart = false
                } else {
                    output.initializeElement(at: count, to: Token(
                        body: bytes, at: startByte..<byte, symbol: current, kind: .punctuation, span: TextSpan(start: startScalar, end: scalar),
                        sentence: sentence, startsSentence: false, hasJoiners: false, hasASCIILetters: false, lexicon: lexicon))
                    count += 1
                    if !Self.opensSentence(current) { atStart = false }
                }
            }
            return true
        }
    }
}
