/// Hides the values that `${NAME}` references in a pipeline file were replaced with.
///
/// Environment variables often carry secrets (tokens in URLs, private paths), so Pipe never
/// prints their values: wherever a message quotes a value in backticks, and in the `source` and
/// `error` of a dead letter, each value read from the environment is shown as the reference that
/// produced it (`${PIPE_OUT}/x.jsonl`). Defaults written in the file (`${NAME:-default}`) are not
/// secret and stay as they are.
public struct Redaction: Sendable, Hashable {
    /// Each value and the reference to show instead, the longest values first.
    private var replacements: [Replacement] = []

    private struct Replacement: Sendable, Hashable {
        var value: String
        var reference: String
    }

    /// Hides nothing.
    public init() {}

    /// Whether there is nothing to hide.
    public var isEmpty: Bool { replacements.isEmpty }

    /// Hides `value` behind `reference` from now on.
    mutating func hide(_ value: String, behind reference: String) {
        guard !value.isEmpty, !replacements.contains(where: { $0.value == value }) else { return }
        replacements.append(Replacement(value: value, reference: reference))
        replacements.sort { $0.value.count > $1.value.count }
    }

    /// `text` with the values hidden in every backtick-quoted part.
    public func apply(toQuoted text: String) -> String {
        guard !isEmpty, text.contains("`") else { return text }
        var parts = text.split(separator: "`", omittingEmptySubsequences: false).map(String.init)
        for index in parts.indices where index % 2 == 1 { parts[index] = apply(to: parts[index]) }
        return parts.joined(separator: "`")
    }

    /// Values shorter than this are hidden only where they stand alone, not inside longer words:
    /// `OUT=s` must not turn `--resume` into `--re${OUT}ume`, and such a value is no secret.
    static let shortValueLength = 4

    /// `text` with every occurrence of a value hidden (of a short value, where it stands alone).
    public func apply(to text: String) -> String {
        replacements.reduce(text) { text, replacement in
            replacement.value.count < Self.shortValueLength
                ? Self.replacingAlone(replacement.value, with: replacement.reference, in: text)
                : text.replacing(replacement.value, with: replacement.reference)
        }
    }

    /// `text` with the occurrences of `value` that no letter or digit touches replaced.
    private static func replacingAlone(_ value: String, with reference: String, in text: String) -> String {
        var result = ""
        var rest = text[...]
        while let range = rest.firstRange(of: value) {
            let before = range.lowerBound > rest.startIndex ? rest[rest.index(before: range.lowerBound)] : nil
            let after = range.upperBound < rest.endIndex ? rest[range.upperBound] : nil
            let alone = !(before?.isLetter ?? false) && !(before?.isNumber ?? false)
                && !(after?.isLetter ?? false) && !(after?.isNumber ?? false)
            result += rest[..<range.lowerBound]
            result += alone ? reference : value
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    /// The error with the values hidden in its message and hint.
    public func apply(to error: PipeError) -> PipeError {
        guard !isEmpty else { return error }
        var error = error
        error.message = apply(toQuoted: error.message)
        error.hint = error.hint.map(apply(toQuoted:))
        return error
    }

    /// The dead letter with the values hidden in its source and error.
    public func apply(to letter: DeadLetter) -> DeadLetter {
        guard !isEmpty else { return letter }
        var letter = letter
        letter.source = apply(to: letter.source)
        letter.error = apply(to: letter.error)
        return letter
    }
}
