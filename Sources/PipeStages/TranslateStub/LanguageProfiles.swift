import Foundation

/// Character n-gram statistics of the languages that share a script, for a naive Bayes choice
/// among them (Cavnar and Trenkle's profiles, scored as in Dunning's "Statistical identification
/// of language").
///
/// A text is read as lower-case letters, words separated by one space; every sequence of one to
/// three of them (``order``) is a gram. Each language keeps the log-probability of its
/// ``gramsPerLanguage`` commonest grams (add-one smoothed); a gram another language keeps but this
/// one does not costs this language its floor, the log-probability of an unseen gram. A text
/// scores, for each language, the sum over its grams; grams no language keeps are skipped.
///
/// The shipped profiles (`Resources/langid.profiles`) are trained by `pipe train langid` on the
/// message catalogues Debian packages install (`Scripts/langid/catalogues.py train`); the file
/// holds grams and numbers only.
public struct LanguageProfiles: Sendable {
    /// The longest gram, in letters.
    static let order = 3
    /// How many grams each language keeps.
    static let gramsPerLanguage = 3000

    /// The languages, in the order of their columns.
    public let languages: [String]
    /// Each language's log-probability of a gram it does not keep.
    let floors: [Float]
    /// The grams' rows, by gram key (``GramTable``).
    let table: GramTable
    /// Row-major costs in tenths of a nat: `costs[row * languages.count + language]` is minus ten
    /// times the log-probability, rounded (the file keeps one decimal). Two bytes a weight where
    /// a `Float` took four, and scores add up exactly (detection measured no faster for the
    /// smaller table).
    let costs: [UInt16]
    /// ``costs`` again with each row widened to ``lanes`` columns, the extra ones 0, so that a
    /// gram's costs are taken from all scores in one vector operation; empty when there are
    /// more languages than lanes.
    private let laneCosts: [UInt16]
    /// How many scores one vector operation updates.
    static let lanes = 16

    /// Profiles of `weights`, row-major log-probabilities (`weights[row * languages.count + language]`).
    init(languages: [String], floors: [Float], table: GramTable, weights: [Float]) {
        self.init(languages: languages, floors: floors, table: table, costs: weights.map(Self.cost))
    }

    /// Profiles of `costs` (``costs``).
    init(languages: [String], floors: [Float], table: GramTable, costs: [UInt16]) {
        self.languages = languages
        self.floors = floors
        self.table = table
        self.costs = costs
        let width = languages.count
        laneCosts = width > Self.lanes || width == 0 ? [] : (0..<(costs.count / width)).flatMap { row in
            costs[(row * width)..<(row * width + width)] + repeatElement(0, count: Self.lanes - width)
        }
    }

    /// How many scores ``add(_:to:)`` needs room for: the languages, or ``lanes`` when the costs
    /// are taken in one vector operation (the scores past the languages stay 0).
    var scoreCount: Int { laneCosts.isEmpty ? languages.count : Self.lanes }

    /// A log-probability as a cost: minus ten times it, rounded.
    static func cost(_ weight: Float) -> UInt16 { UInt16(clamping: Int((-weight * 10).rounded())) }

    /// The column of each language code.
    func column(of language: String) -> Int? { languages.firstIndex(of: language) }

    /// The log-probability of a gram of row `row` in column `column`, to one decimal.
    func weight(row: Int, column: Int) -> Float { -Float(costs[row * languages.count + column]) / 10 }

