import PipeKit

/// The texts of an article's tokens, cut from the body's UTF-8 when an extractor asks.
struct TokenTexts: Sendable {
    /// The body as UTF-8; tokens' ``Token/bytes`` index it.
    let utf8: [UInt8]

    /// The texts of the tokens of `body`.
    init(body: String) {
        utf8 = Array(body.utf8)
    }

    /// The token's text.
    subscript(token: Token) -> String {
        string(token.bytes)
    }

    /// The text of `bytes` of the body, which must start and end between scalars, as tokens do:
    /// cut from valid UTF-8 there, it is valid, and is not checked again.
    func string(_ bytes: Range<Int>) -> String {
        utf8.withUnsafeBufferPointer { UTF8Text.string(validUTF8: $0[bytes]) }
    }

    /// The token's text in lower case: from its packed key when it has one, without decoding.
    func lowercased(_ token: Token) -> String {
        token.key?.string ?? self[token].lowercased()
    }

    /// Whether the token's text is exactly `word` (ASCII), compared byte by byte.
    func isWord(_ token: Token, _ word: StaticString) -> Bool {
        guard token.bytes.count == word.utf8CodeUnitCount else { return false }
        return word.withUTF8Buffer { expected in
            var index = token.bytes.lowerBound
            for byte in expected {
                if utf8[index] != byte { return false }
                index += 1
            }
            return true
        }
    }

    /// The text of the tokens `first` through `last`, as written in the body.
    func text(from first: Token, to last: Token) -> String {
        string(first.bytes.lowerBound..<last.bytes.upperBound)
    }

    /// The length in bytes of the token's final possessive, `'s` (2) or `’s` (4), or 0; as
    /// ``EntityRecognizer/possessiveLength(_:)`` tells it, a bare `'s` is none.
    func possessiveByteCount(_ token: Token) -> Int {
        let bytes = token.bytes
        guard bytes.count >= 3, utf8[bytes.upperBound - 1] == UInt8(ascii: "s") else { return 0 }
        if utf8[bytes.upperBound - 2] == UInt8(ascii: "'") { return 2 }
        // U+2019 is E2 80 99, and something must stand before it.
        guard bytes.count >= 5, utf8[bytes.upperBound - 4] == 0xE2, utf8[bytes.upperBound - 3] == 0x80,
              utf8[bytes.upperBound - 2] == 0x99 else { return 0 }
        return 4
    }

    /// Words whose contractions are function words although they are no stopwords: `don't`, `can't`.
    static let negations: Set<String> = ["don", "didn", "doesn", "won", "can", "isn", "wasn"]

    /// Whether the token is a function word with a contraction: `that's`, `It’s`, `I've`, `don't`.
    ///
    /// In an ASCII word the part before the apostrophe is looked up packed in the ``Lexicon``
    /// (stopwords and ``negations``); other words with an apostrophe are lower-cased.
    /// Inlined, so that the few words with an apostrophe alone cost a call.
    @inline(__always)
    func isContractedFunctionWord(_ token: Token) -> Bool {
        token.hasApostrophe && isContractedFunctionWord(withApostrophe: token)
    }

    @inline(never)
    private func isContractedFunctionWord(withApostrophe token: Token) -> Bool {
        let bytes = utf8[token.bytes]
        if bytes.allSatisfy({ $0 < 0x80 }) {
            guard let apostrophe = bytes.firstIndex(of: UInt8(ascii: "'")),
                  let stem = utf8.withUnsafeBufferPointer({ PackedWord($0, bytes: token.bytes.lowerBound..<apostrophe) })?.lowercasedASCII
            else { return false }
            return !Lexicon.shared.lexeme(lower: stem, exact: stem).flags.isDisjoint(with: [.stopword, .negation])
        }
        let lower = lowercased(token)
        guard let apostrophe = lower.firstIndex(where: { $0 == "'" || $0 == "\u{2019}" }) else { return false }
        let stem = String(lower[..<apostrophe])
        return WordLists.stopwords.contains(stem) || Self.negations.contains(stem)
    }
}
