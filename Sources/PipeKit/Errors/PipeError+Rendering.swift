extension PipeError {
    /// Renders the error as a compiler does: the `file:line:column: error:` line, the source line, a caret.
    ///
    /// - Parameter source: the text of the file that ``location`` points into.
    public func rendered(source: String?) -> String {
        var lines = [description]
        if let location, let source, let line = Self.line(location.line, of: source) {
            let scalars = Array(line.unicodeScalars)
            let prefix = scalars.prefix(max(0, location.column - 1)).map { $0 == "\t" ? "\t" : " " }
            lines.append(line)
            lines.append(String(prefix.joined()) + "^")
        }
        return lines.joined(separator: "\n")
    }

    private static func line(_ number: Int, of source: String) -> String? {
        guard number >= 1 else { return nil }
        var current = 1
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == number { return String(line.hasSuffix("\r") ? line.dropLast() : line) }
            current += 1
        }
        return nil
    }
}
