import PipeKit

/// Names `extract` knows without looking at context: countries, capitals and other cities,
/// regions, nationalities and international organisations.
///
/// Lookups ignore case for multi-word names and match single words exactly, so `US` is found
/// but `us` is not.
enum Gazetteer {
    static let countries = """
        Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|Bahamas|Bahrain|\
        Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia|Bosnia and Herzegovina|Botswana|Brazil|\
        Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|Chad|Chile|China|Colombia|Congo|Costa Rica|\
        Croatia|Cuba|Cyprus|Czech Republic|Czechia|Denmark|Djibouti|Dominican Republic|Ecuador|Egypt|El Salvador|\
        Eritrea|Estonia|Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Guatemala|Guinea|\
        Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|\
        Jordan|Kazakhstan|Kenya|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|\
        Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Mauritania|Mauritius|Mexico|Moldova|\
        Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Burma|Namibia|Nepal|Netherlands|Holland|New Zealand|\
        Nicaragua|Niger|Nigeria|North Korea|North Macedonia|Macedonia|Norway|Oman|Pakistan|Palestine|Panama|\
        Papua New Guinea|Paraguay|Peru|Philippines|Poland|Portugal|Qatar|Romania|Russia|Russian Federation|Rwanda|\
        Saudi Arabia|Senegal|Serbia|Sierra Leone|Singapore|Slovakia|Slovenia|Somalia|South Africa|South Korea|\
        South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|Syrian Arab Republic|Taiwan|Tajikistan|\
        Tanzania|Thailand|Togo|Tunisia|Turkey|Türkiye|Turkmenistan|Uganda|Ukraine|United Arab Emirates|UAE|\
        United Kingdom|UK|Britain|Great Britain|England|Scotland|Wales|Northern Ireland|United States|\
        United States of America|USA|US|U.S.|America|Uruguay|Uzbekistan|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|\
        Gaza|Gaza Strip|West Bank|Crimea|Kurdistan|Golan|Golan Heights|Hong Kong|Puerto Rico|Greenland
        """
    static let places = """
        Damascus|Aleppo|Homs|Hama|Idlib|Raqqa|Deir ez-Zor|Deir el-Zour|Latakia|Tartus|Daraa|Palmyra|Manbij|Kobani|\
        Afrin|Qamishli|Douma|Ghouta|Eastern Ghouta|Hasakah|Jarablus|Azaz|Quneitra|Sweida|Suwayda|Masnaa|Nasib|\
        Moscow|Beirut|Baghdad|Tehran|Ankara|Istanbul|Amman|Cairo|Riyadh|Doha|Dubai|Abu Dhabi|Jerusalem|Tel Aviv|\
        Kabul|Geneva|Vienna|Paris|London|Berlin|Brussels|Rome|Madrid|Lisbon|Athens|Warsaw|Kyiv|Kiev|Minsk|Prague|\
        Budapest|Bucharest|Stockholm|Oslo|Copenhagen|Helsinki|Dublin|Amsterdam|The Hague|Zurich|Bern|Sochi|Astana|\
        Nur-Sultan|Tbilisi|Yerevan|Baku|Beijing|Shanghai|Tokyo|Seoul|Pyongyang|New Delhi|Delhi|Mumbai|Islamabad|\
        Karachi|Bangkok|Jakarta|Manila|Hanoi|Sydney|Canberra|Ottawa|Toronto|Montreal|Washington|New York|\
        Los Angeles|Chicago|Houston|Boston|Miami|San Francisco|Philadelphia|Atlanta|Dallas|Detroit|Seattle|Denver|\
        Las Vegas|Mexico City|Havana|Caracas|Bogota|Lima|Santiago|Buenos Aires|Brasilia|Rio de Janeiro|Sao Paulo|\
        Nairobi|Lagos|Johannesburg|Cape Town|Addis Ababa|Khartoum|Tripoli|Benghazi|Tunis|Algiers|Rabat|Mosul|Basra|\
        Erbil|Kirkuk|Fallujah|Ramadi|Sanaa|Aden|Manchester|Liverpool|Birmingham|Glasgow|Edinburgh|Cardiff|Belfast|\
        Frankfurt|Munich|Hamburg|Milan|Naples|Barcelona|Lyon|Marseille|St Petersburg|Saint Petersburg|Hong Kong|\
        Middle East|Europe|Asia|Africa|North America|South America|Latin America|Scandinavia|Balkans|Caucasus|\
        Gulf|Persian Gulf|Mediterranean|Black Sea|Red Sea|Euphrates|Tigris|Sinai|Levant|Arctic|Antarctica|\
        Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|Idaho|Illinois|\
        Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|\
        Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|\
        Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|West Virginia|\
        Wisconsin|Wyoming|Washington D.C.|Wall Street|Silicon Valley|Westminster|Downing Street
        """
    static let organizations = """
        UN|U.N.|United Nations|UN Security Council|Security Council|UN General Assembly|General Assembly|EU|\
        European Union|European Commission|European Parliament|NATO|WHO|World Health Organization|\
        World Health Organisation|UNHCR|UNICEF|UNESCO|UNRWA|OCHA|WFP|World Food Programme|OPCW|IAEA|ICC|\
        International Criminal Court|Red Cross|Red Crescent|ICRC|Syrian Arab Red Crescent|IMF|\
        International Monetary Fund|World Bank|WTO|OPEC|Arab League|African Union|ASEAN|OSCE|G7|G20|\
        Amnesty International|Human Rights Watch|Syrian Observatory for Human Rights|White Helmets|\
        Hezbollah|Hamas|Taliban|ISIS|ISIL|IS|Islamic State|Daesh|Al-Qaeda|al-Qaeda|Al Qaeda|Nusra Front|\
        al-Nusra Front|HTS|Hayat Tahrir al-Sham|SDF|Syrian Democratic Forces|YPG|PKK|Free Syrian Army|FSA|\
        Syrian National Coalition|Kremlin|Pentagon|White House|State Department|Congress|Senate|\
        House of Representatives|Supreme Court|FBI|CIA|NSA|Federal Reserve|Fed|Downing Street|Bundestag|\
        Knesset|Duma|State Duma|Reuters|Associated Press|AP|AFP|BBC|CNN|Fox News|Sputnik|TASS|RIA Novosti|SANA|\
        Al Jazeera|Al Arabiya|New York Times|Washington Post|Wall Street Journal|Financial Times|Guardian|\
        Telegraph|Politico|Breitbart|Huffington Post|USA Today|Twitter|Facebook|Google|Apple|Microsoft|Amazon|\
        Telegram|YouTube|Democratic Party|Republican Party|Democrats|Republicans|GOP|Labour|Labour Party|\
        Conservative Party|Tories|Ba'ath Party|Baath Party|Muslim Brotherhood|Revolutionary Guards|IRGC|\
        Wagner|Wagner Group|Foreign Ministry|Defence Ministry|Defense Ministry|Interior Ministry
        """
    static let nationalities = """
        Syrian|Syrians|Russian|Russians|American|Americans|British|French|German|Germans|Turkish|Turk|Turks|\
        Iranian|Iranians|Iraqi|Iraqis|Israeli|Israelis|Palestinian|Palestinians|Lebanese|Jordanian|Egyptian|\
        Egyptians|Saudi|Saudis|Qatari|Emirati|Kuwaiti|Yemeni|Libyan|Tunisian|Algerian|Moroccan|Kurdish|Kurd|Kurds|\
        Arab|Arabs|Arabic|Persian|Chinese|Japanese|Korean|Indian|Pakistani|Afghan|Afghans|Ukrainian|Ukrainians|\
        Belarusian|Polish|Italian|Italians|Spanish|Portuguese|Dutch|Belgian|Swiss|Austrian|Swedish|Norwegian|Danish|\
        Finnish|Greek|Cypriot|Armenian|Georgian|Azerbaijani|European|Europeans|African|Asian|Western|Eastern|\
        Canadian|Mexican|Brazilian|Argentine|Australian|Irish|Scottish|Welsh|English|Sunni|Shia|Shiite|Alawite|\
        Christian|Christians|Muslim|Muslims|Islamic|Jewish|Druze|Yazidi|Catholic|Orthodox|Soviet|Ottoman|\
        Democrat|Republican|Democratic|Conservative|Liberal|Olympic|Olympics|Christmas|Easter|Ramadan|Eid|\
        English-language|Arab-Israeli
        """

