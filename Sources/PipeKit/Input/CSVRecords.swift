/// The records of one CSV or TSV file: its first row names the columns, and every later row
/// becomes a record holding a JSON object of its cells by column name (so that a dead letter of
/// a row can be replayed alone), with the id `FILE:LINE` of the line the row starts on.
///
/// A row that cannot be read (a quote that never closes, a stray quote, a cell count that is not
/// the header's, text that is not UTF-8) is a record with a problem, for `parse` to report.
final class CSVRecords {
    private let reader: CSVReader
    private let file: String
    private let id: String
    private let format: InputFormat
    private var header: [String]?
    /// Whether the header could not be read: the file's rows are not read either.
    private var headerFailed = false

    init(source: any ByteSource, file: String, id: String, format: InputFormat, delimiter: UInt8, maxRowSize: Int) {
        reader = CSVReader(source: source, delimiter: delimiter, quoting: format == .csv, maxRowSize: maxRowSize)
        self.file = file
        self.id = id
        self.format = format
    }

    /// The next record; nil at the end of the file, and after a header that cannot be read.
    func next() throws -> RawRecord? {
        guard !headerFailed, let row = try reader.next() else { return nil }
        let record = RawRecord(id: "\(id):\(row.line)", source: file, format: format, bytes: row.raw)
        guard let header else {
            return try readHeader(row, record: record) ?? next()
        }
        if let problem = row.problem { return record.malformed(problem) }
        if let size = row.oversize { return record.with(.tooLarge(size: size)) }
        guard row.fields.count == header.count else {
            return record.malformed("the row on line \(row.line) has \(row.fields.count) cells and the header \(header.count)")
        }
        var writer = JSONWriter()
        writer.beginObject()
        for (name, cell) in zip(header, row.fields) {
            guard let text = String(validating: cell, as: UTF8.self) else {
                return record.malformed("the cell `\(name)` on line \(row.line) is not valid UTF-8", hint: Self.encodingHint)
            }
            writer.key(name)
            writer.string(text)
        }
        writer.endObject()
        var result = record
        result.bytes = writer.bytes
        return result
    }

    static let encodingHint = "set `input.encoding` to the file's encoding, for example `windows-1252`"

    /// Reads the header; a record with a problem when it cannot be used, which ends the file.
    private func readHeader(_ row: CSVReader.Row, record: RawRecord) throws -> RawRecord? {
        headerFailed = true
        if let problem = row.problem { return record.malformed("the header cannot be read: \(problem)") }
        var names: [String] = []
        for (index, cell) in row.fields.enumerated() {
            guard let name = String(validating: cell, as: UTF8.self) else {
                return record.malformed("the header's column \(index + 1) is not valid UTF-8", hint: Self.encodingHint)
            }
            let trimmed = name.trimmingPrefix("\u{FEFF}").trimmingSpaces
            let unique = trimmed.isEmpty ? "column_\(index + 1)" : trimmed
            if let first = names.firstIndex(of: unique) {
                return record.malformed("the header names `\(unique)` twice (columns \(first + 1) and \(index + 1))",
                                       hint: "give every column its own name")
            }
            names.append(unique)
        }
        header = names
        headerFailed = false
        return nil
    }
}
