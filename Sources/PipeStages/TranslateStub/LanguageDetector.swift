/// Tells which language a text is in, from its script and its most frequent function words.
///
/// Scripts settle most languages at once: Cyrillic (`ru`, or `uk` when it has і, ї, є, ґ),
/// Arabic (`ar`, or `fa` when it has پ, چ, ژ, گ, ی), Greek, Hebrew, Devanagari, Hangul, kana (`ja`)
/// and Han (`zh`). Latin-script text is scored by its words that are among the commonest function
/// words of each language, a word shared by k languages counting 1/k for each. The confidence is
/// the winner's share of the score, scaled down for texts of fewer than 12 words.
///
/// The detector reads the text's UTF-8 bytes once: ASCII letters are classified and lower-cased
/// by arithmetic, and each word is looked up as a `PackedWord`, so English text costs no Unicode
/// property lookup and no allocation.
public struct LanguageDetector: Sendable {
    /// A language code (ISO 639-1, or `und` when the text has no letters) and how sure the detector is of it.
    public struct Result: Equatable, Sendable {
        /// The ISO 639-1 code of the language.
        public var language: String
        /// How sure the detector is, from 0 to 1.
        public var confidence: Double

        /// A result naming `language` with `confidence`.
        public init(language: String, confidence: Double) {
            self.language = language
            self.confidence = confidence
        }
    }

    /// A detector; it holds no state.
    public init() {}

    /// The languages the detector can name.
    public static let languages = ["en", "fr", "de", "es", "it", "pt", "nl", "tr", "pl", "ru", "uk", "ar", "fa", "el", "he", "hi", "ko", "ja", "zh"]

    static let functionWords: [String: Set<String>] = [
        "en": ["the", "of", "and", "to", "in", "is", "that", "for", "it", "was", "on", "with", "he", "as", "by", "at",
               "from", "his", "are", "be", "this", "have", "has", "had", "not", "but", "were", "which", "they", "their",
               "been", "would", "will", "said", "who", "an", "its", "after", "also", "than", "more", "we", "there"],
        "fr": ["le", "la", "les", "de", "des", "du", "et", "un", "une", "est", "dans", "que", "qui", "pour", "pas", "sur",
               "au", "aux", "avec", "ce", "cette", "il", "elle", "ont", "sont", "par", "plus", "ne", "se", "été", "mais",
               "nous", "leur", "selon", "entre", "après", "où", "ces", "son", "sa", "ses"],
        "de": ["der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "des", "ein", "eine", "einer", "zu", "von",
               "im", "auf", "für", "sich", "auch", "es", "wurde", "werden", "hat", "sind", "war", "wie", "aus", "bei",
               "nach", "noch", "über", "sie", "er", "wir", "aber", "dass", "oder", "vor", "zum", "zur"],
        "es": ["el", "la", "los", "las", "de", "del", "y", "en", "que", "un", "una", "es", "por", "con", "para", "no",
               "se", "su", "sus", "al", "lo", "como", "más", "pero", "fue", "ha", "han", "este", "esta", "entre", "sobre",
               "también", "tras", "según", "muy", "ya", "desde", "cuando", "hasta", "sin"],
        "it": ["il", "lo", "la", "gli", "le", "di", "del", "della", "che", "e", "è", "un", "una", "per", "non", "con",
               "sono", "ha", "nel", "nella", "alla", "al", "dei", "delle", "anche", "come", "più", "ma", "questo", "si",
               "dal", "dalla", "tra", "fra", "ancora", "essere", "stato"],
        "pt": ["o", "os", "a", "as", "de", "do", "da", "dos", "das", "e", "que", "em", "no", "na", "um", "uma", "para",
               "com", "não", "por", "se", "mais", "foi", "ao", "pelo", "pela", "como", "mas", "também", "são", "está",
               "ele", "ela", "seu", "sua", "entre", "sobre", "após"],
        "nl": ["de", "het", "een", "en", "van", "in", "is", "dat", "op", "te", "zijn", "voor", "met", "niet", "die",
               "aan", "er", "ook", "als", "bij", "door", "maar", "om", "werd", "wordt", "naar", "uit", "nog", "dit",
               "worden", "heeft", "hebben", "was", "over", "tegen"],
        "tr": ["ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "çok", "daha", "olan", "gibi", "ama", "en",
               "kadar", "sonra", "şu", "her", "ne", "o", "değil", "ise", "mi", "ya", "veya", "tarafından", "yılında",
               "üzerinde", "olduğu", "ancak"],
        "pl": ["i", "w", "na", "z", "się", "nie", "do", "to", "że", "jest", "o", "jak", "po", "co", "ale", "od", "za",
               "przez", "dla", "jego", "oraz", "są", "był", "była", "było", "już", "tak", "tym", "który", "która",
               "które", "także", "może", "tylko"],
    ]

    /// The language of `text`, judged on at most its first `limit` scalars.
    public func detect(_ text: String, limit: Int = 4000) -> Result {
        var text = text
        return text.withUTF8 { detect(bytes: $0, limit: limit) }
    }