    /// Every name with its type, keyed by its lower-cased text.
    static let table: [String: EntityType] = {
        var table: [String: EntityType] = [:]
        func add(_ list: String, _ type: EntityType) {
            for name in list.split(separator: "|") { table[name.lowercased()] = type }
        }
        add(nationalities, .misc)
        add(places, .location)
        add(countries, .location)
        add(organizations, .organization)
        return table
    }()

    /// The lower-cased first word of every name, alone and with a possessive `'s`, for `Lexeme`'s
    /// `gazetteerStart` bit: a run of words whose first word is not among them is no known name.
    static let firstWords: [String] = table.keys.compactMap { name in
        name.split(separator: " ").first.map(String.init)
    }.flatMap { [$0, $0 + "'s", $0 + "\u{2019}s"] }

    /// Single words whose case matters (`US`, `IS`, `WHO`): matched only as written.
    static let caseSensitive: Set<String> = ["US", "IS", "WHO", "AP", "Fed", "UK", "UN", "EU", "SANA"]
    private static let caseSensitiveLowercased = Set(caseSensitive.map { $0.lowercased() })

    /// `table` and the case-sensitive words packed, for the names of ASCII characters that fit
    /// (nearly all): looked up without a lower-cased copy and without `Hasher`.
    private static let packedTable = WordTable(table.map { ($0.key, $0.value) })
    private static let packedCaseSensitive = WordTable(caseSensitive.map { ($0, true) })
    private static let packedCaseSensitiveLowercased = WordTable(caseSensitiveLowercased.map { ($0, true) })

    /// The type of a name, if the gazetteer knows it.
    static func type(of name: String) -> EntityType? {
        if let exact = PackedWord(name), exact.isASCII {
            let key = exact.lowercasedASCII
            if packedCaseSensitiveLowercased[key] != nil, packedCaseSensitive[exact] == nil { return nil }
            return packedTable[key]
        }
        let key = name.lowercased()
        if caseSensitiveLowercased.contains(key), !caseSensitive.contains(name) { return nil }
        return table[key]
    }
}
