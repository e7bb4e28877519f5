/// The named fields of a WARC record's or an HTTP message's header, in order, as `Name: value`
/// lines; names are matched without regard to case, and a line that starts with a space or a tab
/// continues the field before it.
package struct MessageHeader: Sendable {
    /// The first line: `WARC/1.1`, or an HTTP status line.
    package var firstLine: String
    /// The fields in the order they came.
    package var fields: [(name: String, value: String)]

    package init(firstLine: String, fields: [(name: String, value: String)] = []) {
        self.firstLine = firstLine
        self.fields = fields
    }

    /// Reads the field lines; nil for a line that is neither a field nor a continuation.
    package init?(firstLine: String, lines: [[UInt8]]) {
        self.init(firstLine: firstLine)
        for line in lines {
            let text = String(decoding: line, as: UTF8.self)
            if text.first == " " || text.first == "\t", let last = fields.indices.last {
                fields[last].value += " " + text.trimmingSpaces
                continue
            }
            guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return nil }
            fields.append((String(text[..<colon]).trimmingSpaces, String(text[text.index(after: colon)...]).trimmingSpaces))
        }
    }

    /// The header at the start of `bytes` and what follows the empty line that ends it; nil when
    /// no empty line ends it or a line is no field.
    package static func split(_ bytes: ArraySlice<UInt8>) -> (header: MessageHeader, rest: ArraySlice<UInt8>)? {
        var lines: [[UInt8]] = []
        var index = bytes.startIndex
        while let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) {
            var line = bytes[index..<newline]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            index = newline + 1
            guard !line.isEmpty else {
                guard let first = lines.first, let header = MessageHeader(firstLine: String(decoding: first, as: UTF8.self),
                                                                         lines: Array(lines.dropFirst())) else { return nil }
                return (header, bytes[index...])
            }
            lines.append(Array(line))
        }
        return nil
    }

    /// The value of the first field named `name`.
    package subscript(name: String) -> String? {
        get { fields.first { $0.name.lowercased() == name.lowercased() }?.value }
        set {
            let kept = fields.filter { $0.name.lowercased() != name.lowercased() }
            let index = fields.firstIndex { $0.name.lowercased() == name.lowercased() } ?? kept.count
            fields = kept
            if let newValue { fields.insert((name, newValue), at: Swift.min(index, fields.count)) }
        }
    }

    /// The media type of `Content-Type`, lowercased, without parameters.
    package var mediaType: String? {
        self["Content-Type"].map { String($0.prefix { $0 != ";" }).trimmingSpaces.lowercased() }
    }

    /// The header as it is written: the first line, the fields, and the empty line that ends them.
    package var bytes: [UInt8] {
        var text = firstLine + "\r\n"
        for field in fields { text += "\(field.name): \(field.value)\r\n" }
        return Array((text + "\r\n").utf8)
    }
}
