import Foundation
@testable import PipeStages
import PipeTesting
import Testing

@Suite("LanguageProfiles")
struct LanguageProfilesTests {
    let tiny = LanguageProfiles.train([
        ("en", "the talks and the envoy said that the war is over and the people went home"),
        ("nl", "de gesprekken en de gezant zei dat de oorlog voorbij is en de mensen gingen naar huis"),
    ])

    @Test func gramsAreLettersOfOneToThreeWithWordBoundaries() {
        var grams: [String] = []
        LanguageProfiles.grams(of: "Ab, c") { grams.append(LanguageProfiles.spelling(of: $0)) }
        #expect(grams == ["a", "_a", "__a", "b", "ab", "_ab", "b_", "ab_", "c", "_c", "b_c", "c_", "_c_"])
    }

    /// Training reads texts by the detector's rule (`GramWindow.read`): a letter of another
    /// script is passed over, a symbol or a Latin letter outside the profiled blocks ends a word.
    @Test(arguments: [("aαb", "ab"), ("a×b", "a b"), ("aẹb", "a b"), ("ÄßЖ", "äßж"), ("a5b", "a b")])
    func trainingReadsTextsAsTheDetectorDoes(text: String, read: String) {
        var grams: [UInt64] = [], expected: [UInt64] = []
        LanguageProfiles.grams(of: text) { grams.append($0) }
        LanguageProfiles.grams(of: read) { expected.append($0) }
        #expect(grams.map(LanguageProfiles.spelling(of:)) == expected.map(LanguageProfiles.spelling(of:)))
    }

    @Test func trainedProfilesTellTheirLanguagesApart() {
        let detector = LanguageDetector(profiles: tiny)
        #expect(detector.detect("the war is over").language == "en")
        #expect(detector.detect("de oorlog is voorbij").language == "nl")
    }

