/// What the rule-based extractors know about a word, looked up in the ``Lexicon`` once per token.
///
/// Some lists are kept by the lower-case form (stopwords, speech verbs, generic nouns, months and
/// weekdays) and some by the word as written (titles, organisation and place cues, name
/// connectors); the extractors test a bit instead of hashing a string for every list they consult.
struct Lexeme: Sendable, Hashable {
    /// The lists a word belongs to.
    struct Flags: OptionSet, Sendable, Hashable {
        let rawValue: UInt16

        /// An English function word or sentence adverb (lower-case form).
        static let stopword = Flags(rawValue: 1 << 0)
        /// A verb that attributes a quotation (lower-case form).
        static let speechVerb = Flags(rawValue: 1 << 1)
        /// A noun for something that speaks for someone else: `statement` (lower-case form).
        static let communicationNoun = Flags(rawValue: 1 << 2)
        /// A noun for a person named before: `president` (lower-case form).
        static let personNoun = Flags(rawValue: 1 << 3)
        /// An organisation cue in any case: `ministry` (lower-case form).
        static let organizationNoun = Flags(rawValue: 1 << 4)
        /// A person's title as written: `President`, `Dr.`.
        static let title = Flags(rawValue: 1 << 5)
        /// A word between a title and its head as written: `Foreign`, `Special`.
        static let titleModifier = Flags(rawValue: 1 << 6)
        /// A word that ends an organisation's name as written: `Ministry`.
        static let organizationCue = Flags(rawValue: 1 << 7)
        /// A word that ends a place's name as written: `Province`.
        static let locationCue = Flags(rawValue: 1 << 8)
        /// A lower-case word that joins the parts of a name as written: `of`, `al`.
        static let connector = Flags(rawValue: 1 << 9)
        /// A title that is written with a final dot, without the dot: `Dr`, `Gen`.
        static let titleBeforeDot = Flags(rawValue: 1 << 10)
        /// A word that may start a relative date: `yesterday`, `last`, `two` (lower-case form).
        static let relativeDate = Flags(rawValue: 1 << 11)
        /// The first word of a name in the gazetteer, maybe with a possessive (lower-case form).
        static let gazetteerStart = Flags(rawValue: 1 << 12)
        /// A word that is no keyword although it is no stopword: `three`, `shows` (lower-case form).
        static let nonKeyword = Flags(rawValue: 1 << 13)
        /// A word that counts units before `ago`: `a`, `two`, `several` (lower-case form).
        static let countWord = Flags(rawValue: 1 << 14)
        /// A word whose contraction is a function word although it is no stopword: `don` of
        /// `don't`, `can` of `can't` (lower-case form).
        static let negation = Flags(rawValue: 1 << 15)
    }

    var flags: Flags = []
    /// The month a word names (1…12), 0 if none; a final dot is allowed: `Dec.`.
    var month: UInt8 = 0
    /// The weekday a word names (1 = Monday … 7 = Sunday), 0 if none.
    var weekday: UInt8 = 0

    /// Whether the word names a month or a weekday.
    var isDateWord: Bool { month != 0 || weekday != 0 }

    /// What a word is in both lexemes: the lists of each, and the month or weekday either names.
    func union(_ other: Lexeme) -> Lexeme {
        Lexeme(flags: flags.union(other.flags), month: max(month, other.month), weekday: max(weekday, other.weekday))
    }
}

/// The word lists of `WordLists` folded into one table that gives a word's ``Lexeme``.
///
/// Built once (``shared``); the tokenizer reads it once per text, as a `static let` costs a
/// call to `swift_once` on every read.
struct Lexicon: Sendable {
    /// The lexicon of Pipe's word lists.
    static let shared = Lexicon()

    private init() {}

    /// The lexeme of a word, from its lower-case form and its form as written.
    ///
    /// One probe for most words: the form as written is looked up only when a word of the lists
    /// kept as written has the same lower-case form (`President` for `president`).
    func lexeme(lower: PackedWord, exact: PackedWord) -> Lexeme {
        guard let entry = table[lower] else { return Lexeme() }
        var lexeme = entry.asLower
        if lower == exact {
            lexeme.flags.formUnion(entry.asWritten)
        } else if entry.hasWrittenForms, let written = table[exact]?.asWritten {
            lexeme.flags.formUnion(written)
        }
        return lexeme
    }

    /// What a packed word means as a lower-case form and as written: plain values, empty where a
    /// word is in no list of the kind, so that reading an entry tests no optionals.
    private struct Entry: Sendable {
        var asLower = Lexeme()
        var asWritten: Lexeme.Flags = []
        /// Whether a word of the lists kept as written has this lower-case form.
        var hasWrittenForms = false

        /// Both entries in one (each list gives a word one entry of its kind at most).
        func merged(with other: Entry) -> Entry {
            Entry(asLower: asLower.union(other.asLower), asWritten: asWritten.union(other.asWritten),
                  hasWrittenForms: hasWrittenForms || other.hasWrittenForms)
        }
    }

    /// Both lists in one table, so that a word without capitals costs one probe; every word kept
    /// as written also enters under its lower-case form, marked, so that a miss there settles both.
    private let table = WordTable(
        Self.lowerTable.map { ($0, Entry(asLower: $1)) } + Self.exactTable.map { ($0, Entry(asWritten: $1)) }
            + Self.exactTable.map { ($0.0.lowercased(), Entry(hasWrittenForms: true)) }
    ) { $0.merged(with: $1) }

    private static let lowerTable: [(String, Lexeme)] = {
        var entries: [(String, Lexeme)] = []
        func add(_ words: some Sequence<String>, _ flags: Lexeme.Flags) {
            entries += words.map { ($0, Lexeme(flags: flags)) }
        }
        add(WordLists.stopwords, .stopword)
        add(WordLists.speechVerbs, .speechVerb)
        add(WordLists.communicationNouns, .communicationNoun)
        add(WordLists.personNouns, .personNoun)
        add(WordLists.organizationCues.map { $0.lowercased() }, .organizationNoun)
        add(Gazetteer.firstWords, .gazetteerStart)
        add(DateExtractor.relativeStarts, .relativeDate)
        add(DateExtractor.smallNumbers.keys, .countWord)
        add(WordLists.nonKeywords, .nonKeyword)
        add(TokenTexts.negations, .negation)
        for (word, month) in WordLists.months {
            entries += [(word, Lexeme(month: UInt8(month))), (word + ".", Lexeme(month: UInt8(month)))]
        }
        for (word, weekday) in WordLists.weekdays {
            entries += [(word, Lexeme(weekday: UInt8(weekday))), (word + ".", Lexeme(weekday: UInt8(weekday)))]
        }
        return Dictionary(entries) { $0.union($1) }.map { ($0, $1) }
    }()

    private static let exactTable: [(String, Lexeme.Flags)] = {
        var entries: [(String, Lexeme.Flags)] = []
        entries += WordLists.titles.map { ($0, .title) }
        entries += WordLists.titles.filter { $0.hasSuffix(".") }.map { (String($0.dropLast()), .titleBeforeDot) }
        entries += WordLists.titleModifiers.map { ($0, .titleModifier) }
        entries += WordLists.organizationCues.map { ($0, .organizationCue) }
        entries += WordLists.locationCues.map { ($0, .locationCue) }
        entries += WordLists.connectors.map { ($0, .connector) }
        return Dictionary(entries) { $0.union($1) }.map { ($0, $1) }
    }()
}
