import PipeKit

/// A BIO tag of the entity tagger: outside, or the beginning or inside of an entity of a type.
struct EntityTag: Hashable, Sendable, CustomStringConvertible {
    /// The tag's number, 0 ..< `count`: O, then B and I for person, organization, location, misc.
    let index: Int

    /// The entity types the tagger knows, in the order of their tags.
    static let types: [EntityType] = [.person, .organization, .location, .misc]
    /// How many tags there are.
    static let count = 1 + 2 * types.count
    /// Outside any entity.
    static let outside = EntityTag(index: 0)
    /// Every tag, in order.
    static let all = (0..<count).map(EntityTag.init(index:))

    init(index: Int) {
        self.index = index
    }

    /// The tag that begins (`isInside` false) or continues an entity of `type`.
    init(_ type: EntityType, isInside: Bool) {
        index = 1 + 2 * (Self.types.firstIndex(of: type) ?? 0) + (isInside ? 1 : 0)
    }

    /// The entity type, nil for O.
    var type: EntityType? { index == 0 ? nil : Self.types[(index - 1) / 2] }
    /// Whether this is an I- tag.
    var isInside: Bool { index != 0 && (index - 1) % 2 == 1 }

    /// Whether this tag may follow `previous` in BIO: I-X only after B-X or I-X.
    func mayFollow(_ previous: EntityTag) -> Bool {
        !isInside || previous.type == type
    }

    /// The tag with the highest of `scores` (one for each tag, by index) that may follow
    /// `previous`; the first of those that tie.
    static func best(_ scores: UnsafeBufferPointer<Float>, after previous: EntityTag) -> EntityTag {
        var best = EntityTag.outside
        var bestScore = -Float.infinity
        for tag in all where tag.mayFollow(previous) && scores[tag.index] > bestScore {
            best = tag
            bestScore = scores[tag.index]
        }
        return best
    }

    /// The CoNLL form: `O`, `B-PER`, `I-LOC`, …
    var description: String {
        guard let type else { return "O" }
        return (isInside ? "I-" : "B-") + Self.conllName(type)
    }

    static func conllName(_ type: EntityType) -> String {
        switch type {
        case .person: "PER"
        case .organization: "ORG"
        case .location: "LOC"
        case .misc: "MISC"
        }
    }

    /// The type a CoNLL label names (`PER`, `ORG`, `LOC`, `MISC`).
    static func type(conll label: Substring) -> EntityType? {
        switch label {
        case "PER": .person
        case "ORG": .organization
        case "LOC": .location
        case "MISC": .misc
        default: nil
        }
    }
}
