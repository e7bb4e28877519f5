/// The features of a word in its sentence, hashed to buckets of the weight table: the word, its
/// lower-case form, shape, prefixes and suffixes, its neighbours and their shapes, and a few flags.
///
/// Each part of a word is hashed once (64-bit FNV-1a over its UTF-8, the same in every process,
/// so a saved model means the same when it is loaded); a feature is a template number mixed with
/// one to three such hashes, folded into a bucket. An ASCII word (most of them) is lower-cased
/// and shaped byte by byte, without making a `String`. Features of the previous tags are added
/// at decoding time (``history(previous:beforePrevious:word:)``).
struct TaggerFeatures: Sendable {
    /// The number of buckets is `1 << bits`.
    let bits: Int

    /// The hashes of one word's parts.
    struct Word {
        var text: UInt64 = 0
        var lower: UInt64 = 0
        var shape: UInt64 = 0
        var shortShape: UInt64 = 0
        var prefixes: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var suffixes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var hasHyphen = false
        var hasDot = false
        var hasLowercase = false
    }

    static let offset: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    static func fnv(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var value = offset
        for byte in bytes { value = (value ^ UInt64(byte)) &* prime }
        return value
    }

    /// A feature: the template and the hashes of its parts, mixed (a multiply-xorshift per part).
    static func mix(_ template: UInt64, _ parts: UInt64...) -> UInt64 {
        var value = template &* 0x9E37_79B9_7F4A_7C15
        for part in parts {
            value = (value ^ part) &* 0xBF58_476D_1CE4_E5B9
            value ^= value >> 31
        }
        return value
    }

    func bucket(_ value: UInt64) -> Int {
        Int(truncatingIfNeeded: (value ^ (value >> 29)) & ((1 << UInt64(bits)) - 1))
    }

