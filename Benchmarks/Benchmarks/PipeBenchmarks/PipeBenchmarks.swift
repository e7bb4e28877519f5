import Benchmark
import Foundation
import PipeKit
import PipeStages

/// Real articles from the shared corpus (BBC, Syrian-war and US-election news), parsed and
/// normalized once and shared by the benchmarks.
///
/// Every benchmark handles one article per scaled iteration, cycling through the corpus, with
/// `scalingFactor: .kilo`: package-benchmark then reports time and mallocs per article.
let corpus: (raw: [RawRecord], articles: [Article]) = {
    // This file is Benchmarks/Benchmarks/PipeBenchmarks/PipeBenchmarks.swift in the repository,
    // and the corpus is ../shared/corpus beside it.
    var repository = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { repository.deleteLastPathComponent() }
    let shared = repository.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    var raw: [RawRecord] = []
    for source in ["bbc", "fa-kes", "polnear"] {
        let path = shared.appendingPathComponent("\(source)/articles.jsonl").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
        raw += text.split(separator: "\n").map {
            RawRecord(id: "", source: source, format: .jsonl, bytes: Array($0.utf8))
        }
    }
    if raw.isEmpty { print("../shared/corpus is absent: the benchmarks run on no articles") }
    let normalize = NormalizeStage()
    let articles = raw.compactMap { try? normalize.normalize(try ParseStage.parse($0)) }
    return (raw, articles)
}()

let context = StageContext(stageID: "bench", pipeline: "bench")

/// Time, throughput and allocations, reported per article.
func configuration() -> Benchmark.Configuration {
    .init(metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal], scalingFactor: .kilo, maxDuration: .seconds(3))
}

/// Registers a benchmark that runs `body` on one item per scaled iteration, cycling through `items`.
func perItem<Item: Sendable>(_ name: String, _ items: [Item], _ body: @escaping @Sendable (Item) async throws -> Void) {
    Benchmark(name, configuration: configuration()) { benchmark in
        guard !items.isEmpty else { return }
        for index in benchmark.scaledIterations {
            try await body(items[index % items.count])
        }
    }
}

let benchmarks: @Sendable () -> Void = {
    perItem("parse jsonl", corpus.raw) { blackHole(try ParseStage.parse($0)) }
    let parsed = corpus.raw.compactMap { try? ParseStage.parse($0) }
    let normalize = NormalizeStage()
    perItem("normalize", parsed) { blackHole(try normalize.normalize($0)) }
    let detector = LanguageDetector()
    perItem("language detection", corpus.articles) { blackHole(detector.detect($0.body)) }
    let translate = TranslateStubStage(translator: StubTranslator())
    perItem("translate-stub (detection + stub)", corpus.articles) {
        blackHole(try await translate.process($0, context: context))
    }
    for part in ["entities", "dates", "quotes", "keywords"] {
        var options = ExtractStage.Options()
        options.entities = part == "entities" ? .rules : .off
        options.dates = part == "dates"
        options.quotes = part == "quotes"
        options.keywords = part == "keywords" ? 8 : 0
        let stage = try! ExtractStage(options: options)
        perItem("extract \(part)", corpus.articles) { blackHole(stage.extract($0)) }
    }
    // Everything on, entities by rules as in Benchmarks/throughput.yaml; then with the trained
    // tagger, the stage's default.
    var rules = ExtractStage.Options()
    rules.entities = .rules
    let all = try! ExtractStage(options: rules)
    perItem("extract all (rules)", corpus.articles) { blackHole(all.extract($0)) }
    let tagged = try! ExtractStage()
    perItem("extract all (trained tagger)", corpus.articles) { blackHole(tagged.extract($0)) }
    perItem("JSON encoding", corpus.articles) { blackHole($0.jsonLine) }
    // The stages the throughput pipeline leaves out, which `Pipelines/syria.yaml` and other
    // pipelines use: the `dated-text` input, `dedupe`, and the CSV and Markdown exports (SQLite
    // writes to a file; `Docs/Performance.md` measures it end to end).
    let datedText = corpus.articles.map { article in
        let header = " date \(article.date?.description ?? "2024-01-01") \(article.url ?? "https://example.invalid/a")"
        let text = header + "\n\n" + article.title + "\n\n" + article.title + "\n\n" + article.body + "\n"
        return RawRecord(id: article.id, source: article.source, format: .datedText, bytes: Array(text.utf8))
    }
    perItem("parse dated-text", datedText) { blackHole(try ParseStage.parse($0)) }
    // Every article new to `dedupe`: its body is hashed and remembered (the corpus holds no
    // duplicates, and each round sees them again, as duplicates, after the first).
    let dedupe = DedupeStage()
    perItem("dedupe", corpus.articles) { blackHole(try await dedupe.process($0, context: context)) }
    for format in [ExportStage.Format.csv, .markdown] {
        let export = try! ExportStage(options: .init(format: format, path: "unused"))
        perItem("export \(format.rawValue) encoding", corpus.articles) { blackHole(export.encode([$0], context: context)) }
    }
}
