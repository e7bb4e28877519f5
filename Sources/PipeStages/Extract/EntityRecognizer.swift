import PipeKit

/// Finds named entities by rules: capitalised runs of words, split at titles and organisation
/// words, typed by a gazetteer and by cue words, with later short forms (`Assad`, `Foreign
/// Ministry`) merged into the full name met earlier.
struct EntityRecognizer: Sendable {
    /// The texts of the tokens.
    let texts: TokenTexts

    /// One occurrence of an entity.
    struct Mention: Equatable {
        var text: String
        var type: EntityType
        var span: TextSpan
        /// The token range of the mention in the article's tokens.
        var tokens: Range<Int>
        /// Whether a rule that rarely errs found it: a name of several words the gazetteer knows,
        /// a person named after a title, a person with a name prefix (`al-Assad`), or an
        /// organisation of several words ending with an organisation word. The trained tagger
        /// defers to these (``EntityTagger/combined(with:)``).
        var isAnchored = false
    }

    /// The entities of an article, in order of first mention, and every mention with the name it resolved to.
    func recognize(_ tokens: [Token]) -> (entities: [Entity], mentions: [Mention]) {
        resolve(mentions(tokens))
    }

    /// Every mention the rules find, as written (short forms not resolved).
    func mentions(_ tokens: [Token]) -> [Mention] {
        let chunks = chunks(tokens)
        // Most chunks make one mention or none; room made once instead of growing step by step.
        var mentions: [Mention] = []
        mentions.reserveCapacity(chunks.count)
        for chunk in chunks {
            classify(chunk, tokens: tokens, into: &mentions)
        }
        for index in mentions.indices {
            let range = mentions[index].tokens
            switch mentions[index].type {
            case .organization:
                if range.count > 1, tokens[range.upperBound - 1].lexeme.flags.contains(.organizationCue) { mentions[index].isAnchored = true }
            case .person:
                if range.contains(where: { !tokens[$0].isCapitalized && isNameToken(tokens[$0]) }) { mentions[index].isAnchored = true }
            default:
                break
            }
        }
        return mentions
    }

    /// Maximal runs of name words, joined by connectors, never across punctuation or sentences.
    func chunks(_ tokens: [Token]) -> [Range<Int>] {
        tokens.withUnsafeBufferPointer(chunks)
    }

    /// ``chunks(_:)`` through a pointer, which the optimiser reads a token's fields through
    /// without copying the token.
    private func chunks(_ tokens: UnsafeBufferPointer<Token>) -> [Range<Int>] {
        var chunks: [Range<Int>] = []
        // News text has a chunk for every ten to fifteen tokens.
        chunks.reserveCapacity(tokens.count / 8)
        var index = 0
        while index < tokens.count {
            // The fields read one by one: `isNameToken(tokens[index])` copied each token whole.
            guard tokens[index].isWord, tokens[index].isCapitalized || (tokens[index].hasEarlyHyphen && isNameToken(tokens[index])) else {
                index += 1
                continue
            }
            let start = index
            var end = index + 1
            while end < tokens.count, tokens[end].sentence == tokens[start].sentence {
                if isNameToken(tokens[end]) || (tokens[end].isNumber && tokens[end - 1].isCapitalized) {
                    end += 1
                } else if tokens[end].isMark("."), tokens[end - 1].lexeme.flags.contains(.titleBeforeDot), end + 1 < tokens.count,
                          isNameToken(tokens[end + 1]), tokens[end + 1].sentence == tokens[start].sentence {
                    end += 2
                } else if tokens[end].lexeme.flags.contains(.connector), end + 1 < tokens.count,
                          isNameToken(tokens[end + 1]), tokens[end + 1].sentence == tokens[start].sentence {
                    end += 2
                } else {
                    break
                }
            }
            chunks.append(start..<end)
            index = end
        }
        return chunks
    }

    /// Whether a token may be part of a name: a capitalized word, or a lower-case name prefix
    /// joined to a capitalized word (`al-Assad`).
    @inline(__always)
    func isNameToken(_ token: Token) -> Bool {
        guard token.isWord else { return false }
        if token.isCapitalized { return true }
        // A lower-case name prefix, then a capital: `al-Assad`.
        return token.hasEarlyHyphen && hasNamePrefix(token)
    }

