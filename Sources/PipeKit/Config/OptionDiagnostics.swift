import Yams

/// Turns a `DecodingError` from a stage's options into a diagnostic at the offending value.
enum OptionDiagnostics {
    static func diagnostic(
        for error: DecodingError, options: Node?, typeNode: Node, descriptor: StageDescriptor, context: LoadContext
    ) -> PipeError {
        let stage = descriptor.name
        switch error {
        case .keyNotFound(let key, let detail):
            let field = descriptor.options.first { $0.name == key.stringValue }
            let parent = node(at: detail.codingPath, in: options)
            return PipeError(.missingKey, "stage `\(stage)` needs the option `\(key.stringValue)`",
                             hint: field.map { "add `\(key.stringValue): …` under `options:` (\($0.summary))" },
                             at: context.location(of: parent ?? typeNode))
        case .typeMismatch(_, let detail), .valueNotFound(_, let detail), .dataCorrupted(let detail):
            let target = node(at: detail.codingPath, in: options)
            let keyPath = detail.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            let field = detail.codingPath.first.flatMap { key in descriptor.options.first { $0.name == key.stringValue } }
            let expected = field?.expectation ?? "another value"
            let got = target?.scalar.map { "`\($0.string)`" } ?? (target?.mapping != nil ? "a mapping" : "a list")
            return PipeError(.invalidValue, "option `\(keyPath)` of stage `\(stage)` expects \(expected), got \(got)",
                             hint: field.map { "`\($0.name)`: \($0.summary)" },
                             at: context.location(of: target ?? options ?? typeNode))
        @unknown default:
            return PipeError(.invalidValue, "invalid options for stage `\(stage)`: \(error)",
                             at: context.location(of: options ?? typeNode))
        }
    }

    /// The node a coding path leads to, or the deepest one found on the way.
    static func node(at path: [any CodingKey], in root: Node?) -> Node? {
        var current = root
        for key in path {
            guard let node = current else { return nil }
            if let index = key.intValue, let sequence = node.sequence, sequence.indices.contains(index) {
                current = sequence[index]
            } else if let value = node.mapping?.first(where: { $0.key.scalar?.string == key.stringValue })?.value {
                current = value
            } else {
                return node
            }
        }
        return current
    }
}
