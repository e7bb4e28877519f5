import PipeKit

/// Turns raw records into articles, reading each as `input.format` says.
///
/// `dated-text`: an optional leading space, ` date YYYY-MM-DD URL`, a blank line, the title
/// (possibly twice), then the body. `text`: the first non-empty line is the title, the rest the
/// body. `jsonl`: an object with `id`, `date`, `url`, `title`, `body`; other keys become custom
/// fields. Invalid UTF-8, a binary or empty record, a malformed header or an empty body is an
/// error for that record alone.
public struct ParseStage: ConfigurableStage {
    /// `parse` takes no options: the input's format decides how records are read.
    public typealias Options = NoOptions

    /// `parse`.
    public static let name = "parse"
    /// One line for `pipe stages`.
    public static let summary = "Read raw records (dated-text, jsonl, text) into articles"

    /// Creates the stage.
    public init(options: NoOptions = NoOptions(), setup: StageSetup) {}

    /// Creates the stage outside a pipeline file.
    public init() {}

    /// Parses one record.
    public func process(_ record: RawRecord, context: StageContext) async throws -> Article? {
        try Self.parse(record)
    }

    /// Parses one record synchronously.
    public static func parse(_ record: RawRecord) throws -> Article {
        if let size = record.oversize {
            throw PipeError(.malformedRecord, "the record is \(size) bytes, more than `input.max_record_size`"
                            + " allows; only its first \(record.bytes.count) bytes are kept",
                            hint: "raise `input.max_record_size` in the pipeline file, or split the record")
        }
        switch record.format {
        case .datedText, .text:
            let text = try RecordText.decode(record.bytes)
            let parsed = try DatedTextParser.parse(text, hasHeader: record.format == .datedText)
            return Article(id: record.id, source: record.source, date: parsed.date, url: parsed.url,
                           title: parsed.title, body: parsed.body)
        case .jsonl:
            return try JSONLineParser.parse(record)
        }
    }
}

/// Checks that a record is text: not empty, no NUL bytes, valid UTF-8.
enum RecordText {
    static func decode(_ bytes: [UInt8]) throws -> String {
        guard !bytes.isEmpty else {
            throw PipeError(.malformedRecord, "the record is empty")
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw PipeError(.malformedRecord, "the record is binary, not text (NUL byte at offset \(nul))")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(bytes)
            throw PipeError(.malformedRecord, "the record is not valid UTF-8 (first bad byte at offset \(offset))",
                            hint: "convert the file to UTF-8")
        }
        return text
    }

    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while case .valid(let scalar) = parser.parseScalar(from: &iterator) {
            offset += scalar.count
        }
        return offset
    }
}
