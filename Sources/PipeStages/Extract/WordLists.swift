/// The word lists the rule-based extractors share.
enum WordLists {
    /// English function words and the adverbs that often open a sentence; never entities, never keywords.
    static let stopwords: Set<String> = Set("""
        a about above across after afterwards again against all almost alone along already also although always am \
        among amongst an and another any anyhow anyone anything anyway anywhere are around as at back be became \
        because become becomes becoming been before beforehand behind being below beside besides between beyond both \
        but by can cannot could currently did do does doing done down due during each earlier either else elsewhere \
        enough especially even ever every everyone everything everywhere except few finally first for former formerly \
        from further furthermore had has have having he hence her here hereafter hereby herein hers herself him himself \
        his how however i if in indeed instead into is it its itself just last latter lately later least less like \
        many may me meanwhile might mine more moreover most mostly much must my myself namely neither never \
        nevertheless next no nobody none noone nor not nothing now nowhere of off often on once one only onto or other \
        others otherwise our ours ourselves out over own per perhaps please previously quite rather recently same \
        several she should since so some somehow someone something sometime sometimes somewhere still such than that \
        the their theirs them themselves then thence there thereafter thereby therefore therein thereupon these they \
        this those though through throughout thru thus to today together tomorrow too toward towards under unless \
        until up upon us very via was we well were what whatever when whence whenever where whereafter whereas whereby \
        wherein whereupon wherever whether which while whither who whoever whole whom whose why will with within \
        without would yesterday yet you your yours yourself yourselves according said says say told also new \
        since despite amid including
        """.split(separator: " ").map(String.init))

    /// Words that head a person's title: `President Bashar al-Assad`, `Envoy … Geir Pedersen`.
    static let titles: Set<String> = [
        "President", "Minister", "Secretary", "Secretary-General", "Envoy", "Ambassador", "Spokesman", "Spokeswoman",
        "Spokesperson", "Chancellor", "King", "Queen", "Prince", "Princess", "Sheikh", "Emir", "Pope", "General",
        "Gen.", "Colonel", "Col.", "Lieutenant", "Lt.", "Major", "Maj.", "Captain", "Capt.", "Commander", "Director",
        "Chairman", "Chairwoman", "CEO", "Senator", "Sen.", "Rep.", "Representative", "Governor", "Gov.", "Mayor",
        "Judge", "Justice", "Dr.", "Dr", "Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms", "Prof.", "Professor", "Sir", "Lord",
        "Lady", "Ayatollah", "Patriarch", "Cardinal", "Bishop", "Rabbi", "Imam", "Commissioner", "Coordinator",
        "Rapporteur", "Leader", "Premier", "Speaker", "Attorney", "Presidents", "Ministers", "Envoys", "Candidate",
        "Nominee", "Sergeant", "Sgt.", "Admiral", "Adm.", "Marshal", "Crown", "Vice-President",
    ]

    /// Words that may stand between a title and its head without being part of a name.
    static let titleModifiers: Set<String> = [
        "Special", "Deputy", "Vice", "Foreign", "Prime", "Defence", "Defense", "Interior", "Finance", "Economy",
        "Health", "Education", "Former", "Acting", "Interim", "Chief", "Senior", "Executive", "Assistant",
        "Associate", "Regional", "Supreme", "Opposition", "Presidential", "First", "Grand", "Lieutenant", "State",
        "Affairs", "Trade", "Energy", "Oil", "Information", "Media", "Security", "Army", "Military", "Press",
    ]

    /// Words that end an organisation's name: `Ministry`, `Council`, `Party`.
    static let organizationCues: Set<String> = [
        "Ministry", "Council", "Party", "Agency", "Organization", "Organisation", "Committee", "Commission", "Bank",
        "Army", "Forces", "Front", "Union", "Association", "Institute", "University", "Corporation", "Company",
        "Group", "Office", "Department", "Court", "Parliament", "Assembly", "Government", "Observatory",
        "Programme", "Program", "Fund", "Foundation", "Coalition", "Movement", "Brigade", "Brigades", "Battalion",
        "Guard", "Guards", "Police", "Service", "Services", "Authority", "Administration", "Federation", "League",
        "Network", "News", "Times", "Post", "Journal", "Inc", "Inc.", "Ltd", "Ltd.", "Corp", "Corp.", "Co.", "Club",
        "Centre", "Center", "Board", "Bureau", "Trust", "Society", "Airlines", "Airways", "Reserve", "Cabinet",
        "Senate", "Congress", "Channel", "Television", "Radio", "Press", "Mission", "Secretariat", "Alliance",
        "Command", "Navy", "Directorate", "Unit", "Team", "Church", "School", "College", "Hospital", "Caucus",
    ]

    /// Words that end a place's name: `Idlib Province`, `Euphrates River`.
    static let locationCues: Set<String> = [
        "City", "Province", "Governorate", "River", "Sea", "Ocean", "Island", "Islands", "Mountains", "Mountain",
        "Valley", "Region", "District", "Street", "Square", "Airport", "Lake", "Desert", "Peninsula", "Bay", "Coast",
        "County", "State", "Heights", "Plain", "Strait", "Canal", "Camp", "Crossing", "Border", "Village", "Town",
    ]

    /// Lower-case words that may join the parts of a name: `Bank of England`, `Envoy for Syria`.
    static let connectors: Set<String> = ["of", "for", "de", "al", "bin", "ibn", "van", "von", "der", "du", "da", "la", "el", "y"]

    /// Prefixes that start a name in lower case: `al-Assad`, `bin-Salman`.
    static let namePrefixes = ["al-", "el-", "bin-", "ibn-", "abu-", "de-", "van-", "von-", "da-", "di-", "le-"]

    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]

    static let weekdays: [String: Int] = [
        "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
    ]

    /// Verbs that attribute a quotation.
    static let speechVerbs: Set<String> = [
        "said", "says", "say", "stated", "states", "told", "tells", "added", "adds", "emphasized", "emphasised",
        "emphasizes", "noted", "notes", "concluded", "declared", "announced", "explained", "insisted", "warned",
        "wrote", "writes", "argued", "claimed", "asked", "replied", "continued", "reported", "stressed", "urged",
        "recalled", "admitted", "acknowledged", "confirmed", "denied", "tweeted", "posted", "observed", "remarked",
        "according", "responded", "answered", "suggested", "predicted", "promised", "vowed", "cautioned",
    ]

    /// Nouns for things that speak for someone else: `the statement concluded`.
    static let communicationNouns: Set<String> = [
        "statement", "report", "release", "communique", "communiqué", "announcement", "message", "letter", "post",
        "tweet", "memo", "document", "text", "declaration", "readout", "note",
    ]

    /// Nouns for a person named earlier: `the president said`.
    static let personNouns: Set<String> = [
        "president", "minister", "envoy", "ambassador", "spokesman", "spokeswoman", "spokesperson", "official",
        "diplomat", "commander", "leader", "chancellor", "secretary", "senator", "governor", "mayor", "candidate",
        "man", "woman", "father", "mother", "resident", "doctor", "director", "chairman", "general", "king",
    ]
}
