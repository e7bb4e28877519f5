import Yams

/// One thing wrong with the options of a stage or a section, found while decoding them.
struct OptionProblem: Sendable {
    enum Kind: Sendable {
        /// A key no option declares (empty when the key is not a plain name); `known` are the
        /// keys that are.
        case unknownKey(String, known: [String])
        /// A required option left out.
        case missing(OptionField)
        /// A value its option cannot take: where in it (`language[2]`), what was there as the
        /// message says it, and its text when it was a scalar.
        case invalid(OptionField, keyPath: String, got: String, scalar: String?)
        /// An options type that does not declare every stored property with `@Option`.
        case notDeclared(String)
    }

    /// What is wrong.
    var kind: Kind
    /// Where, as libyaml marks it: the key, the value, or the mapping a required key is missing
    /// from; `nil` when there is no such node.
    var line: Int?
    var column: Int?

    init(_ kind: Kind, at node: Node?) {
        self.kind = kind
        line = node?.mark?.line
        column = node?.mark?.column
    }

    /// The problem with `error`, a failure to decode `node` as `field`'s value.
    static func invalid(_ field: OptionField, _ error: any Error, node: Node) -> OptionProblem {
        let path = (error as? DecodingError).map(codingPath) ?? []
        let target = OptionProblem.node(at: path, in: node) ?? node
        let keyPath = path.reduce(field.name) { text, key in text + (key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)") }
        let scalar = target.scalar?.string
        let got = scalar.map { "`\($0)`" } ?? (target.mapping != nil ? "a mapping" : "a list")
        return OptionProblem(.invalid(field, keyPath: keyPath, got: got, scalar: scalar), at: target)
    }

    private static func codingPath(of error: DecodingError) -> [any CodingKey] {
        switch error {
        case .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context),
             .dataCorrupted(let context):
            return context.codingPath
        @unknown default:
            return []
        }
    }

    /// The node a coding path leads to, or the deepest one found on the way.
    private static func node(at path: [any CodingKey], in root: Node) -> Node? {
        var current = root
        for key in path {
            if let index = key.intValue, let sequence = current.sequence, sequence.indices.contains(index) {
                current = sequence[index]
            } else if let value = current.mapping?.first(where: { $0.key.scalar?.string == key.stringValue })?.value {
                current = value
            } else {
                break
            }
        }
        return current
    }
}

/// Every problem found in one mapping of options.
struct OptionProblems: Error {
    var problems: [OptionProblem]
}
