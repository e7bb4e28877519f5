/// One share of a pipeline's input, `index` of `count`, that a machine runs on its own before
/// `pipe merge` combines the shares' outputs into what one run would have written.
///
/// The share is the same on every machine and in every run:
/// - an input of several files is shared by file: a file belongs to the shard given by a stable
///   hash (``StableHash``) of its path below the input root, whole;
/// - an input of one file (or standard input) is shared by record: record `r`, counting from 0 in
///   the file, belongs to shard `r mod count`.
///
/// Each shard writes its outputs under a suffix (``path(for:)``), keeps its checkpoints in a
/// folder of its own (``label``), and leaves a ``ShardMarker`` when it completes.
public struct Shard: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The shard's index, counting from 0.
    public let index: Int
    /// How many shards the input is split into.
    public let count: Int

    /// The most shards a run may be split into.
    public static let maximumCount = 9999

    /// Creates a shard.
    ///
    /// - Throws: ``PipeError`` with code `shard` when `count` is not between 1 and
    ///   ``maximumCount`` or `index` not below it.
    public init(index: Int, count: Int) throws {
        guard (1...Self.maximumCount).contains(count) else {
            throw PipeError(.shard, "a run can be split into 1 to \(Self.maximumCount) shards, not \(count)",
                            hint: "give a count between 1 and \(Self.maximumCount)")
        }
        guard (0..<count).contains(index) else {
            throw PipeError(.shard, "shard \(index) does not exist among \(count) shards: indexes count from 0 to \(count - 1)",
                            hint: "give an index below the count, for example `--shard 0/\(count)`")
        }
        self.index = index
        self.count = count
    }

    /// Reads `I/N`, as `--shard` takes it.
    ///
    /// - Throws: ``PipeError`` with code `shard` when the text is not two whole numbers, or they
    ///   name no shard.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw PipeError(.shard, "`--shard` expects INDEX/COUNT, counting from 0, got `\(text)`",
                            hint: "write `--shard 3/16` for the fourth of sixteen shards, or `--shard none`")
        }
        try self.init(index: index, count: count)
    }

    /// Reads a shard written by `encode(to:)`, checking it as ``init(index:count:)`` does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(index: container.decode(Int.self, forKey: .index), count: container.decode(Int.self, forKey: .count))
    }

    /// `3/16`.
    public var description: String { "\(index)/\(count)" }

    /// `shard-0003-of-0016`: the suffix of the shard's outputs and the name of its checkpoint folder.
    public var label: String { "shard-" + Self.padded(index) + "-of-" + Self.padded(count) }

    /// The shard a ``label`` names; nil for another text.
    public init?(label: String) {
        let parts = label.split(separator: "-")
        guard parts.count == 4, parts[0] == "shard", parts[2] == "of", parts[1].count >= 4, parts[3].count >= 4,
              let index = Int(parts[1]), let count = Int(parts[3]), let shard = try? Shard(index: index, count: count),
              shard.label == label else { return nil }
        self = shard
    }

    private static func padded(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The path the shard writes for `path`: the label before the extension,
    /// `out/syria.jsonl` → `out/syria.shard-0003-of-0016.jsonl`. A dead-letter file keeps its
    /// `.dead-letter.jsonl` ending, so that it can still be replayed.
    public func path(for path: String) -> String {
        let ending = Self.deadLetterEnding
        if path.hasSuffix(ending), PathParts.name(path).count > ending.count {
            return String(path.dropLast(ending.count)) + "." + label + ending
        }
        let stem = PathParts.droppingExtension(path)
        return stem + "." + label + path.dropFirst(stem.count)
    }

    private static let deadLetterEnding = ".dead-letter.jsonl"

    /// Whether the file at `relativePath` below the input root belongs to this shard.
    public func owns(file relativePath: String) -> Bool {
        var hash = StableHash()
        hash.add(relativePath)
        return Int(hash.value % UInt128(count)) == index
    }

    /// Whether record `ordinal` of a single input file belongs to this shard.
    public func owns(record ordinal: Int) -> Bool { ordinal % count == index }
}
