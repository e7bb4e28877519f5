import Foundation
import PipeKit

extension EntityTagger {
    /// The first line of a model file.
    static let magic = "PIPE-NER"
    /// The version of the file format and of the features (``TaggerFeatures``); a file of
    /// another version is refused.
    static let formatVersion = 2

    /// The model as a file: a text header, then the weights of every bucket that has one, each
    /// weight a 16-bit integer scaled by the header's `scale`.
    ///
    /// ```
    /// PIPE-NER 1
    /// {"bits":20,"scale":…,"tags":["O","B-PER",…],"buckets":…}
    /// <UInt32 bucket, 9 × Int16> …   (little-endian)
    /// ```
    public func fileData() -> Data {
        let scale = weights.scale
        var body = Data()
        var buckets = 0
        for bucket in weights.buckets {
            guard let row = weights.weights(of: bucket) else { continue }
            buckets += 1
            withUnsafeBytes(of: UInt32(bucket).littleEndian) { body.append(contentsOf: $0) }
            for value in row { withUnsafeBytes(of: value.littleEndian) { body.append(contentsOf: $0) } }
        }
        let tagNames = EntityTag.all.map { "\"\($0)\"" }.joined(separator: ",")
        let header = "\(Self.magic) \(Self.formatVersion)\n{\"bits\":\(weights.bits),\"scale\":\(scale),\"tags\":[\(tagNames)],\"buckets\":\(buckets)}\n"
        return Data(header.utf8) + body
    }

    /// Reads a model written by ``fileData()``.
    public init(fileData data: Data) throws {
        let bytes = [UInt8](data)
        func line(from start: Int) -> (text: String, next: Int)? {
            guard let end = bytes[start...].firstIndex(of: 0x0A) else { return nil }
            return (String(decoding: bytes[start..<end], as: UTF8.self), end + 1)
        }
        guard let first = line(from: 0), first.text.hasPrefix(Self.magic + " ") else {
            throw ModelFileError(description: "not a Pipe entity model (it does not start with `\(Self.magic)`)")
        }
        guard Int(first.text.dropFirst(Self.magic.count + 1)) == Self.formatVersion else {
            throw ModelFileError(description: "a model of format \(first.text.dropFirst(Self.magic.count + 1)); this pipe reads format \(Self.formatVersion): train it again with `pipe train ner`")
        }
        struct Header: Decodable {
            var bits: Int
            var scale: Float
            var tags: [String]
            var buckets: Int
        }
        guard let second = line(from: first.next),
              let header = try? JSONDecoder().decode(Header.self, from: Data(second.text.utf8)),
              (8...24).contains(header.bits), header.tags == EntityTag.all.map(\.description) else {
            throw ModelFileError(description: "the model's header is damaged")
        }
        let tags = EntityTag.count
        let record = 4 + 2 * tags
        guard bytes.count - second.next == header.buckets * record else {
            throw ModelFileError(description: "the model is cut short or damaged (\(bytes.count - second.next) bytes of weights, expected \(header.buckets * record))")
        }
        // The buckets are read in file order, which ``fileData()`` writes increasing; a file
        // that does not is refused, as a damaged one.
        var rows: [(bucket: Int, weights: ArraySlice<Int16>)] = []
        rows.reserveCapacity(header.buckets)
        try bytes.withUnsafeBytes { raw in
            var offset = second.next
            for _ in 0..<header.buckets {
                let bucket = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
                guard bucket < 1 << header.bits else { throw ModelFileError(description: "the model names a bucket out of range") }
                guard bucket > (rows.last?.bucket ?? -1) else { throw ModelFileError(description: "the model's buckets are out of order") }
                offset += 4
                let row = (0..<tags).map { tag in
                    Int16(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 2 * tag, as: Int16.self))
                }
                offset += 2 * tags
                rows.append((bucket, row[...]))
            }
        }
        self.init(weights: TaggerWeights(bits: header.bits, scale: header.scale, buckets: rows))
    }
}
