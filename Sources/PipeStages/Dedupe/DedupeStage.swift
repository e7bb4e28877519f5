import PipeKit
import Synchronization

/// Drops exact duplicates: an article whose normalized body was seen before is counted as filtered.
///
/// The body is hashed with its whitespace collapsed; the stage remembers a 128-bit hash per
/// distinct body (16 bytes, whatever the article's length) and keeps the first article of each.
/// It runs in input order, so which copy is kept never depends on timing.
public struct DedupeStage: ConfigurableStage {
    /// What makes two articles duplicates.
    public enum Key: String, Sendable, CaseIterable, Decodable {
        /// The body alone.
        case body
        /// The title and the body.
        case titleAndBody = "title+body"
    }

    /// The options of `dedupe`.
    public struct Options: StageOptions {
        /// What is compared.
        public var key: Key = .body

        /// The defaults.
        public init() {}

        /// Every key.
        public static let fields: [OptionField] = [
            .oneOf("key", Key.self, default: .body, summary: "what must be equal: the body, or the title and the body"),
        ]

        enum CodingKeys: String, CodingKey { case key }

        /// Decodes the options.
        public init(from decoder: any Decoder) throws {
            key = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(Key.self, forKey: .key) ?? key
        }
    }

    /// `dedupe`.
    public static let name = "dedupe"
    /// One line for `pipe stages`.
    public static let summary = "Drop exact duplicates by a hash of the normalized body, keeping the first"
    /// The first copy must be the first in the input.
    public static let runsInOrder = true

    /// The options in force.
    public let options: Options
    private let seen = Seen()

    /// Creates the stage.
    public init(options: Options = Options(), setup: StageSetup) {
        self.options = options
    }

    /// Creates the stage outside a pipeline file.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Passes the first article with a given body and drops the later ones.
    public func process(_ article: Article, context: StageContext) async throws -> Article? {
        var hasher = ContentHash()
        if options.key == .titleAndBody {
            hasher.add(article.title)
            hasher.separate()
        }
        hasher.add(article.body)
        let hash = hasher.value
        return seen.set.withLock { $0.insert(hash).inserted } ? article : nil
    }

    /// The number of distinct bodies remembered.
    public var rememberedCount: Int { seen.set.withLock { $0.count } }

    private final class Seen: Sendable {
        let set = Mutex<Set<ContentHash.Value>>([])
    }
}

/// A 128-bit hash of text with runs of white space counted as one space and the ends trimmed.
///
/// Two SipHash states from the standard library, fed different prefixes, give the two halves.
/// They are seeded per process, which is all a run needs.
struct ContentHash {
    struct Value: Hashable, Sendable {
        let high: Int
        let low: Int
    }

    private var first = Hasher()
    private var second = Hasher()

    init() {
        first.combine(0x9E37_79B9)
        second.combine(0x85EB_CA6B)
    }

    mutating func add(_ text: String) {
        var collapsed: [UInt8] = []
        collapsed.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = !collapsed.isEmpty
                continue
            }
            if pendingSpace {
                collapsed.append(0x20)
                pendingSpace = false
            }
            collapsed.append(byte)
        }
        collapsed.withUnsafeBytes { bytes in
            first.combine(bytes: bytes)
            second.combine(bytes: bytes)
        }
        first.combine(collapsed.count)
        second.combine(collapsed.count)
    }

    mutating func separate() {
        first.combine(UInt8(0))
        second.combine(UInt8(0))
    }

    var value: Value {
        Value(high: first.finalize(), low: second.finalize())
    }
}
