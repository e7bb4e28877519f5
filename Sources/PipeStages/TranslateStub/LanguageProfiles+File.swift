import Foundation

extension LanguageProfiles {
    /// The first line of a profiles file.
    static let magic = "pipe-langid 1"

    /// The profiles as a text file: the magic line, `languages` and `floors` lines, then one line
    /// per gram (a space written `_`) with its log-probability in each language, to one decimal.
    public var fileText: String {
        var lines = [Self.magic, "languages " + languages.joined(separator: " "), "floors " + floors.map(Self.format).joined(separator: " ")]
        let rows = table.entries.sorted { $0.row < $1.row }
        for (key, row) in rows {
            let values = languages.indices.map { weight(row: row, column: $0) }
            lines.append(Self.spelling(of: key) + " " + values.map(Self.format).joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func format(_ value: Float) -> String { String(format: "%.1f", value) }

    /// A gram's letters, a space written `_`.
    static func spelling(of key: UInt64) -> String {
        var scalars: [Unicode.Scalar] = []
        var rest = key
        while rest != 0 {
            scalars.insert(Unicode.Scalar(UInt32(rest & 0x1F_FFFF)) ?? " ", at: 0)
            rest >>= 21
        }
        return String(String.UnicodeScalarView(scalars.map { $0 == " " ? "_" : $0 }))
    }

    /// Profiles read from a file written by ``fileText``.
    public init(fileText text: String) throws(ModelFileError) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).makeIterator()
        guard lines.next() == Substring(Self.magic) else {
            throw ModelFileError(description: "not a language profiles file (the first line is not `\(Self.magic)`)")
        }
        guard let languageLine = lines.next(), languageLine.hasPrefix("languages "),
              let floorLine = lines.next(), floorLine.hasPrefix("floors ") else {
            throw ModelFileError(description: "the `languages` and `floors` lines are missing")
        }
        let languages = languageLine.split(separator: " ").dropFirst().map(String.init)
        let floors = floorLine.split(separator: " ").dropFirst().compactMap { Float($0) }
        guard !languages.isEmpty, floors.count == languages.count else {
            throw ModelFileError(description: "`floors` needs one number per language")
        }
        var rows: [UInt64: Int] = [:]
        var weights: [Float] = []
        for (number, line) in IteratorSequence(lines).enumerated() {
            let fields = line.split(separator: " ")
            let values = fields.dropFirst().compactMap { Float($0) }
            guard let gram = fields.first, values.count == languages.count, (1...Self.order).contains(gram.unicodeScalars.count) else {
                throw ModelFileError(description: "gram line \(number + 1) needs a gram of 1 to \(Self.order) letters and \(languages.count) numbers")
            }
            let key = gram.unicodeScalars.reduce(UInt64(0)) { $0 << 21 | UInt64(($1 == "_" ? " " : $1).value) }
            rows[key] = rows.count
            weights += values
        }
        self.init(languages: languages, floors: floors, table: GramTable(rows), weights: weights)
    }

    /// The profiles that ship with Pipe, read once per process; nil when the file is missing.
    static let shipped: LanguageProfiles? = {
        guard let url = ShippedResources.url(of: "langid.profiles"), let text = try? String(contentsOf: url, encoding: .utf8) else {
            return nil
        }
        return try? LanguageProfiles(fileText: text)
    }()
}