    /// The parts of a word, hashed.
    static func word(_ text: String) -> Word {
        // The lower-case form as scalars, in room on the stack instead of an array for every word:
        // a scalar lowers to at most three scalars, and takes at least one byte.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 3 * text.utf8.count + 1) { lower in
            word(text, lower: lower)
        }
    }

    private static func word(_ text: String, lower: UnsafeMutableBufferPointer<UInt32>) -> Word {
        var word = Word()
        word.text = fnv(text.utf8)
        var count = 0
        func append(_ value: UInt32) {
            // Unicode's lower-case mappings are at most three scalars: the room always suffices.
            guard count < lower.count else { return }
            lower[count] = value
            count += 1
        }
        var shape = offset, shortShape = offset, shapeLength = 0
        var lastKind: UInt32 = 0
        for scalar in text.unicodeScalars {
            let kind: UInt32
            if scalar.isASCII {
                let value = scalar.value
                switch value {
                case 0x41...0x5A: kind = 0x58; append(value | 0x20)
                case 0x61...0x7A: kind = 0x78; append(value); word.hasLowercase = true
                case 0x30...0x39: kind = 0x64; append(value)
                default: kind = value; append(value)
                }
            } else {
                let properties = scalar.properties
                if properties.isUppercase {
                    kind = 0x58
                } else if properties.isLowercase {
                    kind = 0x78
                    word.hasLowercase = true
                } else {
                    kind = properties.numericType != nil ? 0x64 : scalar.value
                }
                for lowered in properties.lowercaseMapping.unicodeScalars { append(lowered.value) }
            }
            if scalar == "-" { word.hasHyphen = true }
            if scalar == "." { word.hasDot = true }
            if shapeLength < 8 {
                shape = (shape ^ UInt64(kind)) &* prime
                shapeLength += 1
            }
            if kind != lastKind { shortShape = (shortShape ^ UInt64(kind)) &* prime }
            lastKind = kind
        }
        word.shape = shape
        word.shortShape = shortShape
        let lowered = lower[..<count]
        func hash(_ scalars: Slice<UnsafeMutableBufferPointer<UInt32>>) -> UInt64 {
            var value = offset
            for scalar in scalars { value = (value ^ UInt64(scalar)) &* prime }
            return value
        }
        word.lower = hash(lowered)
        word.prefixes = (hash(lowered.prefix(1)), hash(lowered.prefix(2)), hash(lowered.prefix(3)))
        word.suffixes = (hash(lowered.suffix(1)), hash(lowered.suffix(2)), hash(lowered.suffix(3)), hash(lowered.suffix(4)))
        return word
    }

    static let sentenceStart = word("<s>")
    static let sentenceEnd = word("</s>")

    /// How many static features a word has.
    static let perWord = 27

    /// The static features of a sentence's words: `perWord` buckets for each word, one word
    /// after the other, and each word's lower-case hash (for ``history(previous:beforePrevious:word:)``).
    struct Sentence {
        var buckets: [Int]
        var lower: [UInt64]

        /// The buckets of word `index`.
        func of(_ index: Int) -> ArraySlice<Int> {
            buckets[(index * TaggerFeatures.perWord)..<((index + 1) * TaggerFeatures.perWord)]
        }
    }

    /// The static features of every word of a sentence.
    func features(of words: [String]) -> Sentence {
        let details = words.map(Self.word)
        let allCaps = !details.contains { $0.hasLowercase }
        func at(_ index: Int) -> Word { index < 0 ? Self.sentenceStart : index >= details.count ? Self.sentenceEnd : details[index] }
        let caseOfSentence: UInt64 = allCaps ? 1 : 2
        var buckets: [Int] = []
        buckets.reserveCapacity(details.count * Self.perWord)
        for index in details.indices {
            let word = details[index], before = at(index - 1), after = at(index + 1)
            let hashes: [UInt64] = [
                Self.mix(1), Self.mix(2, word.text), Self.mix(3, word.lower), Self.mix(4, word.shape), Self.mix(5, word.shortShape),
                Self.mix(6, word.prefixes.0), Self.mix(7, word.prefixes.1), Self.mix(8, word.prefixes.2),
                Self.mix(9, word.suffixes.0), Self.mix(10, word.suffixes.1), Self.mix(11, word.suffixes.2), Self.mix(12, word.suffixes.3),
                Self.mix(13, before.lower), Self.mix(14, after.lower), Self.mix(15, at(index - 2).lower), Self.mix(16, at(index + 2).lower),
                Self.mix(17, before.shortShape), Self.mix(18, after.shortShape),
                Self.mix(19, before.lower, word.lower), Self.mix(20, word.lower, after.lower),
                Self.mix(21, before.shortShape, word.shortShape, after.shortShape), Self.mix(22, before.text, word.text),
                Self.mix(23, word.suffixes.2, after.lower), Self.mix(24, index == 0 ? 1 : 2, word.shortShape),
                Self.mix(25, caseOfSentence, word.lower), Self.mix(26, caseOfSentence, word.shortShape),
                Self.mix(27, word.hasHyphen ? 1 : 2, word.hasDot ? 1 : 2),
            ]
            for hash in hashes { buckets.append(bucket(hash)) }
        }
        return Sentence(buckets: buckets, lower: details.map(\.lower))
    }

    /// Tags a sentence greedily from left to right: for each word, `choose` gets its index, the
    /// features of the tags before it and the previous tag, and returns its tag.
    func decode(_ sentence: Sentence, choose: (_ index: Int, _ history: (Int, Int, Int), _ previous: EntityTag) -> EntityTag)
        -> [EntityTag] {
        var tags: [EntityTag] = []
        tags.reserveCapacity(sentence.lower.count)
        for index in sentence.lower.indices {
            let previous = tags.last ?? .outside
            let history = history(previous: previous, beforePrevious: tags.count >= 2 ? tags[tags.count - 2] : .outside,
                                  word: sentence.lower[index])
            tags.append(choose(index, history, previous))
        }
        return tags
    }

    /// The features of the previous two tags, and of the previous tag with the word.
    func history(previous: EntityTag, beforePrevious: EntityTag, word: UInt64) -> (Int, Int, Int) {
        (bucket(Self.mix(200, UInt64(previous.index))),
         bucket(Self.mix(201, UInt64(previous.index), UInt64(beforePrevious.index))),
         bucket(Self.mix(202, UInt64(previous.index), word)))
    }
}
