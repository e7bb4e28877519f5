/// The records of one WARC file (1.0 or 1.1; a `.warc.gz` of gzip members, one per record as
/// Common Crawl writes them, is decompressed as it is read), each a ``RawRecord`` with the id
/// `FILE:N` for the file's Nth record.
///
/// A `response` or `resource` record whose payload is a web page gives its record decoded
/// (``WARCPayload``): the HTTP body de-chunked and decompressed, the page in UTF-8. Every other
/// record gives its header alone, which `parse` counts as filtered. A damaged record (a header
/// that cannot be read, a `Content-Length` that does not end where the record does, a body that
/// cannot be decoded) is a record with a problem, and reading goes on at the next line that starts
/// a record: with a `Content-Length` that runs past the record, from the start of its block.
final class WARCRecords {
    private let reader: PushbackReader
    private let file: String
    private let id: String
    private let maxRecordSize: Int
    /// How many records were read.
    private var count = 0
    /// Whether the file cannot be read on.
    private var ended = false

    /// The longest header line read; a longer one is damage.
    static let maxLineLength = 1 << 16
    /// The most header lines of one record.
    static let maxHeaderLines = 1024

    init(source: any ByteSource, file: String, id: String, maxRecordSize: Int) {
        reader = PushbackReader(source: source)
        self.file = file
        self.id = id
        self.maxRecordSize = maxRecordSize
    }

    /// The next record, nil at the end of the file. When the file cannot be read on (it cannot
    /// be read, or its compressed data is corrupt, ends early, or decompresses to a record larger
    /// than `max_record_size`), the record being read says why, and the file ends there.
    func next() throws -> RawRecord? {
        guard !ended else { return nil }
        // Records are separated by an empty line pair; more empty lines are tolerated, as warcio does.
        var line: [UInt8]
        repeat {
            guard let next = try reader.readLine(limit: Self.maxLineLength) else { return nil }
            line = next
        } while line.isEmpty
        count += 1
        let start = reader.offset
        let record = RawRecord(id: "\(id):\(count)", source: file, format: .warc, bytes: [])
        do {
            return try read(firstLine: line, record: record)
        } catch let damage as Damage {
            var message = "WARC record \(count) (near byte \(start)) \(damage.message)"
            do {
                if damage.resync { try resynchronize() }
            } catch {
                ended = true
                message += ", and the file cannot be read past it: \((error as? PipeError)?.message ?? "\(error)")"
            }
            return record.malformed(message, hint: damage.hint)
        } catch {
            ended = true
            return record.with(FileRecords.problem(error))
        }
    }

    /// What is wrong with a record, and whether its bytes are skipped to the next record.
    private struct Damage: Error {
        var message: String
        var hint: String? = "the other records were read; check the file with `warcio check FILE` or `warcio index FILE`"
        var resync = true
    }

    private func read(firstLine: [UInt8], record: RawRecord) throws -> RawRecord {
        let version = String(decoding: firstLine, as: UTF8.self)
        guard version == "WARC/1.0" || version == "WARC/1.1" else {
            throw Damage(message: "does not start with `WARC/1.0` or `WARC/1.1` but with `\(version.prefix(40))`")
        }
        let header = try readHeader(version: version)
        guard let lengthText = header["Content-Length"], let length = Int(lengthText), length >= 0 else {
            throw Damage(message: "has no valid `Content-Length` (`\(header["Content-Length"] ?? "")`)")
        }
        if let compression = reader.compression, length > maxRecordSize {
            throw compression.recordTooLarge(limit: maxRecordSize)
        }
        let block = try reader.read(Swift.min(length, maxRecordSize))
        let skipped = length > block.count ? try reader.skip(length - block.count) : 0
        guard block.count + skipped == length else {
            reader.unread(block)
            throw Damage(message: "ends after \(block.count + skipped) bytes of the \(length) its `Content-Length` gives")
        }
        let end = try reader.read(4)
        guard end.starts(with: [0x0D, 0x0A, 0x0D, 0x0A]) || end.starts(with: [0x0A, 0x0A]) else {
            reader.unread(end)
            reader.unread(block)
            throw Damage(message: "does not end where its `Content-Length` (\(length)) says")
        }
        if end.starts(with: [0x0A, 0x0A]) { reader.unread(Array(end.dropFirst(2))) }
        guard skipped == 0 else {
            let cut = record.with(.tooLarge(size: length))
            return WARCPayload.isPage(header: header, block: block[...]) ? cut : filtered(header, record: record)
        }
        do {
            guard let payload = try WARCPayload.decoded(header: header, block: block, limit: maxRecordSize) else {
                return filtered(header, record: record)
            }
            var result = record
            result.bytes = payload
            return result
        } catch let error as PipeError {
            throw Damage(message: error.message, hint: error.hint, resync: false)
        }
    }

    /// The header's lines up to the empty line that ends it.
    private func readHeader(version: String) throws -> MessageHeader {
        var lines: [[UInt8]] = []
        while true {
            guard let line = try reader.readLine(limit: Self.maxLineLength) else {
                throw Damage(message: "ends inside its header", resync: false)
            }
            if line.isEmpty { break }
            guard lines.count < Self.maxHeaderLines, line.count < Self.maxLineLength else {
                throw Damage(message: "has a header longer than \(Self.maxHeaderLines) lines of \(Self.maxLineLength) bytes")
            }
            lines.append(line)
        }
        guard let header = MessageHeader(firstLine: version, lines: lines) else {
            reader.unread(Array(lines.joined(separator: [0x0A])) + [0x0A, 0x0A])
            throw Damage(message: "has a header line that is not `Name: value`")
        }
        return header
    }

    /// A record that is no article: its header alone, which `parse` counts as filtered.
    private func filtered(_ header: MessageHeader, record: RawRecord) -> RawRecord {
        var header = header
        header["Content-Length"] = "0"
        var result = record
        result.bytes = header.bytes
        return result
    }

    /// Reads past the bytes of a damaged record to the next line that starts a record.
    private func resynchronize() throws {
        while let line = try reader.readLine(limit: Self.maxLineLength) {
            if line.starts(with: Array("WARC/1.".utf8)), line.count <= 9 {
                reader.unread(line + [0x0D, 0x0A])
                return
            }
        }
    }
}
