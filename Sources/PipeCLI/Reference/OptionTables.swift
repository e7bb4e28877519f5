import Foundation
import PipeKit

/// The option tables of a Markdown document, each between `<!-- options: NAME -->` and
/// `<!-- end options -->` and written from the ``OptionReference``.
struct OptionTables {
    static let endMarker = "<!-- end options -->"

    let reference: OptionReference

    /// A Markdown table of `keys`.
    static func markdown(_ keys: [OptionReference.Key]) -> String {
        guard !keys.isEmpty else { return "This stage has no options.\n" }
        var lines = ["| key | type | default | |", "| --- | --- | --- | --- |"]
        for key in keys {
            let type = key.allowed.map { $0.map { "`\($0)`" }.joined(separator: " | ") } ?? key.type
            let value = key.required ? "required" : key.default.map { "`\($0)`" } ?? "none"
            lines.append("| `\(key.key)` | \(escape(type)) | \(escape(value)) | \(escape(key.help)) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }

    /// What went wrong while writing the tables.
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// `document` with every table written afresh; the names of the tables it holds.
    func update(_ document: String) throws(Problem) -> (text: String, names: [String]) {
        var output = ""
        var names: [String] = []
        var rest = Substring(document)
        while let start = rest.range(of: "<!-- options: ") {
            guard let close = rest[start.upperBound...].range(of: " -->"),
                  let end = rest[close.upperBound...].range(of: Self.endMarker) else {
                throw Problem(description: "a `<!-- options: NAME -->` marker without its `\(Self.endMarker)`")
            }
            let name = String(rest[start.upperBound..<close.lowerBound])
            guard let keys = reference.fields(of: name) else {
                throw Problem(description: "`<!-- options: \(name) -->` names no stage or section")
            }
            output += rest[..<close.upperBound] + "\n" + Self.markdown(keys) + Self.endMarker
            names.append(name)
            rest = rest[end.upperBound...]
        }
        return (output + rest, names)
    }
}
