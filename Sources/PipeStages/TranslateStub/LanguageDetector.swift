import Foundation

/// Tells which language a text is in, from its script and its character n-grams.
///
/// Scripts settle most languages at once: Arabic (`ar`, or `fa` when it has پ, چ, ژ, گ, ی), Greek,
/// Hebrew, Devanagari, Hangul, kana (`ja`) and Han (`zh`). Latin-script text (`en`, `fr`, `de`,
/// `es`, `it`, `pt`, `nl`, `tr`, `pl`) and Cyrillic text (`ru`, `uk`) are told apart by naive
/// Bayes over their letter n-grams (``LanguageProfiles``). The script is the one most letters are
/// in, a Han, kana or Hangul character counting three. The confidence is the winner's posterior
/// probability among the languages of its script, or the script's share of the letters.
///
/// The detector reads the text's UTF-8 bytes once and stops early: after 96 letters once one
/// language leads the next by a wide margin (e^12), and after `limit` scalars in any case.
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

    /// The n-gram profiles of the languages that share a script; without them Latin and Cyrillic
    /// text is `und`.
    let profiles: LanguageProfiles?
    /// The profiles' columns of the Latin-script and of the Cyrillic languages.
    private let latinColumns: [Int]
    private let cyrillicColumns: [Int]

    /// A detector with the profiles that ship with Pipe.
    public init() {
        self.init(profiles: LanguageProfiles.shipped)
    }

    /// A detector with the given profiles.
    public init(profiles: LanguageProfiles?) {
        self.profiles = profiles
        let languages = profiles?.languages ?? []
        let cyrillic = languages.indices.filter { ["ru", "uk"].contains(languages[$0]) }
        cyrillicColumns = cyrillic
        latinColumns = languages.indices.filter { !cyrillic.contains($0) }
    }

    /// Whether the shipped profiles were found beside this program.
    public static var hasProfiles: Bool { LanguageProfiles.shipped != nil }

    /// The languages the detector can name.
    public static let languages = ["en", "fr", "de", "es", "it", "pt", "nl", "tr", "pl", "ru", "uk", "ar", "fa", "el", "he", "hi", "ko", "ja", "zh"]

    /// How far ahead (in tenths of a nat) the leading language must be for the detector to stop reading.
    static let decisiveMargin: Int32 = 120
    /// How many letters the detector reads before it may stop early.
    static let minimumLetters = 96

    /// The language of `text`, judged on at most its first `limit` scalars.
    public func detect(_ text: String, limit: Int = 4000) -> Result {
        var text = text
        return text.withUTF8 { detect(parts: [$0], limit: limit) }
    }

    /// The language of an article, judged as ``detect(_:limit:)`` judges its title and body with
    /// a line break between, without joining them: the detector seldom reads far into the body,
    /// and without the joined copy the stage took about 6% less time.
    public func detect(title: String, body: String, limit: Int = 4000) -> Result {
        var title = title, body = body
        let lineBreak: StaticString = "\n"
        return title.withUTF8 { title in
            body.withUTF8 { body in
                detect(parts: [title, UnsafeBufferPointer(start: lineBreak.utf8Start, count: 1), body], limit: limit)
            }
        }
    }

    /// The language of the text the parts make one after the other (each whole scalars).
    private func detect(parts: [UnsafeBufferPointer<UInt8>], limit: Int) -> Result {
        // The scores live in a buffer on the stack: `add` writes through the pointer, where a
        // captured `var` would cost an exclusivity check for every gram.
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: profiles?.scoreCount ?? 0) { scores in
            scores.initialize(repeating: 0)
            // The letters of each script, on the stack too: in an array, every letter counted
            // asked whether the array was shared.
            return withUnsafeTemporaryAllocation(of: Int.self, capacity: Script.allCases.count) { scripts in
                scripts.initialize(repeating: 0)
                return detect(parts: parts, limit: limit, scores: scores, scripts: scripts)
            }
        }
    }

    /// `scores` are log-probabilities in tenths of a nat (``LanguageProfiles/costs``).
    private func detect(parts: [UnsafeBufferPointer<UInt8>], limit: Int, scores: UnsafeMutableBufferPointer<Int32>,
                        scripts: UnsafeMutableBufferPointer<Int>) -> Result {
        var window = GramWindow()
        var letters = 0
        func add(_ key: UInt64) { _ = profiles?.add(key, to: scores) }
        var seen = 0
        reading: for bytes in parts {
            var offset = 0
            while offset < bytes.count, seen < limit {
                seen += 1
                let lead = bytes[offset]
                if lead < 0x80 {
                    // ASCII by `GramWindow.read`'s rule without decoding: letters are Latin, the rest ends a word.
                    offset += 1
                    switch lead {
                    case 0x41...0x5A, 0x61...0x7A:
                        scripts[Script.latin.rawValue] += 1
                        window.push(Unicode.Scalar(lead | 0x20), add)
                        letters += 1
                        if letters % 32 == 0, letters >= Self.minimumLetters, isDecided(scores) { break reading }
                    default:
                        window.pushSpace(add)
                    }
                    continue
                }
                let (scalar, length) = UInt8.scalar(at: offset, in: bytes)
                offset += length
                let script = Self.script(of: scalar)
                // A Han, kana or Hangul character carries about as much as a short word.
                if let script { scripts[script.rawValue] += script == .han || script == .kana || script == .hangul ? 3 : 1 }
                if window.read(scalar, script: script, add) {
                    letters += 1
                    if letters % 32 == 0, letters >= Self.minimumLetters, isDecided(scores) { break reading }
                }
            }
        }
        window.pushSpace(add)
        let total = scripts.reduce(0, +)
        guard total > 0 else { return Result(language: "und", confidence: 0) }
        let script = Script.allCases.max { (scripts[$0.rawValue], $1.name) < (scripts[$1.rawValue], $0.name) } ?? .latin
        let cyrillic = scripts[Script.cyrillic.rawValue] + scripts[Script.ukrainian.rawValue]
        let share = Double(script == .cyrillic || script == .ukrainian ? cyrillic : scripts[script.rawValue]) / Double(total)
        switch script {
        case .latin: return best(of: latinColumns, scores)
        case .cyrillic, .ukrainian: return best(of: cyrillicColumns, scores)
        case .arabic, .persian:
            return Result(language: scripts[Script.persian.rawValue] > 0 ? "fa" : "ar", confidence: share)
        case .kana: return Result(language: "ja", confidence: share)
        case .han: return Result(language: scripts[Script.kana.rawValue] > 0 ? "ja" : "zh", confidence: share)
        default: return Result(language: script.name, confidence: share)
        }
    }

    /// Whether one language leads all others by ``decisiveMargin``.
    private func isDecided(_ scores: UnsafeMutableBufferPointer<Int32>) -> Bool {
        var first = Int32.min, second = Int32.min
        for score in scores.prefix(profiles?.languages.count ?? 0) {
            if score > first {
                (first, second) = (score, first)
            } else if score > second {
                second = score
            }
        }
        return Int64(first) - Int64(second) > Int64(Self.decisiveMargin)
    }

    /// The best of the given languages, with its posterior probability among them.
    private func best(of columns: [Int], _ scores: UnsafeMutableBufferPointer<Int32>) -> Result {
        guard let profiles, let best = columns.max(by: { (scores[$0], profiles.languages[$1]) < (scores[$1], profiles.languages[$0]) }),
              scores[best] < 0 else {
            return Result(language: "und", confidence: 0)
        }
        let sum = columns.reduce(0.0) { $0 + exp(Double(scores[$1] - scores[best]) / 10) }
        return Result(language: profiles.languages[best], confidence: (1 / sum * 1000).rounded() / 1000)
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