    private func detect(bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> Result {
        var scripts = Array(repeating: 0, count: Script.allCases.count)
        var scores = Array(repeating: 0.0, count: Self.latinLanguages.count)
        var words = 0
        var word = PackedWord()
        func closeWord() {
            guard !word.isEmpty else { return }
            words += 1
            if let languages = Self.wordLanguages[word] {
                let share = 1 / Double(languages.nonzeroBitCount)
                for index in scores.indices where languages & (1 << index) != 0 { scores[index] += share }
            }
            word = PackedWord()
        }
        var offset = 0, seen = 0
        while offset < bytes.count, seen < limit {
            seen += 1
            let lead = bytes[offset]
            if lead < 0x80 {
                offset += 1
                switch lead {
                case 0x41...0x5A, 0x61...0x7A:
                    scripts[Script.latin.rawValue] += 1
                    word.append(lead | 0x20)
                case UInt8(ascii: "'"): word.append(lead)
                default: closeWord()
                }
                continue
            }
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            var value = UInt32(lead & (0xFF >> (length + 1)))
            for next in (offset + 1)..<min(offset + length, bytes.count) { value = value << 6 | UInt32(bytes[next] & 0x3F) }
            offset += length
            guard let scalar = Unicode.Scalar(value) else {
                closeWord()
                continue
            }
            let script = Self.script(of: scalar)
            if let script { scripts[script.rawValue] += 1 }
            if script == .latin, value != 0xD7, value != 0xF7 {
                if (0xC0...0xDE).contains(value), let lower = Unicode.Scalar(value + 0x20) {
                    word.append(lower)
                } else {
                    for byte in scalar.properties.lowercaseMapping.utf8 { word.append(byte) }
                }
            } else if script != .latin, scalar.properties.isAlphabetic {
                word.append(scalar)
            } else {
                closeWord()
            }
        }
        closeWord()
        let letters = scripts.reduce(0, +)
        guard letters > 0 else { return Result(language: "und", confidence: 0) }
        let script = Script.allCases.max { (scripts[$0.rawValue], $1.name) < (scripts[$1.rawValue], $0.name) } ?? .latin
        let share = Double(scripts[script.rawValue]) / Double(letters)
        switch script {
        case .latin: return latin(scores: scores, words: words)
        case .cyrillic, .ukrainian:
            return Result(language: scripts[Script.ukrainian.rawValue] > 0 ? "uk" : "ru", confidence: share)
        case .arabic, .persian:
            return Result(language: scripts[Script.persian.rawValue] > 0 ? "fa" : "ar", confidence: share)
        case .kana: return Result(language: "ja", confidence: share)
        case .han: return Result(language: scripts[Script.kana.rawValue] > 0 ? "ja" : "zh", confidence: share)
        default: return Result(language: script.name, confidence: share)
        }
    }

    /// The Latin-script languages scored by function words, in the order of their bits in `wordLanguages`.
    static let latinLanguages = functionWords.keys.sorted()

    /// For each function word, the languages that have it, as bits over `latinLanguages`.
    static let wordLanguages = WordTable(
        functionWords.flatMap { language, words in
            let bit = UInt16(1) << latinLanguages.firstIndex(of: language).unsafelyUnwrapped
            return words.map { ($0, bit) }
        },
        merge: |
    )

    private func latin(scores: [Double], words: Int) -> Result {
        let total = scores.reduce(0, +)
        guard total > 0, let best = scores.indices.max(by: {
            (scores[$0], Self.latinLanguages[$1]) < (scores[$1], Self.latinLanguages[$0])
        }) else {
            return Result(language: "und", confidence: 0)
        }
        let share = scores[best] / total
        let coverage = min(1, Double(words) / 12)
        return Result(language: Self.latinLanguages[best], confidence: (share * coverage * 1000).rounded() / 1000)
    }

    /// The scripts the detector tells apart, with the letters that single out a language as scripts of their own.
    enum Script: Int, CaseIterable {
        case latin, ukrainian, cyrillic, persian, arabic, greek, hebrew, devanagari, hangul, kana, han

        /// The name that breaks ties between scripts, and the language code of the one-language scripts.
        var name: String {
            switch self {
            case .latin: "latin"
            case .ukrainian: "ukrainian"
            case .cyrillic: "cyrillic"
            case .persian: "persian"
            case .arabic: "arabic"
            case .greek: "el"
            case .hebrew: "he"
            case .devanagari: "hi"
            case .hangul: "ko"
            case .kana: "kana"
            case .han: "han"
            }
        }
    }

    /// The script a letter belongs to, with the letters that single out a language marked.
    static func script(of scalar: Unicode.Scalar) -> Script? {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: .latin
        case 0x456, 0x457, 0x454, 0x491, 0x406, 0x407, 0x404, 0x490: .ukrainian
        case 0x400...0x4FF: .cyrillic
        case 0x67E, 0x686, 0x698, 0x6AF, 0x6CC: .persian
        case 0x600...0x6FF, 0x750...0x77F: .arabic
        case 0x370...0x3FF: .greek
        case 0x590...0x5FF: .hebrew
        case 0x900...0x97F: .devanagari
        case 0xAC00...0xD7AF, 0x1100...0x11FF: .hangul
        case 0x3040...0x30FF: .kana
        case 0x4E00...0x9FFF: .han
        default: nil
        }
    }
}
