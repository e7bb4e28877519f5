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
        "adding", "saying", "noting", "telling", "writing", "arguing", "warning", "asking", "explaining", "insisting",
        "declaring", "calling", "describing", "stating", "replying", "tweeting", "explains", "insists", "warns", "argues",
        "asks", "recalls", "interjected", "countered", "conceded", "charged", "quipped", "joked", "pledged",
        "described", "called", "dubbed", "labeled", "labelled", "termed", "complained", "boasted", "proclaimed",
        "exclaimed", "shouted", "yelled", "chanted", "testified", "recounted", "reiterated", "repeated", "maintained",
        "contended", "asserted", "alleged", "mused", "demanded", "scoffed", "lamented", "acknowledges",
        "informed", "assured", "reminded", "advised", "echoed", "retorted", "concedes", "predicts", "reads", "read",
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

extension WordLists {
    /// Words that are no keywords although the stopword list leaves them: titles, number words,
    /// and the commonest verbs of news reports (`figures show`, `blast kills six`).
    static let nonKeywords = ("mr mrs ms dr one two three four five six seven eight nine ten eleven twelve " +
        "hundred hundreds thousand thousands million millions billion first second third " +
        "show shows showed shown kill kills killed hit hits make makes made take takes took taken give gives gave " +
        "get gets got go goes went come comes came see sees saw seen want wants wanted need needs needed use uses " +
        "used find finds found call calls called ask asks asked added adds say year years month months week weeks " +
        "wed thu fri sat sun mon tue day days time times people percent per cent including included includes reported report reports")
        .split(separator: " ").map(String.init)

    /// Common women's first names (and titles), to match `she` with a woman named before.
    static let femaleFirstNames: Set<String> = Set("""
        Mrs Mrs. Ms Ms. Miss Madam Lady Queen Princess Hillary Nancy Elizabeth Mary Patricia Jennifer Linda Barbara \
        Susan Jessica Sarah Karen Lisa Betty Margaret Sandra Ashley Kimberly Emily Donna Michelle Carol Amanda \
        Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Angela Shirley Anna Brenda Pamela Emma \
        Nicole Helen Samantha Katherine Christine Debra Rachel Carolyn Janet Catherine Maria Heather Diane Ruth \
        Julie Olivia Joyce Virginia Victoria Kelly Lauren Christina Joan Evelyn Judith Megan Andrea Cheryl Hannah \
        Jacqueline Martha Gloria Teresa Ann Sara Madison Frances Kathryn Janice Jean Abigail Alice Judy Sophia \
        Grace Denise Amber Doris Marilyn Danielle Beverly Isabella Theresa Diana Natalie Brittany Charlotte Marie \
        Kayla Alexis Lori Chelsea Megyn Kellyanne Sheryl Huma Donna Condoleezza Sonia Ruth Elena Debbie Marsha \
        Nikki Sarah Ivanka Melania Michelle Jill Kamala Tulsi Carly Dianne Kirsten Amy Tammy Claire Jeanne Susana \
        Angela Theresa Christine Federica Ursula Jacinda Benazir Indira Golda Aung Yulia Svetlana Natalia \
        Fatima Aisha Leila Layla Samira Rania Noor Zainab Mariam Hoda Amal Reem Lina Dina Rima Hanan Huda \
        Stephanie Tina Kate Jane Lucy Sophie Chloe Zoe Ellen Wendy Paula Joanne Gwen Robin Dana Erin Rosa
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    /// Common men's first names (and titles), to match `he` with a man named before.
    static let maleFirstNames: Set<String> = Set("""
        Mr Mr. Sir Lord King Prince Sheikh Emir Pope James John Robert Michael William David Richard Joseph Thomas \
        Charles Christopher Daniel Matthew Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George \
        Timothy Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott \
        Brandon Benjamin Samuel Gregory Alexander Frank Patrick Raymond Jack Dennis Jerry Tyler Aaron Jose Adam \
        Henry Nathan Douglas Zachary Peter Kyle Walter Ethan Jeremy Harold Keith Christian Roger Noah Gerald Carl \
        Terry Sean Austin Arthur Lawrence Jesse Dylan Bryan Joe Jordan Billy Bruce Albert Willie Gabriel Logan \
        Alan Juan Wayne Roy Ralph Randy Eugene Vincent Russell Elijah Louis Bobby Philip Johnny Barack Bernie Ted \
        Marco Jeb Mitt Newt Rudy Chris Mike Rand Ben Bill Hugh Reince Rick Lindsey Mitch Harry Bob Tim Tom Jim Dick \
        Rex Vladimir Bashar Recep Emmanuel Francois Nicolas Boris Theresa Angela Benjamin Binyamin Ali Mohammed \
        Muhammad Ahmed Ahmad Mahmoud Hassan Hussein Omar Khalid Abdullah Abdul Ibrahim Youssef Yusuf Mustafa \
        Hamid Saeed Karim Walid Fadi Sami Nabil Tarek Salman Sergei Sergey Dmitry Igor Ivan Alexei Xi Kim Shinzo \
        Narendra Justin Jens Geir Staffan Kofi Ban Antonio Luis Carlos Jorge Pedro Manuel Francisco Miguel Steve \
        Dan Ed Fred Greg Jeff Ken Ron Sam Tony Andy Jon Matt Nick Pat Rob Doug Don Dave Will Howard Jared Corey \
        Sean Hank Kurt Karl Hans Klaus Wolfgang Helmut Gerhard Olaf Franz Pierre Jean-Marc Jacques Alain Michel
        """.split(whereSeparator: \.isWhitespace).map(String.init)).subtracting(femaleFirstNames)
}
