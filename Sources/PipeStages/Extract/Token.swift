import PipeKit

/// A word or punctuation mark of a text with its place, in Unicode scalars and in UTF-8 bytes.
///
/// The facts the extractors ask about every token (lower-case form, capital, acronym, number)
/// are worked out once, when the token is made. A token holds no text of its own (making a
/// `String` per token cost a sixth of `extract`): ``TokenTexts`` cuts it from the body when an
/// extractor needs it, which is for the few tokens that make a name, a date or a speaker.
struct Token: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// Letters, digits, and the hyphens, apostrophes and dots inside them (`al-Assad`, `U.S.`, `2.5`).
        case word
        /// One punctuation mark or symbol.
        case punctuation
    }

    // Stored in 64 bytes, largest first, with offsets as 32-bit numbers (an article's tokens
    // are read again by every extractor; at 104 bytes a token, a long article's did not stay in
    // the first-level cache). The tokenizer stops before 2 GiB of text, so every offset fits.

    /// The lower-case form packed, or a word that does not fit.
    private let packedKey: PackedWord
    /// The word lists the token is in (none for punctuation).
    let lexeme: Lexeme
    /// The first scalar; for punctuation, the whole token.
    let symbol: Unicode.Scalar
    private let sentenceIndex: Int32
    private let spanStart: Int32, spanEnd: Int32
    private let byteStart: Int32, byteEnd: Int32
    /// The kind and the yes-or-no facts, one bit each: one byte to write when the token is made.
    private let traits: Traits

    /// The bits of ``traits``.
    private struct Traits: OptionSet, Sendable, Hashable {
        let rawValue: UInt8
        static let word = Traits(rawValue: 1 << 0)
        static let startsSentence = Traits(rawValue: 1 << 1)
        static let capitalized = Traits(rawValue: 1 << 2)
        static let acronym = Traits(rawValue: 1 << 3)
        static let number = Traits(rawValue: 1 << 4)
        static let earlyHyphen = Traits(rawValue: 1 << 5)
        static let apostrophe = Traits(rawValue: 1 << 6)

        init(rawValue: UInt8) { self.rawValue = rawValue }

        /// The traits of the given facts, set without a branch.
        @inline(__always)
        init(word: Bool, startsSentence: Bool, _ facts: Facts) {
            func bit(_ fact: Bool, _ trait: Traits) -> UInt8 { fact ? trait.rawValue : 0 }
            rawValue = bit(word, .word) | bit(startsSentence, .startsSentence) | bit(facts.isCapitalized, .capitalized)
                | bit(facts.isAcronym, .acronym) | bit(facts.isNumber, .number) | bit(facts.hasEarlyHyphen, .earlyHyphen)
                | bit(facts.hasApostrophe, .apostrophe)
        }
    }

    /// What a word's text tells of it, worked out as the token is made.
    private typealias Facts = (hasEarlyHyphen: Bool, hasApostrophe: Bool, isCapitalized: Bool, isAcronym: Bool, isNumber: Bool)

    /// Whether the token is a word or a punctuation mark.
    var kind: Kind { traits.contains(.word) ? .word : .punctuation }
    /// Whether the token starts its sentence (ignoring opening quotes and brackets).
    var startsSentence: Bool { traits.contains(.startsSentence) }
    /// Whether the first letter is a capital.
    var isCapitalized: Bool { traits.contains(.capitalized) }
    /// Whether every letter is a capital and there are at least two (`UN`, `NATO`, `U.S.`).
    var isAcronym: Bool { traits.contains(.acronym) }
    /// Whether the token starts with a digit.
    var isNumber: Bool { traits.contains(.number) }
    /// Whether a hyphen is among the first four bytes, as after a name prefix (`al-Assad`).
    var hasEarlyHyphen: Bool { traits.contains(.earlyHyphen) }
    /// Whether the word holds an apostrophe, straight or curly (`that's`, `It’s`).
    var hasApostrophe: Bool { traits.contains(.apostrophe) }

    /// The token's place in the body, in Unicode scalars.
    var span: TextSpan { TextSpan(start: Int(spanStart), end: Int(spanEnd)) }
    /// The token's bytes in the body's UTF-8.
    var bytes: Range<Int> { Int(byteStart)..<Int(byteEnd) }
    /// The index of the sentence the token is in.
    var sentence: Int { Int(sentenceIndex) }
    /// The lower-case form packed for `WordIndex`, nil when it is longer than `PackedWord.capacity`.
    var key: PackedWord? { packedKey.fits ? packedKey : nil }

    /// Whether the token is the punctuation mark `mark`.
    func isMark(_ mark: Unicode.Scalar) -> Bool { kind == .punctuation && symbol == mark }

    /// The token at `bytes` of the body's UTF-8; its facts are worked out here, a short ASCII
    /// word's eight bytes at a time and without any Unicode property lookup.
    ///
    /// `hasJoiners` tells whether the tokenizer took a mark between letters into the word
    /// (``Tokenizer/Cursor/joinsWords(_:)``); a word without one holds no hyphen or apostrophe.
    /// `hasASCIILetters` tells whether its letters and digits are all ASCII: then a non-ASCII
    /// byte in it is a curly apostrophe (`Trump’s`, `don’t`), the only joining mark beyond ASCII,
    /// and the word is worked out as an ASCII one.
    init(body: UnsafeBufferPointer<UInt8>, at bytes: Range<Int>, symbol: Unicode.Scalar, kind: Kind, span: TextSpan,
         sentence: Int, startsSentence: Bool, hasJoiners: Bool, hasASCIILetters: Bool, lexicon: borrowing Lexicon) {
        // `borrowing`: an initializer takes its arguments owned, and whenever the compiler keeps
        // this call out of line, a `Lexicon` passed owned costs a retain and a release of its
        // tables for every token.
        (spanStart, spanEnd) = (Int32(truncatingIfNeeded: span.start), Int32(truncatingIfNeeded: span.end))
        (byteStart, byteEnd) = (Int32(truncatingIfNeeded: bytes.lowerBound), Int32(truncatingIfNeeded: bytes.upperBound))
        self.symbol = symbol
        sentenceIndex = Int32(truncatingIfNeeded: sentence)
        let isWord = kind == .word
        guard isWord, !bytes.isEmpty else {
            traits = Traits(word: isWord, startsSentence: startsSentence, (false, false, false, false, false))
            (lexeme, packedKey) = (Lexeme(), PackedWord(placeholder: 0))
            return
        }
        let exact = PackedWord(body, bytes: bytes)
        let facts: Facts
        if let exact, hasASCIILetters {
            (facts, packedKey, lexeme) = Self.facts(ofASCII: exact, hasJoiners: hasJoiners, lexicon: lexicon)
        } else {
            let key: PackedWord?
            (facts, key, lexeme) = Self.facts(ofRare: UnsafeBufferPointer(rebasing: body[bytes]), exact: exact, lexicon: lexicon)
            packedKey = key ?? PackedWord(placeholder: 0)
        }
        traits = Traits(word: true, startsSentence: startsSentence, facts)
    }

    /// The token of a plain word (``Tokenizer/Cursor/plainWord(in:at:scalar:end:)``): ASCII letters
    /// and digits, packed in `exact`, at `bytes` and `span`.
    @inline(__always)
    init(plainWord exact: PackedWord, at bytes: Range<Int>, span: TextSpan, sentence: Int, startsSentence: Bool, lexicon: borrowing Lexicon) {
        symbol = Unicode.Scalar(UInt8(truncatingIfNeeded: exact.a))
        (spanStart, spanEnd) = (Int32(truncatingIfNeeded: span.start), Int32(truncatingIfNeeded: span.end))
        (byteStart, byteEnd) = (Int32(truncatingIfNeeded: bytes.lowerBound), Int32(truncatingIfNeeded: bytes.upperBound))
        sentenceIndex = Int32(truncatingIfNeeded: sentence)
        let facts: Facts
        (facts, packedKey, lexeme) = Self.facts(ofASCII: exact, hasJoiners: false, lexicon: lexicon)
        traits = Traits(word: true, startsSentence: startsSentence, facts)
    }

    /// The facts of a word whose letters and digits are ASCII, packed in `exact`: worked out eight
    /// bytes at a time, without any Unicode property lookup. ASCII capitals are the only capitals,
    /// and lower-casing them leaves `’` as it is.
    @inline(__always)
    private static func facts(ofASCII exact: PackedWord, hasJoiners: Bool, lexicon: borrowing Lexicon)
        -> (facts: Facts, key: PackedWord, lexeme: Lexeme) {
        let first = UInt8(truncatingIfNeeded: exact.a)
        let key = exact.lowercasedASCII
        // A word that starts with a small letter is no acronym: most words are settled at once.
        let isAcronym = !(0x61...0x7A).contains(first) && exact.holds(atLeast: 2, in: 0x41, 0x5A) && !exact.holds(atLeast: 1, in: 0x61, 0x7A)
        let facts = (hasEarlyHyphen: hasJoiners && exact.contains(UInt8(ascii: "-"), inFirst: 4),
                     hasApostrophe: hasJoiners && (!exact.isASCII || exact.contains(UInt8(ascii: "'"))),
                     isCapitalized: (0x41...0x5A).contains(first), isAcronym: isAcronym, isNumber: (0x30...0x39).contains(first))
        return (facts, key, lexicon.lexeme(lower: key, exact: exact))
    }

    /// The facts of a word longer than `PackedWord.capacity` or not ASCII (rare), from its scalars;
    /// kept out of line, so that the initializer holds only the common path.
    @inline(never)
    private static func facts(ofRare utf8: UnsafeBufferPointer<UInt8>, exact: PackedWord?, lexicon: borrowing Lexicon)
        -> (facts: Facts, key: PackedWord?, lexeme: Lexeme) {
        let text = String(decoding: utf8, as: UTF8.self)
        let scalars = text.unicodeScalars
        var letters = 0, capitals = 0
        for scalar in scalars where scalar.isLetter {
            letters += 1
            if scalar.isASCII ? (0x41...0x5A).contains(scalar.value) : scalar.properties.isUppercase { capitals += 1 }
        }
        let key = PackedWord(text.lowercased())
        let facts = (hasEarlyHyphen: utf8.prefix(4).contains(UInt8(ascii: "-")),
                     hasApostrophe: scalars.contains { $0 == "'" || $0 == "\u{2019}" },
                     isCapitalized: scalars.first?.properties.isUppercase ?? false,
                     isAcronym: letters >= 2 && capitals == letters,
                     isNumber: scalars.first.map { $0.properties.numericType != nil } ?? false)
        return (facts, key, lexicon.lexeme(lower: key ?? PackedWord(), exact: exact ?? PackedWord()))
    }

    var isWord: Bool { traits.contains(.word) }
}

