/// The records of one input file, cut as its format says: lines (`jsonl`, and dead-letter files
/// in any format), rows (`csv`, `tsv`), the elements of a JSON document (`json`), or the whole
/// file (`dated-text`, `text`).
///
/// Reading never throws: when the rest of a file cannot be read (corrupt compressed data, a
/// failing disk), one record with the problem says so, and the file ends there.
final class FileRecords {
    private enum Cut {
        case lines(LineReader, deadLetters: Bool)
        case rows(CSVRecords)
        case warc(WARCRecords)
        case feed(FeedRecords)
        /// The records still to give, last first.
        case records([RawRecord])
        case whole
        case done
    }

    private let source: any ByteSource
    private let file: String
    /// The id of a whole-file record, and the part before `:LINE` of the others.
    private let id: String
    private let spec: InputSpec
    private var cut: Cut

    /// Reads `source`, the bytes of `file`, whose records are named after `id`.
    init(source: any ByteSource, file: String, id: String, spec: InputSpec) {
        self.source = source
        self.file = file
        self.id = id
        self.spec = spec
        let limit = spec.maxRecordSize.bytes
        if spec.format == .jsonl || InputReader.isDeadLetterFile(file) {
            cut = .lines(LineReader(source: source, maxLineSize: limit), deadLetters: InputReader.isDeadLetterFile(file))
        } else if spec.format == .csv || spec.format == .tsv {
            cut = .rows(CSVRecords(source: source, file: file, id: id, format: spec.format, delimiter: spec.delimiter, maxRowSize: limit))
        } else if spec.format == .warc {
            cut = .warc(WARCRecords(source: source, file: file, id: id, maxRecordSize: limit))
        } else if spec.format == .feed {
            cut = .feed(FeedRecords(source: source, file: file, id: id, maxRecordSize: limit))
        } else {
            cut = .whole
        }
    }

    /// The next record, or nil at the end of the file.
    func next() -> RawRecord? {
        do {
            return try read()
        } catch {
            let line = if case .lines(let lines, _) = cut { ":\(lines.lineNumber + 1)" } else { "" }
            cut = .done
            return RawRecord(id: id + line, source: file, format: spec.format, bytes: [], problem: Self.problem(error))
        }
    }

    private func read() throws -> RawRecord? {
        switch cut {
        case .lines(let lines, let deadLetters):
            while let line = try lines.next() {
                if line.oversize == nil, line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                let record = RawRecord(id: id + ":\(lines.lineNumber)", source: file, format: spec.format, bytes: line.bytes,
                                       problem: line.oversize.map { .tooLarge(size: $0) })
                return deadLetters ? DeadLetterReplay.record(from: record) : record
            }
            return nil
        case .rows(let rows):
            return try rows.next()
        case .warc(let records):
            return try records.next()
        case .feed(let records):
            return try records.next()
        case .records(var records):
            defer { cut = .records(records) }
            return records.popLast()
        case .whole:
            cut = .done
            let (bytes, oversize) = try Self.readAll(source, limit: spec.maxRecordSize.bytes)
            if spec.format == .json, oversize == nil {
                cut = .records(JSONDocumentRecords.records(of: bytes, file: file, id: id, path: spec.recordsPath).reversed())
                return try read()
            }
            return RawRecord(id: id, source: file, format: spec.format, bytes: bytes, problem: oversize.map { .tooLarge(size: $0) })
        case .done:
            return nil
        }
    }

    /// What went wrong reading a file, for `parse` to report: the system's reason for a read
    /// that failed, the error itself for data that cannot be decoded.
    static func problem(_ error: any Error) -> RawRecord.Problem {
        guard let error = error as? PipeError, error.code != .io else {
            return .unreadable(reason: (error as? PipeError)?.message ?? "\(error)")
        }
        return .damaged(error)
    }

    /// A whole file (or standard input) as one record; past `limit` bytes, only its first
    /// bytes and its size (compressed input stops there with an error instead).
    private static func readAll(_ source: any ByteSource, limit: Int) throws -> (bytes: [UInt8], oversize: Int?) {
        var bytes: [UInt8] = []
        var size = 0
        var block = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = try block.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { break }
            if let compression = source.compression, size + count > limit {
                throw compression.recordTooLarge(limit: limit)
            }
            size += count
            // Past the limit only the first bytes are kept, and the rest is read and counted.
            if bytes.count < limit + 1 { bytes.append(contentsOf: block[..<Swift.min(count, limit + 1 - bytes.count)]) }
        }
        guard size > limit else { return (bytes, nil) }
        return (Array(bytes.prefix(RawRecord.oversizePrefix)), size)
    }
}
