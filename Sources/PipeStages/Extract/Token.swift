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

    /// The index of the first token of the sentence numbered `sentence` (or of the next one), by
    /// binary search: sentence numbers never go down along the tokens. Walking back token by
    /// token instead cost the quotation finder time in the square of a body with no sentence end.
    func firstIndex(ofSentence sentence: Int) -> Int {
        partition { $0.sentence >= sentence }
    }

    /// The index after the last token of the sentence numbered `sentence`, by binary search.
    func endIndex(ofSentence sentence: Int) -> Int {
        partition { $0.sentence > sentence }
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
