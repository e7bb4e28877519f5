import Yams

/// Turns the problems found in a mapping of options into diagnostics, each at its line and column.
enum OptionDiagnostics {
    /// The diagnostics for `problems` in the options of `owner` (`stage \`filter\``, `\`input\``);
    /// `mappingNoun` names the mapping for unknown keys (`the options of \`filter\``); a problem
    /// without a position is placed at `fallback`.
    static func diagnostics(
        for problems: [OptionProblem], owner: String, mappingNoun: String, fallback: Node, context: LoadContext
    ) -> [PipeError] {
        problems.map { problem in
            let fallback = context.location(of: fallback)
            let location = SourceLocation(file: fallback.file, line: problem.line ?? fallback.line,
                                          column: problem.column ?? fallback.column)
            switch problem.kind {
            case .unknownKey(let name, let known):
                guard !name.isEmpty else {
                    return PipeError(.unknownKey, "a key must be a plain name", at: location)
                }
                return PipeError(.unknownKey, "unknown key `\(name)` in \(mappingNoun)",
                                 hint: Suggestion.hint(for: name, among: known, noun: "keys"), at: location)
            case .missing(let field):
                return PipeError(.missingKey, "\(owner) needs the option `\(field.name)`",
                                 hint: "add `\(field.name): …` (\(field.summary))", at: location)
            case .notDeclared(let type):
                return PipeError(.invalidValue, "the options of \(owner) cannot be read: `\(type)` must declare every "
                                 + "stored property with `@Option` and leave `init(from:)` to the compiler",
                                 hint: "see Docs/WritingAStage.md", at: location)
            case .invalid(let field, let keyPath, let got, let scalar):
                var hint = "`\(field.name)`: \(field.summary)"
                if let scalar, let suggestion = Suggestion.closest(to: scalar, among: field.allowedValues) {
                    hint = "did you mean `\(suggestion)`?"
                }
                return PipeError(.invalidValue, "option `\(keyPath)` of \(owner) expects \(field.expectation), got \(got)",
                                 hint: hint, at: location)
            }
        }
    }
}