    /// Whether a word with an early hyphen starts with a name prefix and goes on with a capital: `al-Assad`.
    @inline(never)
    private func hasNamePrefix(_ token: Token) -> Bool {
        let text = texts[token], utf8 = text.utf8
        guard let hyphen = utf8.firstIndex(of: UInt8(ascii: "-")),
              WordLists.namePrefixes.contains(String(text[...hyphen])) else { return false }
        return text.unicodeScalars[utf8.index(after: hyphen)...].first?.properties.isUppercase == true
    }

    /// Types a chunk, splitting it at titles and organisation words, and appends its mentions.
    func classify(_ range: Range<Int>, tokens: [Token], into mentions: inout [Mention]) {
        var range = range
        while let first = range.first, isDroppable(tokens[first]) || tokens[first].lexeme.flags.contains(.connector)
            || !tokens[first].isWord {
            range = range.dropFirst()
        }
        while let last = range.last, tokens[last].lexeme.flags.contains(.connector) || tokens[last].lexeme.isDateWord {
            range = range.dropLast()
        }
        guard !range.isEmpty else { return }
        let text = name(of: range, tokens: tokens)

        if let type = gazetteerType(range, text: text, tokens: tokens) {
            var found = mention(range, text: text, type: type, tokens: tokens)
            found.isAnchored = range.count > 1
            return mentions.append(found)
        }
        if let title = range.last(where: { tokens[$0].lexeme.flags.contains(.title) }) {
            splitAtTitle(range, title: title, tokens: tokens, into: &mentions)
            return
        }
        if let cue = range.first(where: { tokens[$0].lexeme.flags.contains(.organizationCue) }), cue < range.last ?? cue,
           !tokens[cue + 1].lexeme.flags.contains(.connector) {
            classify(range.lowerBound..<(cue + 1), tokens: tokens, into: &mentions)
            classify((cue + 1)..<range.upperBound, tokens: tokens, into: &mentions)
            return
        }
        if let prefix = gazetteerPrefix(range, tokens: tokens), prefix.upperBound < range.upperBound,
           gazetteerType(prefix, tokens: tokens) != .misc {
            classify(prefix, tokens: tokens, into: &mentions)
            classify(prefix.upperBound..<range.upperBound, tokens: tokens, into: &mentions)
            return
        }
        mentions.append(mention(range, text: text, type: type(of: range, tokens: tokens), tokens: tokens))
    }

    private func splitAtTitle(_ range: Range<Int>, title: Int, tokens: [Token], into mentions: inout [Mention]) {
        var before = range.lowerBound..<title
        while let last = before.last, !tokens[last].lexeme.flags.isDisjoint(with: [.titleModifier, .title]) {
            before = before.dropLast()
        }
        if !before.isEmpty { classify(before, tokens: tokens, into: &mentions) }
        var after = (title + 1)..<range.upperBound
        while let first = after.first, !tokens[first].isWord { after = after.dropFirst() }
        if let first = after.first, tokens[first].lexeme.flags.contains(.connector) {
            let complement = gazetteerPrefix((first + 1)..<range.upperBound, tokens: tokens) ?? ((first + 1)..<(first + 2))
            classify(complement, tokens: tokens, into: &mentions)
            after = complement.upperBound..<range.upperBound
        }
        guard !after.isEmpty else { return }
        if gazetteerType(after, tokens: tokens) != nil || after.contains(where: { tokens[$0].lexeme.flags.contains(.organizationCue) }) {
            classify(after, tokens: tokens, into: &mentions)
        } else {
            var person = mention(after, text: name(of: after, tokens: tokens), type: .person, tokens: tokens)
            person.isAnchored = true
            mentions.append(person)
        }
    }

    /// The type the gazetteer gives the name of `range` (`text`, when already built).
    ///
    /// The name is only built and looked up when its first word can start a gazetteer name, or
    /// is glued to the next token (then the name's first word is not the token's).
    private func gazetteerType(_ range: Range<Int>, text: String? = nil, tokens: [Token]) -> EntityType? {
        guard let first = range.first else { return nil }
        guard tokens[first].lexeme.flags.contains(.gazetteerStart)
            || (first + 1 < range.upperBound && tokens[first + 1].span.start == tokens[first].span.end) else { return nil }
        return Gazetteer.type(of: text ?? name(of: range, tokens: tokens))
    }

