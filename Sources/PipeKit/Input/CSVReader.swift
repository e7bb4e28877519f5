/// Reads CSV (RFC 4180) or TSV rows from a byte source, one row at a time, so that memory stays
/// bounded by the largest row, or by `maxRowSize`.
///
/// CSV: fields are cut at the delimiter; a field in double quotes may hold the delimiter, line
/// breaks and doubled quotes. TSV: fields are cut at tabs, and quotes are text. A line break is
/// `\n` or `\r\n`; blank lines are skipped.
final class CSVReader {
    /// One row: its fields, the line it starts on, and what is wrong with it, if anything.
    struct Row {
        var fields: [[UInt8]]
        /// The 1-based line the row starts on.
        var line: Int
        /// The row's first bytes as written, for the dead-letter file of a row that cannot be read.
        var raw: [UInt8]
        /// The row's size when it was larger than `maxRowSize` (its fields are then not kept).
        var oversize: Int?
        /// Why the row cannot be read, when it cannot.
        var problem: String?
    }

    private enum State { case fieldStart, unquoted, quoted, afterQuote }

    private let source: any ByteSource
    private let delimiter: UInt8
    private let quoting: Bool
    private let maxRowSize: Int
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var position = 0, end = 0
    private var atEnd = false
    /// The line the next byte is on.
    private var line = 1

    init(source: any ByteSource, delimiter: UInt8, quoting: Bool, maxRowSize: Int) {
        self.source = source
        self.delimiter = delimiter
        self.quoting = quoting
        self.maxRowSize = maxRowSize
    }

    /// The next row that is not blank, or nil at the end.
    func next() throws -> Row? {
        while let row = try nextRow() {
            if row.fields.count == 1, row.fields[0].isEmpty, row.problem == nil, row.oversize == nil { continue }
            return row
        }
        return nil
    }

    private func nextRow() throws -> Row? {
        guard let first = try byte() else { return nil }
        var row = Row(fields: [], line: line, raw: [])
        var field: [UInt8] = []
        var state = State.fieldStart
        var size = 0
        var quoteLine = line
        var current: UInt8? = first
        while let byte = current {
            size += 1
            if row.raw.count < RawRecord.oversizePrefix { row.raw.append(byte) }
            if byte == UInt8(ascii: "\n") { line += 1 }
            let quote = UInt8(ascii: "\"")
            switch state {
            case .fieldStart where quoting && byte == quote:
                state = .quoted
                quoteLine = line
            case .fieldStart, .unquoted:
                if byte == delimiter {
                    row.fields.append(field)
                    field = []
                    state = .fieldStart
                } else if byte == UInt8(ascii: "\n") {
                    if field.last == UInt8(ascii: "\r") { field.removeLast() }
                    row.fields.append(field)
                    return finish(row, size: size)
                } else {
                    if size <= maxRowSize { field.append(byte) }
                    state = .unquoted
                }
            case .quoted:
                if byte == quote { state = .afterQuote } else if size <= maxRowSize { field.append(byte) }
            case .afterQuote:
                if byte == quote {
                    if size <= maxRowSize { field.append(quote) }
                    state = .quoted
                } else if byte == delimiter {
                    row.fields.append(field)
                    field = []
                    state = .fieldStart
                } else if byte == UInt8(ascii: "\n") {
                    row.fields.append(field)
                    return finish(row, size: size)
                } else if byte != UInt8(ascii: "\r") {
                    row.problem = row.problem ?? "a quote inside a quoted field on line \(line) is not doubled"
                    if size <= maxRowSize { field.append(byte) }
                    state = .unquoted
                }
            }
            current = try self.byte()
        }
        // A row cut short by a stop is not a record: a resumed run reads it whole.
        if source.stopped { return nil }
        if state == .quoted {
            row.problem = "the quote opened on line \(quoteLine) never closes"
        }
        if field.last == UInt8(ascii: "\r"), state != .quoted { field.removeLast() }
        row.fields.append(field)
        return finish(row, size: size)
    }

    private func finish(_ row: Row, size: Int) -> Row {
        guard size > maxRowSize else { return row }
        var row = row
        row.fields = []
        row.oversize = size
        return row
    }

    private func byte() throws -> UInt8? {
        if position == end {
            guard !atEnd else { return nil }
            end = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            position = 0
            if end == 0 {
                atEnd = true
                return nil
            }
        }
        defer { position += 1 }
        return buffer[position]
    }
}