extension [Token] {
    /// The index of the first token that starts at or after scalar `offset`, by binary search.
    func firstIndex(startingFrom offset: Int) -> Int? {
        let index = partition { $0.span.start >= offset }
        return index < count ? index : nil
    }

    /// The index of the last token that ends at or before scalar `offset`, by binary search.
    func lastIndex(endingBy offset: Int) -> Int? {
        let index = partition { $0.span.end > offset }
        return index > 0 ? index - 1 : nil
    }

    /// The first index whose token satisfies `isAfter`, which must be false then true along the tokens.
    private func partition(_ isAfter: (Token) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if isAfter(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

/// Cuts a body into tokens, using the article's sentence boundaries when it has them.
///
/// It reads the body as UTF-8 bytes and counts Unicode scalars as it goes, so that spans are
/// scalar offsets; only non-ASCII letters need a Unicode property lookup.
enum Tokenizer {
    /// The tokens of the article's body; `plainWords: false` makes every token in the general
    /// loop, for tests that check the plain-word path against it.
    static func tokens(of article: Article, plainWords: Bool = true) -> [Token] {
        var body = article.body
        let sentences = article.sentences.isEmpty ? [TextSpan(start: 0, end: Int.max)] : article.sentences
        return body.withUTF8 { body in
            // Tokens keep 32-bit offsets: text past 2 GiB (no article is near that) is not read.
            let bytes = UnsafeBufferPointer(rebasing: body.prefix(Int(Int32.max)))
            // News text has a token for every five or six bytes; a token takes at least one byte,
            // so a text that fills the first guess is tokenized again with room that always suffices.
            return tokens(of: bytes, sentences: sentences, capacity: bytes.count / 4 + 16, plainWords: plainWords)
                ?? tokens(of: bytes, sentences: sentences, capacity: bytes.count + 1, plainWords: plainWords) ?? []
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
            ByteWords.firstIndex(in: UnsafeBufferPointer(rebasing: bytes[..<limit]), from: start, marks: { word in
                // `| 0x20` makes capitals small and moves no other byte into `a...z`.
                let inRun = ByteWords.marks(word | ByteWords.repeating(0x20), in: 0x61, 0x7A) | ByteWords.marks(word, in: 0x30, 0x39)
                return ~inRun & ByteWords.repeating(0x80)
            }, where: { !((($0 | 0x20) &- 0x61 < 26) || $0 &- 0x30 < 10) })
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
            let inRun = ByteWords.marks(word | ByteWords.repeating(0x20), in: 0x61, 0x7A) | ByteWords.marks(word, in: 0x30, 0x39)
            return (~inRun & ByteWords.repeating(0x80)).trailingZeroBitCount / 8
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
