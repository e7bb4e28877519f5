import Yams

/// The state of loading one pipeline file: its name, the environment, the problems found so far.
struct LoadContext {
    let file: String
    let substitution: EnvironmentSubstitution
    private(set) var diagnostics: [PipeError] = []
    /// The values taken from the environment, hidden in every message.
    private(set) var redaction = Redaction()
    /// The files the stages write, with the node that names each, in file order.
    var stageOutputs: [(entry: OutputPaths.Entry, node: Node)] = []

    init(file: String, environment: [String: String]) {
        self.file = file
        substitution = EnvironmentSubstitution(environment: environment)
    }

    /// The location of a node, or of the file's start when libyaml gave none.
    func location(of node: Node?) -> SourceLocation {
        let mark = node?.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// Records a problem at a node.
    mutating func report(_ code: PipeError.Code, _ message: String, hint: String? = nil, at node: Node?) {
        diagnostics.append(PipeError(code, message, hint: hint, at: location(of: node)))
    }

    /// Records a problem at a location.
    mutating func report(_ error: PipeError) {
        diagnostics.append(error)
    }

    /// Records several problems.
    mutating func report(contentsOf errors: [PipeError]) {
        diagnostics += errors
    }

    /// The problems in file order, with environment values hidden.
    var sortedDiagnostics: [PipeError] {
        diagnostics.enumerated().sorted { lhs, rhs in
            let l = lhs.element.location, r = rhs.element.location
            let lk = (l?.line ?? 0, l?.column ?? 0, lhs.offset), rk = (r?.line ?? 0, r?.column ?? 0, rhs.offset)
            return lk < rk
        }.map { redaction.apply(to: $0.element) }
    }

    /// Turns a libyaml error into a diagnostic; `text` is the file, to recognise a tab.
    mutating func reportSyntax(_ error: any Error, text: String) {
        switch error {
        case YamlError.scanner(let context, let problem, let mark, _),
             YamlError.parser(let context, let problem, let mark, _),
             YamlError.composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            let line = text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(mark.line - 1).first
            let hint = if line?.prefix(mark.column).contains("\t") == true {
                "YAML indents with spaces, not tabs: replace the tab on this line with spaces"
            } else {
                context.map { "it started at line \($0.mark.line), column \($0.mark.column): check the brackets, quotes and indentation from there" }
                    ?? "check the indentation and quoting on this line and the one above"
            }
            diagnostics.append(PipeError(
                .yamlSyntax, "invalid YAML: \(detail)",
                hint: hint,
                at: SourceLocation(file: file, line: mark.line, column: mark.column)
            ))
        case YamlError.reader(let problem, _, _, _):
            diagnostics.append(PipeError(.yamlSyntax, "cannot read the file as YAML: \(problem)",
                                         hint: "save the file as UTF-8", at: SourceLocation(file: file, line: 1, column: 1)))
        default:
            diagnostics.append(PipeError(.yamlSyntax, "invalid YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1)))
        }
    }

    /// The node with `${NAME}` references replaced in every scalar value (mapping keys are left alone).
    mutating func substitute(_ node: Node) -> Node {
        switch node {
        case .scalar(let scalar):
            do {
                let text = try substitution.apply(to: scalar.string, redaction: &redaction)
                guard text != scalar.string else { return node }
                return .scalar(Node.Scalar(text, .implicit, scalar.style, scalar.mark))
            } catch let unset as EnvironmentSubstitution.Unset {
                report(.invalidValue, "environment variable `\(unset.name)` is not set",
                       hint: "set it, or give a default with `${\(unset.name):-value}`", at: node)
            } catch {
                report(.invalidValue, "malformed variable reference in `\(scalar.string)`",
                       hint: "write `${NAME}` or `${NAME:-default}`; `$${` gives a literal `${`", at: node)
            }
            return node
        case .mapping(var mapping):
            mapping = Node.Mapping(mapping.map { ($0.key, substitute($0.value)) }, mapping.tag, mapping.style, mapping.mark)
            return .mapping(mapping)
        case .sequence(var sequence):
            sequence = Node.Sequence(sequence.map { substitute($0) }, sequence.tag, sequence.style, sequence.mark)
            return .sequence(sequence)
        case .alias:
            return node
        }
    }

    /// The section `node` decoded as `Options`, every problem reported, and a value that is wrong
    /// or left out kept at its default; `nil` when anything was wrong and `partial` is false.
    /// `owner` names the section in messages (`\`input\``); `supplied` are required keys given
    /// elsewhere.
    mutating func decode<Options: StageOptions>(
        _ type: Options.Type, from node: Node, owner: String, mappingNoun: String? = nil,
        supplied: Set<String> = [], partial: Bool = false
    ) -> Options? {
        let decoded = OptionsDecoder.decode(type, from: node, supplied: supplied)
        report(contentsOf: OptionDiagnostics.diagnostics(for: decoded.problems, owner: owner, mappingNoun: mappingNoun ?? owner,
                                                         fallback: node, context: self))
        return decoded.problems.isEmpty || partial ? decoded.options : nil
    }

    /// Reports the option `key` of `Options` as missing from `node`, as the decoder reports a
    /// required one: for options only some cases require (`input.path` but for a queue).
    mutating func reportMissing<Options: StageOptions>(_ key: String, of type: Options.Type, owner: String, at node: Node) {
        guard let field = Options.fields.first(where: { $0.name == key }) else { return }
        report(contentsOf: OptionDiagnostics.diagnostics(for: [OptionProblem(.missing(field), at: node)], owner: owner,
                                                         mappingNoun: owner, fallback: node, context: self))
    }

    /// The pairs of a mapping node, reporting keys outside `allowed` and keys given twice.
    mutating func pairs(of node: Node, allowed: [String], noun: String) -> [String: (key: Node, value: Node)] {
        var result: [String: (key: Node, value: Node)] = [:]
        guard let mapping = node.mapping else { return result }
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                report(.unknownKey, "a key must be a plain name", at: key)
                continue
            }
            if result[name] != nil {
                report(.invalidValue, "the key `\(name)` is given twice", hint: "remove one of them", at: key)
                continue
            }
            if !allowed.contains(name) {
                report(.unknownKey, "unknown key `\(name)` in \(noun)",
                       hint: Suggestion.hint(for: name, among: allowed, noun: "keys"), at: key)
                continue
            }
            result[name] = (key, value)
        }
        return result
    }

    /// The string in a scalar node, reporting anything else.
    mutating func string(_ node: Node, key: String) -> String? {
        guard case .scalar(let scalar) = node,
              !(scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)) else {
            report(.invalidValue, "`\(key)` expects a string", at: node)
            return nil
        }
        return scalar.string
    }
}
