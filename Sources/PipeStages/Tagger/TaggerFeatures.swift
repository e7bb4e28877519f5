/// The features of a word in its sentence, hashed to numbers: the word, its lower-case form,
/// shape, prefixes and suffixes, its neighbours and their shapes, and a few flags.
///
/// Each feature is a template number and a text, hashed with 64-bit FNV-1a (the same in every
/// process, so a saved model means the same thing when it is loaded) and reduced to a bucket of
/// the weight table. Features of the previous tags are added at decoding time (``history``).
struct TaggerFeatures {
    /// The number of buckets is `1 << bits`.
    let bits: Int

    /// A hash of a template and some texts, folded into a bucket.
    struct Hasher {
        private var value: UInt64 = 0xCBF2_9CE4_8422_2325

        init(template: UInt8) {
            add(template)
        }

        mutating func add(_ byte: UInt8) {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }

        mutating func add(_ text: Substring.UTF8View) {
            for byte in text { add(byte) }
            add(0xFF)
        }

        mutating func add(_ text: String) {
            add(Substring(text).utf8)
        }

        func bucket(bits: Int) -> Int {
            // Fold the high bits in: FNV's low bits alone are weak.
            Int(truncatingIfNeeded: (value ^ (value >> 29)) & ((1 << UInt64(bits)) - 1))
        }
    }

    /// What is computed once per word.
    struct Word {
        let text: String
        let lower: String
        let shape: String
        let shortShape: String
    }

    static func word(_ text: String) -> Word {
        var shape = ""
        var shortShape = ""
        for character in text {
            let kind: Character = character.isUppercase ? "X" : character.isLowercase ? "x" : character.isNumber ? "d" : character
            if shape.count < 8 { shape.append(kind) }
            if shortShape.last != kind { shortShape.append(kind) }
        }
        return Word(text: text, lower: text.lowercased(), shape: shape, shortShape: shortShape)
    }

    /// The static features of every word of a sentence, as buckets.
    func features(of words: [String]) -> [[Int]] {
        let details = words.map(Self.word)
        let boundary = Self.word("<s>")
        let end = Self.word("</s>")
        let allCaps = words.allSatisfy { word in !word.contains { $0.isLowercase } }
        func at(_ index: Int) -> Word { index < 0 ? boundary : index >= details.count ? end : details[index] }
        return details.indices.map { index in
            let word = details[index]
            var buckets: [Int] = []
            buckets.reserveCapacity(40)
            var template: UInt8 = 0
            func add(_ parts: String...) {
                template += 1
                var hasher = Hasher(template: template)
                for part in parts { hasher.add(part) }
                buckets.append(hasher.bucket(bits: bits))
            }
            add("bias")
            add(word.text)
            add(word.lower)
            add(word.shape)
            add(word.shortShape)
            let lower = Array(word.lower)
            for length in 1...3 { add(String(lower.prefix(length))) }
            for length in 1...4 { add(String(lower.suffix(length))) }
            add(at(index - 1).lower)
            add(at(index + 1).lower)
            add(at(index - 2).lower)
            add(at(index + 2).lower)
            add(at(index - 1).shortShape)
            add(at(index + 1).shortShape)
            add(at(index - 1).lower, word.lower)
            add(word.lower, at(index + 1).lower)
            add(at(index - 1).shortShape, word.shortShape, at(index + 1).shortShape)
            add(at(index - 1).text, word.text)
            add(String(lower.suffix(3)), at(index + 1).lower)
            add(index == 0 ? "first" : "later", word.shortShape)
            add(allCaps ? "caps-sentence" : "mixed-sentence", word.lower)
            add(allCaps ? "caps-sentence" : "mixed-sentence", word.shortShape)
            add(word.text.contains("-") ? "hyphen" : "-", word.text.contains(".") ? "dot" : "-")
            return buckets
        }
    }

    /// The features of the previous two tags, and of the previous tag with the word.
    func history(previous: EntityTag, beforePrevious: EntityTag, word: String) -> [Int] {
        var first = Hasher(template: 200)
        first.add(UInt8(previous.index))
        var second = Hasher(template: 201)
        second.add(UInt8(previous.index))
        second.add(UInt8(beforePrevious.index))
        var third = Hasher(template: 202)
        third.add(UInt8(previous.index))
        third.add(word)
        return [first.bucket(bits: bits), second.bucket(bits: bits), third.bucket(bits: bits)]
    }
}