    /// Adds the log-probabilities of the gram `key`, in tenths, to `scores` (one per language);
    /// false when no language keeps it.
    ///
    /// `scores` holds ``scoreCount`` numbers.
    @inline(__always)
    func add(_ key: UInt64, to scores: UnsafeMutableBufferPointer<Int32>) -> Bool {
        guard let row = table[key] else { return false }
        guard laneCosts.isEmpty else {
            // Sixteen costs widened and taken from sixteen scores: a few vector instructions
            // where a loop over the languages took four for each.
            let costs = laneCosts.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: row * 2 * Self.lanes, as: SIMD16<UInt16>.self) }
            let raw = UnsafeMutableRawBufferPointer(scores)
            raw.storeBytes(of: raw.loadUnaligned(as: SIMD16<Int32>.self) &- SIMD16<Int32>(truncatingIfNeeded: costs), as: SIMD16<Int32>.self)
            return true
        }
        let base = row * languages.count
        for column in 0..<languages.count { scores[column] &-= Int32(costs[base + column]) }
        return true
    }
}

extension LanguageProfiles {
    /// Calls `body` with the key of every gram of `text`: lower-case letters, words separated by
    /// one space, grams of one to ``order`` letters (a lone space is no gram), read by the rule
    /// the detector reads texts with (``GramWindow/read(_:script:_:)``).
    static func grams(of text: String, _ body: (UInt64) -> Void) {
        var window = GramWindow()
        for scalar in text.unicodeScalars {
            _ = window.read(scalar, script: LanguageDetector.script(of: scalar), body)
        }
        window.pushSpace(body)
    }

    /// The profiles of the texts of each language: `texts` gives (language, text) pairs.
    public static func train(_ texts: [(language: String, text: String)]) -> LanguageProfiles {
        let languages = Array(Set(texts.map(\.language))).sorted()
        var counts = Array(repeating: [UInt64: Int](), count: languages.count)
        for (language, text) in texts {
            let column = languages.firstIndex(of: language).unsafelyUnwrapped
            grams(of: text) { counts[column][$0, default: 0] += 1 }
        }
        var rows: [UInt64: Int] = [:]
        var kept: [[UInt64: Float]] = []
        var floors: [Float] = []
        for column in languages.indices {
            let total = Double(counts[column].values.reduce(0, +))
            let vocabulary = Double(counts[column].count)
            let top = counts[column].sorted { ($0.value, $0.key) > ($1.value, $1.key) }.prefix(gramsPerLanguage)
            kept.append(Dictionary(uniqueKeysWithValues: top.map { ($0.key, Float(log((Double($0.value) + 1) / (total + vocabulary)))) }))
            floors.append(Float(log(1 / (total + vocabulary))))
            for (key, _) in top where rows[key] == nil { rows[key] = rows.count }
        }
        var weights = [Float](repeating: 0, count: rows.count * languages.count)
        for (key, row) in rows {
            for column in languages.indices { weights[row * languages.count + column] = kept[column][key] ?? floors[column] }
        }
        return LanguageProfiles(languages: languages, floors: floors, table: GramTable(rows), weights: weights)
    }
}

/// The last two letters read, to form the grams that end at each new letter.
///
/// A gram's key is its scalars, 21 bits each, the last in the lowest bits. Letters and the space
/// are never zero, so grams of different lengths never share a key, and no key is zero (the
/// empty slot of ``GramTable``).
struct GramWindow {
    private var first: UInt64 = 0x20
    private var second: UInt64 = 0x20
    private var atSpace = true

    /// Reads any scalar by the one rule that profiles are trained and texts detected with: a
    /// Latin or Cyrillic letter extends the grams in lower case; anything that is no letter
    /// ends a word; a letter of another script is passed over (script counts decide those
    /// languages). Returns whether the scalar was read as a letter.
    @inline(__always)
    mutating func read(_ scalar: Unicode.Scalar, script: LanguageDetector.Script?, _ body: (UInt64) -> Void) -> Bool {
        let isProfiled = script == .latin || script == .cyrillic || script == .ukrainian
        // The multiplication and division signs sit in the middle of the Latin-1 letters.
        if isProfiled, scalar.value != 0xD7, scalar.value != 0xF7 {
            push(scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar, body)
            return true
        }
        if script == nil || !scalar.properties.isAlphabetic { pushSpace(body) }
        return false
    }

