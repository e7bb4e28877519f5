import PipeKit

/// Reads CoNLL-2003 files (`word POS chunk tag`, sentences separated by blank lines,
/// `-DOCSTART-` lines between documents) into sentences with BIO tags.
///
/// The files are IOB1: an entity starts with `I-` unless it directly follows one of the same
/// type, where `B-` marks the boundary. They are converted to BIO, where every entity starts with `B-`.
enum CoNLLReader {
    /// A sentence's words and their tags.
    struct Sentence: Equatable, Sendable {
        var words: [String]
        var tags: [EntityTag]
    }

    /// A line that is not `word … tag` with a known tag.
    struct Problem: Error, CustomStringConvertible {
        let line: Int
        let text: String
        var description: String { "line \(line): expected `word POS chunk TAG` with TAG one of O, B-/I-PER, ORG, LOC, MISC, not `\(text)`" }
    }

    /// The sentences of a CoNLL file's text.
    static func sentences(in text: String) throws -> [Sentence] {
        var sentences: [Sentence] = []
        var current = Sentence(words: [], tags: [])
        var previousType: EntityType?
        func close() {
            if !current.words.isEmpty { sentences.append(current) }
            current = Sentence(words: [], tags: [])
            previousType = nil
        }
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(separator: " ")
            guard let word = fields.first else {
                close()
                continue
            }
            if word == "-DOCSTART-" {
                close()
                continue
            }
            guard fields.count >= 2, let label = fields.last else { throw Problem(line: number + 1, text: String(line)) }
            let tag: EntityTag
            if label == "O" {
                tag = .outside
                previousType = nil
            } else {
                let parts = label.split(separator: "-", maxSplits: 1)
                guard parts.count == 2, parts[0] == "B" || parts[0] == "I",
                      let type = EntityTag.type(conll: parts[1]) else { throw Problem(line: number + 1, text: String(line)) }
                // IOB1 → BIO: an I- that does not continue an entity of its type begins one.
                let begins = parts[0] == "B" || previousType != type
                tag = EntityTag(type, isInside: !begins)
                previousType = type
            }
            current.words.append(String(word))
            current.tags.append(tag)
        }
        close()
        return sentences
    }

    /// The entities of a tagged sentence as (type, first word, end word) triples.
    static func entities(of tags: [EntityTag]) -> [(type: EntityType, range: Range<Int>)] {
        var entities: [(type: EntityType, range: Range<Int>)] = []
        var start: Int?
        var type: EntityType?
        for (index, tag) in tags.enumerated() {
            if let open = start, let openType = type, !(tag.isInside && tag.type == openType) {
                entities.append((openType, open..<index))
                start = nil
                type = nil
            }
            if let tagType = tag.type, start == nil {
                start = index
                type = tagType
            }
        }
        if let open = start, let openType = type { entities.append((openType, open..<tags.count)) }
        return entities
    }
}
