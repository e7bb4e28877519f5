import Foundation

/// Replaces `${NAME}` and `${NAME:-default}` in a scalar with values from the environment.
///
/// `$${` writes a literal `${`. A name that is not set and has no default is an error, so a
/// forgotten variable never turns silently into an empty path.
struct EnvironmentSubstitution: Sendable {
    let environment: [String: String]

    /// A reference whose variable is not set.
    struct Unset: Error {
        let name: String
    }

    /// A reference that is not closed or names nothing.
    struct Malformed: Error {
        let text: String
    }

    /// The text with every reference replaced; each value taken from the environment is noted
    /// in `redaction`, so that messages can hide it.
    func apply(to text: String, redaction: inout Redaction) throws -> String {
        guard text.contains("$") else { return text }
        var result = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            let after = rest[dollar...]
            if after.hasPrefix("$${") {
                result += "${"
                rest = after.dropFirst(3)
            } else if after.hasPrefix("${") {
                guard let close = after.firstIndex(of: "}") else { throw Malformed(text: String(after)) }
                let inner = after[after.index(dollar, offsetBy: 2)..<close]
                let (value, isFromEnvironment) = try value(of: inner)
                if isFromEnvironment { redaction.hide(value, behind: String(after[...close])) }
                result += value
                rest = after[after.index(after: close)...]
            } else {
                result += "$"
                rest = after.dropFirst()
            }
        }
        return result + rest
    }

    /// The value a reference stands for, and whether it came from the environment (not a default).
    private func value(of reference: Substring) throws -> (String, Bool) {
        let name: Substring
        var fallback: Substring?
        if let separator = reference.range(of: ":-") {
            name = reference[..<separator.lowerBound]
            fallback = reference[separator.upperBound...]
        } else {
            name = reference
        }
        guard !name.isEmpty, name.allSatisfy({ $0 == "_" || $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw Malformed(text: "${\(reference)}")
        }
        if let value = environment[String(name)], !(value.isEmpty && fallback != nil) { return (value, true) }
        if let fallback { return (String(fallback), false) }
        throw Unset(name: String(name))
    }
}