    /// Reads a letter: the grams of one, two and three letters that end with it.
    @inline(__always)
    mutating func push(_ scalar: Unicode.Scalar, _ body: (UInt64) -> Void) {
        let value = UInt64(scalar.value)
        body(value)
        body(second << 21 | value)
        body(first << 42 | second << 21 | value)
        (first, second, atSpace) = (second, value, false)
    }

    /// Reads a word boundary: the grams that end with the space after a word; runs of spaces count once.
    @inline(__always)
    mutating func pushSpace(_ body: (UInt64) -> Void) {
        guard !atSpace else { return }
        body(second << 21 | 0x20)
        body(first << 42 | second << 21 | 0x20)
        (first, second, atSpace) = (second, 0x20, true)
    }
}

/// An open-addressing table from gram keys to rows, for lookups without hashing a `Hashable`.
///
/// The grams of ASCII letters and the space, most of those of Latin-script text, are also
/// indexed directly (``denseIndex(_:)``): one load from a table of 40 KB, where a probe read a
/// key and a row from tables of 384 KB, which missed the cache for most grams.
struct GramTable: Sendable {
    private let keys: [UInt64]
    private let rows: [Int32]
    private let mask: Int
    /// The row of each gram by ``denseIndex(_:)``, `UInt16.max` for none; empty when the rows
    /// do not fit 16 bits, and then every gram is probed.
    private let dense: [UInt16]

    init(_ rows: [UInt64: Int]) {
        var capacity = 16
        while capacity < rows.count * 2 { capacity *= 2 }
        var keys = [UInt64](repeating: 0, count: capacity)
        var values = [Int32](repeating: 0, count: capacity)
        let fitsDense = rows.count < Int(UInt16.max)
        var dense = [UInt16](repeating: .max, count: fitsDense ? Self.denseCount : 0)
        for (key, row) in rows {
            var slot = Self.slot(key, capacity - 1)
            while keys[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            keys[slot] = key
            values[slot] = Int32(row)
            if fitsDense, let index = Self.denseIndex(key) { dense[index] = UInt16(row) }
        }
        (self.keys, self.rows, mask, self.dense) = (keys, values, capacity - 1, dense)
    }

    @inline(__always)
    static func slot(_ key: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask }

    /// How many grams of ASCII letters and the space there are: of one, two and three of them.
    static let denseCount = 27 + 27 * 27 + 27 * 27 * 27

    /// The place of a gram of ASCII small letters and spaces among all such grams, or nil for
    /// any other gram: each of its scalars counts as a digit in base 27 (the space 0, `a` to `z`
    /// 1 to 26), after the places of the shorter grams.
    @inline(__always)
    static func denseIndex(_ key: UInt64) -> Int? {
        @inline(__always) func digit(_ scalar: UInt64) -> Int? {
            scalar == 0x20 ? 0 : scalar &- 0x61 < 26 ? Int(truncatingIfNeeded: scalar &- 0x60) : nil
        }
        let first = key >> 42, second = (key >> 21) & 0x1F_FFFF
        guard let third = digit(key & 0x1F_FFFF) else { return nil }
        if second == 0 { return third }
        guard let middle = digit(second) else { return nil }
        if first == 0 { return 27 + middle * 27 + third }
        guard let lead = digit(first) else { return nil }
        return 27 + 27 * 27 + lead * 27 * 27 + middle * 27 + third
    }

    @inline(__always)
    subscript(key: UInt64) -> Int? {
        if !dense.isEmpty, let index = Self.denseIndex(key) {
            let row = dense[index]
            return row == .max ? nil : Int(row)
        }
        var slot = Self.slot(key, mask)
        while true {
            let found = keys[slot]
            if found == key { return Int(rows[slot]) }
            if found == 0 { return nil }
            slot = (slot + 1) & mask
        }
    }

    /// Every key with its row.
    var entries: [(key: UInt64, row: Int)] {
        keys.indices.filter { keys[$0] != 0 }.map { (keys[$0], Int(rows[$0])) }
    }
}