    /// The longest run at the start of `range` that the gazetteer knows.
    private func gazetteerPrefix(_ range: Range<Int>, tokens: [Token]) -> Range<Int>? {
        guard !range.isEmpty else { return nil }
        for length in stride(from: min(5, range.count), through: 1, by: -1) {
            let prefix = range.lowerBound..<(range.lowerBound + length)
            if gazetteerType(prefix, tokens: tokens) != nil { return prefix }
        }
        return nil
    }

    private func type(of range: Range<Int>, tokens: [Token]) -> EntityType {
        let words = tokens[range]
        guard let last = words.last else { return .misc }
        if last.lexeme.flags.contains(.organizationCue) { return .organization }
        if words.contains(where: { $0.lexeme.flags.contains(.connector) }),
           words.contains(where: { $0.lexeme.flags.contains(.organizationCue) }) { return .organization }
        if last.lexeme.flags.contains(.locationCue), words.count > 1 { return .location }
        if words.count == 1 { return last.isAcronym && last.span.end - last.span.start <= 6 ? .organization : .misc }
        let isNameLike = words.allSatisfy { word in
            !word.isNumber && !word.isAcronym && (word.isCapitalized || isNameToken(word))
        }
        return isNameLike && words.count <= 4 ? .person : .misc
    }

    private func isDroppable(_ token: Token) -> Bool {
        token.lexeme.flags.contains(.stopword) || token.lexeme.isDateWord
            || (token.startsSentence && !token.isAcronym && token.lexeme.flags.contains(.speechVerb))
    }

    /// The text of a run of tokens as written, without a final possessive `'s`.
    ///
    /// Cut from the body in one piece when nothing or one space stands between each two tokens,
    /// as in a normalized body; otherwise built word by word with one space for each gap.
    func name(of range: Range<Int>, tokens: [Token]) -> String {
        guard let first = range.first, let last = range.last else { return "" }
        let isOnePiece = range.dropFirst().allSatisfy { index in
            let gap = tokens[index - 1].bytes.upperBound..<tokens[index].bytes.lowerBound
            return gap.isEmpty || (gap.count == 1 && texts.utf8[gap.lowerBound] == UInt8(ascii: " "))
        }
        if isOnePiece {
            let end = tokens[last].bytes.upperBound - texts.possessiveByteCount(tokens[last])
            return texts.string(tokens[first].bytes.lowerBound..<end)
        }
        var name = ""
        for index in range {
            if index > first, tokens[index].span.start > tokens[index - 1].span.end {
                name.append(" ")
            }
            name.append(index == last ? Self.strippingPossessive(texts[tokens[index]]) : texts[tokens[index]])
        }
        return name
    }

    /// The length in scalars of a final possessive `'s` or `\u{2019}s` (2), or 0; a bare `'s` is none.
    static func possessiveLength(_ text: String) -> Int {
        let scalars = text.unicodeScalars
        guard scalars.last == "s" else { return 0 }
        let s = scalars.index(before: scalars.endIndex)
        guard s > scalars.startIndex else { return 0 }
        let apostrophe = scalars.index(before: s)
        guard scalars[apostrophe] == "'" || scalars[apostrophe] == "\u{2019}", apostrophe > scalars.startIndex else { return 0 }
        return 2
    }

    static func strippingPossessive(_ text: String) -> String {
        let length = possessiveLength(text)
        return length == 0 ? text : String(text.unicodeScalars.dropLast(length))
    }

    /// Mentions grouped into entities as they are, in order of first mention, without merging short forms.
    static func group(_ mentions: [Mention]) -> [Entity] {
        var entities: [Entity] = []
        entities.reserveCapacity(mentions.count)
        // Entities are numbered as their text and type are first met: the number is the index.
        var index = ScratchIndex<TextKey>(capacity: mentions.count)
        // By index, so that no mention is copied whole.
        for position in mentions.indices {
            let (id, isNew) = index.id(of: TextKey(mentions[position].text, salt: mentions[position].type.hashSalt))
            if isNew {
                entities.append(Entity(text: mentions[position].text, type: mentions[position].type, spans: [mentions[position].span]))
            } else {
                entities[id].spans.append(mentions[position].span)
            }
        }
        return entities
    }

