import FuzzSupport
import PipeKit
import PipeStages

/// Any valid text as a title and body: normalize, then tokenization and every extractor, must
/// not crash, and the spans they give must lie inside the body.
@main
struct FuzzNormalize {
    static func main() {
        // Built once, with `try!`: a model that failed to load must stop the fuzzer, not skip
        // every input.
        let normalizers = [NormalizeStage.UnicodeForm.nfc, .nfkc].map { unicode in
            var options = NormalizeStage.Options()
            options.unicode = unicode
            return try! NormalizeStage(options: options)
        }
        let extract = try! ExtractStage()
        runFuzzer { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            let split = text.firstIndex(of: "\n") ?? text.startIndex
            let article = Article(id: "fuzz", source: "fuzz", date: CalendarDate(year: 2024, month: 12, day: 8),
                                  title: String(text[..<split]), body: String(text[split...]))
            for normalizer in normalizers {
                // A text that normalizes to nothing is an error for that article, not a crash.
                guard let normalized = try? normalizer.normalize(article) else { continue }
                let length = normalized.body.unicodeScalars.count
                let extracted = extract.extract(normalized)
                let spans = (normalized.paragraphs + normalized.sentences)
                    + (extracted.entities ?? []).flatMap(\.spans) + (extracted.quotes ?? []).map(\.span)
                    + (extracted.dates ?? []).compactMap(\.span)
                if let bad = spans.first(where: { $0.start < 0 || $0.end > length || $0.start > $0.end }) {
                    fatalError("span \(bad) outside a body of \(length) scalars")
                }
            }
        }
    }
}