    /// A gram's costs are taken from every language's score, in one vector operation up to
    /// sixteen languages and one by one beyond; the scores past the languages stay 0.
    @Test(arguments: [1, 2, 11, 16, 17, 24])
    func addTakesEachLanguagesCost(languages: Int) {
        var numbers = SeededNumbers(seed: 7)
        let rows = 5
        let costs = (0..<(rows * languages)).map { _ in UInt16(truncatingIfNeeded: numbers.next() >> 40) }
        let profiles = LanguageProfiles(languages: (0..<languages).map { "l\($0)" }, floors: Array(repeating: -1, count: languages),
                                        table: GramTable(Dictionary(uniqueKeysWithValues: (0..<rows).map { (UInt64(0x61 + $0), $0) })),
                                        costs: costs)
        #expect(profiles.scoreCount == (languages > LanguageProfiles.lanes ? languages : LanguageProfiles.lanes))
        let grams: [UInt64] = [0x61, 0x63, 0x63, 0x65, 0x7A, 0x61]
        var expected = [Int32](repeating: 0, count: languages)
        for gram in grams where gram < 0x61 + UInt64(rows) {
            for column in 0..<languages { expected[column] -= Int32(costs[Int(gram - 0x61) * languages + column]) }
        }
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: profiles.scoreCount) { scores in
            scores.initialize(repeating: 0)
            #expect(grams.map { profiles.add($0, to: scores) } == [true, true, true, true, false, true])
            #expect(Array(scores.prefix(languages)) == expected)
            #expect(scores.dropFirst(languages).allSatisfy { $0 == 0 })
        }
    }

    @Test func theFileReadsBackAsWritten() throws {
        let read = try LanguageProfiles(fileText: tiny.fileText)
        #expect(read.languages == tiny.languages)
        #expect(read.fileText == tiny.fileText)
    }

    /// Numbers with one decimal are read digit by digit into tenths; the costs are those of
    /// reading each as a `Float`, and any other number still goes through `Float`.
    @Test func readsNumbersAsFloatWould() {
        func cost(_ text: String) -> UInt16? {
            Array(text.utf8).withUnsafeBufferPointer { LanguageProfiles.cost(of: $0) }
        }
        for tenths in 0...400 {
            let text = String(format: "-%d.%d", tenths / 10, tenths % 10)
            #expect(cost(text) == UInt16(tenths), "\(text)")
            #expect(cost(text) == Float(text).map(LanguageProfiles.cost), "\(text)")
        }
        for text in ["-3", "-3.25", "-0.05", "-2.5e1", "0.0", "-15.0", "-99999999.9"] {
            #expect(cost(text) == Float(text).map(LanguageProfiles.cost), "\(text)")
        }
        for text in ["", "-", "-.5x", "abc", "-3.3.3"] {
            #expect(cost(text) == nil, "\(text)")
        }
    }

    @Test(arguments: [
        ("", "not a language profiles file"),
        ("pipe-langid 1\nlanguages en nl\n", "the `languages` and `floors` lines are missing"),
        ("pipe-langid 1\nlanguages en nl\nfloors -9.0\n", "`floors` needs one number per language"),
        ("pipe-langid 1\nlanguages en nl\nfloors -9.0 -9.0\nabcd -1.0 -2.0\n", "gram line 1 needs a gram of 1 to 3 letters and 2 numbers"),
        ("pipe-langid 1\nlanguages en nl\nfloors -9.0 -9.0\nab -1.0 -2.0\n\nabc -1.0 x -2.0\n", "gram line 2 needs a gram of 1 to 3 letters and 2 numbers"),
    ])
    func brokenFilesAreExplained(text: String, message: String) {
        #expect(throws: ModelFileError.self) { try LanguageProfiles(fileText: text) }
        do {
            _ = try LanguageProfiles(fileText: text)
        } catch {
            #expect(error.description.hasPrefix(message))
        }
    }

    @Test func theShippedProfilesCoverTheLanguagesOfTheirScripts() throws {
        let shipped = try #require(LanguageProfiles.shipped)
        #expect(Set(shipped.languages) == ["en", "fr", "de", "es", "it", "pt", "nl", "tr", "pl", "ru", "uk"])
    }

    /// Every gram of the shipped profiles is found at its row, by the direct index (ASCII
    /// letters and the space) or by the probe (the rest), and grams they lack are not found.
    @Test func theGramTableFindsEveryGramByEitherPath() throws {
        let shipped = try #require(LanguageProfiles.shipped)
        let entries = shipped.table.entries
        let byKey = Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.row) })
        var direct = 0
        for (key, row) in entries {
            #expect(shipped.table[key] == row, "\(LanguageProfiles.spelling(of: key))")
            if GramTable.denseIndex(key) != nil { direct += 1 }
        }
        #expect(direct > entries.count / 3)
        // Every gram of ASCII letters and spaces, kept or not.
        let letters: [UInt64] = [0x20] + (0x61...0x7A).map(UInt64.init)
        for a in [0] + letters {
            for b in a == 0 ? [0] + letters : letters {
                for c in letters where (b != 0 || c != 0x20) {
                    let key = a << 42 | b << 21 | c
                    #expect(shipped.table[key] == byKey[key], "\(LanguageProfiles.spelling(of: key))")
                }
            }
        }
    }

    /// The direct index gives each gram of ASCII letters and spaces its own place in the table.
    @Test func theDirectIndexIsOneToOne() {
        let letters: [UInt64] = [0x20] + (0x61...0x7A).map(UInt64.init)
        var seen = Set<Int>()
        for a in [0] + letters {
            for b in a == 0 ? [0] + letters : letters {
                for c in letters {
                    let index = GramTable.denseIndex(a << 42 | b << 21 | c)
                    #expect(index.map { (0..<GramTable.denseCount).contains($0) } == true)
                    if let index { seen.insert(index) }
                }
            }
        }
        #expect(seen.count == GramTable.denseCount)
        #expect(GramTable.denseIndex(0xE9) == nil)
        #expect(GramTable.denseIndex(0x61 << 21 | 0x41) == nil)
    }
}