    /// The mention of the tokens `range` as `type`: their text and span without a final possessive.
    func mention(_ range: Range<Int>, type: EntityType, tokens: [Token]) -> Mention {
        mention(range, text: name(of: range, tokens: tokens), type: type, tokens: tokens)
    }

    private func mention(_ range: Range<Int>, text: String, type: EntityType, tokens: [Token]) -> Mention {
        let last = tokens[range.upperBound - 1]
        // `'s` and `’s` are two scalars.
        let possessive = texts.possessiveByteCount(last) > 0 ? 2 : 0
        let span = TextSpan(start: tokens[range.lowerBound].span.start, end: last.span.end - possessive)
        return Mention(text: text, type: type, span: span, tokens: range)
    }

    /// Merges short forms into the full names met before them and groups mentions into entities.
    ///
    /// A one-word person or misc mention (`Assad`) takes the latest earlier person whose last
    /// word, or the last part of whose hyphenated last word, it is (`Bashar al-Assad`); an
    /// organisation mention takes the latest earlier, longer organisation it ends (`Foreign
    /// Ministry` → `Russian Foreign Ministry`). Places are never merged.
    func resolve(_ mentions: consuming [Mention]) -> (entities: [Entity], mentions: [Mention]) {
        // Resolved in place: a mention is read where it stands and copied only to take a full name.
        var resolved = mentions
        // The latest full name by the short form that refers to it, as its index in `resolved`:
        // a person's last word (or the part after its last hyphen), an organisation's name
        // without its first words. The short forms are numbered in one index, a person's and an
        // organisation's apart (their types' salts), and `latest` holds the full name by number.
        var shortForms = ScratchIndex<TextKey>(capacity: resolved.count)
        var latest: [Int] = []
        latest.reserveCapacity(resolved.count)
        let personSalt = EntityType.person.hashSalt, organizationSalt = EntityType.organization.hashSalt
        for index in resolved.indices {
            // Spaces and hyphens found as bytes: no grapheme breaking.
            // One copy of the mention: reading each field of `resolved[index]` copied all of it.
            let mention = resolved[index]
            let text = mention.text, type = mention.type, utf8 = text.utf8
            let space = UInt8(ascii: " ")
            let hasSpace = utf8.withContiguousStorageIfAvailable { $0.contains(space) } ?? utf8.contains(space)
            let full: Int? = switch type {
            case .person, .misc: hasSpace ? nil : shortForms.existingID(of: TextKey(text, salt: personSalt)).map { latest[$0] }
            case .organization: shortForms.existingID(of: TextKey(text, salt: organizationSalt)).map { latest[$0] }
            case .location: nil
            }
            if let full {
                resolved[index].text = resolved[full].text
                resolved[index].type = resolved[full].type
            } else if type == .person || type == .organization, hasSpace {
                /// Makes `index` the latest full name of the short form `name`.
                func remember(_ name: Substring, salt: UInt64) {
                    let (id, isNew) = shortForms.id(of: TextKey(String(name), salt: salt))
                    if isNew { latest.append(index) } else { latest[id] = index }
                }
                if type == .person, let lastSpace = utf8.lastIndex(of: space) {
                    let last = text[utf8.index(after: lastSpace)...]
                    if let hyphen = last.utf8.lastIndex(of: UInt8(ascii: "-")) {
                        remember(last[last.utf8.index(after: hyphen)...], salt: personSalt)
                    }
                    remember(last, salt: personSalt)
                } else {
                    // Every suffix that starts after a space: `Foreign Ministry`, `Ministry`.
                    var cursor = utf8.startIndex
                    while let found = utf8[cursor...].firstIndex(of: space) {
                        cursor = utf8.index(after: found)
                        if cursor < utf8.endIndex, utf8[cursor] != space { remember(text[cursor...], salt: organizationSalt) }
                    }
                }
            }
        }
        return (Self.group(resolved), resolved)
    }
}

extension EntityType {
    /// A number for each type, to keep names of different types apart in one table.
    var hashSalt: UInt64 {
        switch self {
        case .person: 1
        case .organization: 2
        case .location: 3
        case .misc: 4
        }
    }
}
