import Foundation
import PipeKit

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
    ///
    /// Read as bytes, a number such as `-3.3` straight into tenths: splitting the text into
    /// `Substring`s and parsing each as a `Float` took 50 ms for the shipped file, most of the
    /// time `pipe run` needs to start.
    public init(fileText text: String) throws(ModelFileError) {
        var text = text
        let parsed = text.withUTF8 { Self.parse($0) }
        switch parsed {
        case .success(let profiles): self = profiles
        case .failure(let error): throw error
        }
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<LanguageProfiles, ModelFileError> {
        var lines = ByteLines(bytes)
        guard let magicLine = lines.next(), ByteLines.text(magicLine) == Self.magic else {
            return .failure(ModelFileError(description: "not a language profiles file (the first line is not `\(Self.magic)`)"))
        }
        guard let languageLine = lines.next().map(ByteLines.fields), languageLine.first.map(ByteLines.text) == "languages",
              let floorLine = lines.next().map(ByteLines.fields), floorLine.first.map(ByteLines.text) == "floors" else {
            return .failure(ModelFileError(description: "the `languages` and `floors` lines are missing"))
        }
        let languages = languageLine.dropFirst().map(ByteLines.text)
        let floors = floorLine.dropFirst().compactMap { Float(ByteLines.text($0)) }
        guard !languages.isEmpty, floors.count == languages.count else {
            return .failure(ModelFileError(description: "`floors` needs one number per language"))
        }
        var rows: [UInt64: Int] = [:]
        var costs: [UInt16] = []
        var number = 0
        while let line = lines.next() {
            number += 1
            let fields = ByteLines.fields(line)
            let values = fields.dropFirst().compactMap(Self.cost(of:))
            let gram = fields.first.map { ByteLines.text($0).unicodeScalars } ?? "".unicodeScalars
            guard values.count == languages.count, values.count == fields.count - 1, (1...Self.order).contains(gram.count) else {
                return .failure(ModelFileError(
                    description: "gram line \(number) needs a gram of 1 to \(Self.order) letters and \(languages.count) numbers"))
            }
            let key = gram.reduce(UInt64(0)) { $0 << 21 | UInt64(($1 == "_" ? " " : $1).value) }
            rows[key] = rows.count
            costs += values
        }
        return .success(LanguageProfiles(languages: languages, floors: floors, table: GramTable(rows), costs: costs))
    }

    /// The cost (``costs``) of a number written with one decimal, `-3.3`, read digit by digit;
    /// any other number through `Float`; nil for no number.
    static func cost(of field: UnsafeBufferPointer<UInt8>) -> UInt16? {
        var index = field.first == UInt8(ascii: "-") ? 1 : 0
        let negative = index == 1
        var tenths = 0
        while index < field.count, field[index] &- 0x30 < 10, tenths < 100_000 {
            tenths = tenths * 10 + Int(field[index] &- 0x30)
            index += 1
        }
        guard negative, index > 1, index + 2 == field.count, field[index] == UInt8(ascii: "."), field[index + 1] &- 0x30 < 10 else {
            return Float(ByteLines.text(field)).map(Self.cost)
        }
        return UInt16(clamping: tenths * 10 + Int(field[index + 1] &- 0x30))
    }

    /// The profiles that ship with Pipe, read once per process; nil when the file is missing.
    static let shipped: LanguageProfiles? = {
        guard let url = ShippedResources.url(of: "langid.profiles"), let text = try? String(contentsOf: url, encoding: .utf8) else {
            return nil
        }
        return try? LanguageProfiles(fileText: text)
    }()
}

/// The non-empty lines of a text's UTF-8, and the fields of a line split at spaces.
private struct ByteLines: IteratorProtocol {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var start = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func next() -> UnsafeBufferPointer<UInt8>? {
        while start < bytes.count {
            let end = ByteWords.firstIndex(of: UInt8(ascii: "\n"), in: UnsafeRawBufferPointer(bytes), from: start) ?? bytes.count
            defer { start = end + 1 }
            if end > start { return UnsafeBufferPointer(rebasing: bytes[start..<end]) }
        }
        return nil
    }

    /// The fields of a line, split at single spaces, empty ones dropped.
    static func fields(_ line: UnsafeBufferPointer<UInt8>) -> [UnsafeBufferPointer<UInt8>] {
        line.split(separator: UInt8(ascii: " ")).map { UnsafeBufferPointer(rebasing: $0) }
    }

    static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
}
