// Runs one part of Pipe's work over corpus articles, for `Benchmarks/instructions.sh` to count
// its instructions under callgrind: exact counts, where timings on these machines vary by 5–10%.
//
// usage: PipeInstructions PART [ARTICLES [REPEAT]]
//   PART: parse, normalize, detect, tokens, entities, dates, quotes, keywords, extract, json
//   (json: the JSON Lines encoding of articles with entities, dates, quotations and keywords)
//   ARTICLES: how many articles, taken in turn from each corpus source (500 by default)
//   REPEAT: run over the articles this many times and print the time an article took, for
//   comparing two versions where instruction counts miss a cost (atomic reference counting)
// `pipe` itself cannot run under valgrind (it stops in the signal handling at start-up), so the
// stages are called directly, as the micro-benchmarks call them.
import Foundation
import PipeKit
import PipeStages

let parts = ["parse", "normalize", "detect", "tokens", "entities", "dates", "quotes", "keywords", "extract", "json"]
let arguments = CommandLine.arguments.dropFirst()
guard let part = arguments.first, parts.contains(part) else {
    print("usage: PipeInstructions PART [ARTICLES]; PART is one of \(parts.joined(separator: ", "))")
    exit(2)
}
let wanted = arguments.dropFirst().first.flatMap { Int($0) } ?? 500
let repeats = arguments.dropFirst(2).first.flatMap { Int($0) }

/// The corpus articles as raw records, in turn from each source: ../shared/corpus beside the repository.
func corpusRecords(count: Int) -> [RawRecord] {
    var repository = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { repository.deleteLastPathComponent() }
    let shared = repository.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    let sources = ["bbc", "fa-kes", "polnear"].map { source in
        let path = shared.appendingPathComponent("\(source)/articles.jsonl").path
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { RawRecord(id: "", source: source, format: .jsonl, bytes: Array($0.utf8)) }
    }
    var records: [RawRecord] = []
    var index = 0
    while records.count < count, sources.contains(where: { index < $0.count }) {
        for source in sources where index < source.count && records.count < count { records.append(source[index]) }
        index += 1
    }
    return records
}

let records = corpusRecords(count: wanted)
guard !records.isEmpty else {
    print("../shared/corpus is absent: nothing to measure")
    exit(0)
}
let normalize = NormalizeStage()
let parsed = records.compactMap { try? ParseStage.parse($0) }
let articles = parsed.compactMap { try? normalize.normalize($0) }
var options = ExtractStage.Options()
options.entities = ["entities", "extract"].contains(part) ? .rules : .off
options.dates = ["dates", "extract"].contains(part)
options.quotes = ["quotes", "extract"].contains(part)
options.keywords = ["keywords", "extract"].contains(part) ? 8 : 0
let extract = try ExtractStage(options: options)
let detector = LanguageDetector()
// JSON encoding is measured on articles with everything found and translated, as export writes
// them after `translate-stub` (an English article's translation is its own title and body).
var everything = ExtractStage.Options()
everything.entities = .rules
let annotated: [Article] = part == "json" ? try articles.map { article -> Article in
    var article = try ExtractStage(options: everything).extract(article)
    let detected = detector.detect(title: article.title, body: article.body)
    article.language = detected.language
    article.languageConfidence = detected.confidence
    article.translation = Translation(from: detected.language, to: "en", backend: "stub", title: article.title, body: article.body)
    return article
} : []

/// Runs the part once over every article; callgrind counts only what runs inside it.
@inline(never)
func measure() throws -> Int {
    var sink = 0
    switch part {
    case "parse": for record in records { sink &+= try ParseStage.parse(record).body.utf8.count }
    case "normalize": for article in parsed { sink &+= try normalize.normalize(article).body.utf8.count }
    case "detect": for article in articles { sink &+= detector.detect(article.body).language.utf8.count }
    case "json":
        for article in annotated {
            var writer = JSONWriter(capacity: 1 << 14)
            article.writeJSON(into: &writer)
            sink &+= writer.withBytes { $0.count }
        }
    default:
        for article in articles {
            let found = extract.extract(article)
            sink &+= (found.entities?.count ?? 0) + (found.dates?.count ?? 0) + (found.quotes?.count ?? 0) + (found.keywords?.count ?? 0)
        }
    }
    return sink
}

// One article first, so that one-time set-up (word tables, language profiles) is not counted.
_ = articles.first.map { (extract.extract($0), detector.detect($0.body), $0.jsonLine) }
let bytes = articles.reduce(0) { $0 + $1.body.utf8.count }
let sink = try measure()
print("\(part): \(articles.count) articles, \(bytes) body bytes (result \(sink))")
if let repeats, repeats > 0 {
    let clock = ContinuousClock()
    let elapsed = try clock.measure { for _ in 0..<repeats { _ = try measure() } }
    let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
    print("\(part): \(Int(nanoseconds / Double(repeats * articles.count))) ns an article (\(repeats) runs)")
}
