/// Tells which language a text is in, from its script and its most frequent function words.
///
/// Scripts settle most languages at once: Cyrillic (`ru`, or `uk` when it has і, ї, є, ґ),
/// Arabic (`ar`, or `fa` when it has پ, چ, ژ, گ, ی), Greek, Hebrew, Devanagari, Hangul, kana (`ja`)
/// and Han (`zh`). Latin-script text is scored by its words that are among the commonest function
/// words of each language, a word shared by k languages counting 1/k for each. The confidence is
/// the winner's share of the score, scaled down for texts of fewer than 12 words.
struct LanguageDetector: Sendable {
    struct Result: Equatable {
        var language: String
        var confidence: Double
    }

    /// The languages the detector can name.
    static let languages = ["en", "fr", "de", "es", "it", "pt", "nl", "tr", "pl", "ru", "uk", "ar", "fa", "el", "he", "hi", "ko", "ja", "zh"]

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
    func detect(_ text: String, limit: Int = 4000) -> Result {
        var scripts: [String: Int] = [:]
        var words: [String] = []
        var word = String.UnicodeScalarView()
        var seen = 0
        func closeWord() {
            if !word.isEmpty {
                words.append(String(word).lowercased())
                word.removeAll()
            }
        }
        for scalar in text.unicodeScalars {
            seen += 1
            if seen > limit { break }
            if let script = Self.script(of: scalar) {
                scripts[script, default: 0] += 1
            }
            if scalar.properties.isAlphabetic || scalar == "'" {
                word.append(scalar)
            } else {
                closeWord()
            }
        }
        closeWord()
        let letters = scripts.values.reduce(0, +)
        guard letters > 0 else { return Result(language: "und", confidence: 0) }
        let (script, count) = scripts.max { ($0.value, $1.key) < ($1.value, $0.key) } ?? ("latin", 0)
        let share = Double(count) / Double(letters)
        switch script {
        case "latin": return latin(words)
        case "cyrillic": return Result(language: scripts["ukrainian", default: 0] > 0 ? "uk" : "ru", confidence: share)
        case "arabic": return Result(language: scripts["persian", default: 0] > 0 ? "fa" : "ar", confidence: share)
        case "kana": return Result(language: "ja", confidence: share)
        case "han": return Result(language: scripts["kana", default: 0] > 0 ? "ja" : "zh", confidence: share)
        default: return Result(language: script, confidence: share)
        }
    }

    /// For each function word, the languages that have it.
    static let wordLanguages: [String: [String]] = {
        var index: [String: [String]] = [:]
        for (language, words) in functionWords {
            for word in words { index[word, default: []].append(language) }
        }
        return index
    }()

    private func latin(_ words: [String]) -> Result {
        var scores: [String: Double] = [:]
        for word in words {
            guard let languages = Self.wordLanguages[word] else { continue }
            for language in languages { scores[language, default: 0] += 1 / Double(languages.count) }
        }
        guard let best = scores.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) else {
            return Result(language: "und", confidence: 0)
        }
        let share = best.value / scores.values.reduce(0, +)
        let coverage = min(1, Double(words.count) / 12)
        return Result(language: best.key, confidence: (share * coverage * 1000).rounded() / 1000)
    }

    /// The script a letter belongs to, with the letters that single out a language marked.
    static func script(of scalar: Unicode.Scalar) -> String? {
        let value = scalar.value
        switch value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: return "latin"
        case 0x456, 0x457, 0x454, 0x491, 0x406, 0x407, 0x404, 0x490: return "ukrainian"
        case 0x400...0x4FF: return "cyrillic"
        case 0x67E, 0x686, 0x698, 0x6AF, 0x6CC: return "persian"
        case 0x600...0x6FF, 0x750...0x77F: return "arabic"
        case 0x370...0x3FF: return "el"
        case 0x590...0x5FF: return "he"
        case 0x900...0x97F: return "hi"
        case 0xAC00...0xD7AF, 0x1100...0x11FF: return "ko"
        case 0x3040...0x30FF: return "kana"
        case 0x4E00...0x9FFF: return "han"
        default: return nil
        }
    }
}
