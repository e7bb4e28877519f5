import Foundation
import PipeKit
import Synchronization
@testable import PipeStages
import Testing

@Suite("CoNLLReader")
struct CoNLLReaderTests {
    @Test func iob1BecomesBIO() throws {
        let text = """
            -DOCSTART- -X- -X- O

            EU NNP I-NP I-ORG
            rejects VBZ I-VP O
            German JJ I-NP I-MISC
            call NN I-NP O

            Peter NNP I-NP I-PER
            Blackburn NNP I-NP I-PER
            Jones NNP I-NP B-PER
            in IN I-PP O
            """
        let sentences = try CoNLLReader.sentences(in: text)
        #expect(sentences.map(\.words) == [["EU", "rejects", "German", "call"], ["Peter", "Blackburn", "Jones", "in"]])
        #expect(sentences.map { $0.tags.map(\.description) } == [["B-ORG", "O", "B-MISC", "O"], ["B-PER", "I-PER", "B-PER", "O"]])
        #expect(CoNLLReader.entities(of: sentences[1].tags).map(\.range) == [0..<2, 2..<3])
    }

    @Test func aLineWithAnUnknownTagIsAnErrorWithItsNumber() {
        let problem = #expect(throws: CoNLLReader.Problem.self) { try CoNLLReader.sentences(in: "EU NNP I-NP I-ORG\nx y z I-CITY\n") }
        #expect(problem?.description.hasPrefix("line 2: expected `word POS chunk TAG`") == true)
    }
}

@Suite("EntityTagger")
struct EntityTaggerTests {
    /// A small world where capitalised words after `Mr` are people and after `in` places.
    static let training: [CoNLLReader.Sentence] = {
        let people = ["Smith", "Jones", "Brown", "Taylor", "Wilson", "Evans"]
        let places = ["Paris", "Rome", "Oslo", "Lima", "Cairo", "Delhi"]
        var sentences: [CoNLLReader.Sentence] = []
        for (index, person) in people.enumerated() {
            let place = places[(index * 5) % places.count]
            sentences.append(CoNLLReader.Sentence(
                words: ["Mr", person, "lives", "in", place, "."],
                tags: [.outside, EntityTag(.person, isInside: false), .outside, .outside, EntityTag(.location, isInside: false), .outside]))
        }
        return sentences
    }()

    @Test func learnsASmallWorldAndTrainsTheSameWayForASeed() {
        let first = EntityTagger.train(Self.training, epochs: 5, seed: 7, bits: 12)
        let second = EntityTagger.train(Self.training, epochs: 5, seed: 7, bits: 12)
        #expect(first.weights == second.weights)
        let tags = first.tags(["Mr", "Jones", "lives", "in", "Rome", "."])
        #expect(tags.map(\.description) == ["O", "B-PER", "O", "O", "B-LOC", "O"])
        #expect(first.score(Self.training).f1 == 1)
    }

    @Test func aModelFileReadsBackToTheSameTags() throws {
        let tagger = EntityTagger.train(Self.training, epochs: 3, seed: 1, bits: 12)
        let read = try EntityTagger(fileData: tagger.fileData())
        for sentence in Self.training { #expect(read.tags(sentence.words) == tagger.tags(sentence.words)) }
    }

    @Test(arguments: [
        ("not a model", "not a Pipe entity model"),
        ("PIPE-NER 9\n{}\n", "a model of format 9; this pipe reads format 2"),
        ("PIPE-NER 2\n{\"bits\": 12}\n", "the model's header is damaged"),
    ])
    func unreadableFilesAreRefusedWithAReason(text: String, reason: String) {
        #expect(throws: ModelFileError.self) { try EntityTagger(fileData: Data(text.utf8)) }
        do {
            _ = try EntityTagger(fileData: Data(text.utf8))
        } catch {
            #expect("\(error)".contains(reason))
        }
    }

    @Test func aModelCutShortIsRefused() throws {
        let data = EntityTagger.train(Self.training, epochs: 1, seed: 1, bits: 12).fileData()
        #expect(throws: ModelFileError.self) { try EntityTagger(fileData: data.dropLast(3)) }
    }

    /// Buckets must come in increasing order, as `fileData()` writes them: two records of one
    /// bucket, or a later bucket before an earlier one, is a damaged file.
    @Test func bucketsOutOfOrderAreRefused() throws {
        var data = Data("PIPE-NER 2\n{\"bits\":12,\"scale\":1,\"tags\":[\"O\",\"B-PER\",\"I-PER\",\"B-ORG\",\"I-ORG\",\"B-LOC\",\"I-LOC\",\"B-MISC\",\"I-MISC\"],\"buckets\":2}\n".utf8)
        for bucket in [UInt32(7), 3] {
            withUnsafeBytes(of: bucket.littleEndian) { data.append(contentsOf: $0) }
            for _ in 0..<EntityTag.count { withUnsafeBytes(of: Int16(1).littleEndian) { data.append(contentsOf: $0) } }
        }
        #expect { try EntityTagger(fileData: data) } throws: { "\($0)".contains("out of order") }
    }

    /// The weights are kept as the file keeps them: reading a model and writing it gives its bytes back.
    @Test func theShippedModelWritesBackToItsOwnBytes() throws {
        let url = try #require(EntityTagger.shippedModelURL)
        let data = try Data(contentsOf: url)
        #expect(try EntityTagger(fileData: data).fileData() == data)
    }

    @Test func theShippedModelLoadsAndFindsNames() throws {
        let tagger = try EntityTagger.shipped.get()
        let tags = tagger.tags(["German", "Chancellor", "Helmut", "Kohl", "met", "officials", "in", "Paris", "on", "Monday", "."])
        let entities = CoNLLReader.entities(of: tags).map { "\($0.type):\($0.range)" }
        #expect(entities.contains("person:2..<4"))
        #expect(entities.contains("location:7..<8"))
    }
}

@Suite("extract with the entity model")
struct ExtractWithModelTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus/conll2003")

    func loader() -> PipelineLoader { PipelineLoader(registry: BuiltinStages.registry) }

    @Test func aModelThatCannotBeReadIsAnErrorAtTheOption() throws {
        let yaml = "input: {path: x}\nstages:\n  - type: parse\n  - type: extract\n    options: {entities: {model: no/such.pipemodel}}\n"
        let error = try #require(throws: PipelineFileError.self) { _ = try loader().load(yaml: yaml, file: "m.yaml") }
        let diagnostic = try #require(error.diagnostics.first)
        #expect(diagnostic.message.contains("cannot read the entity model"))
        #expect(diagnostic.location?.line == 5)
    }

    @Test func theTrainedModelFindsTheEntitiesOfAnArticle() throws {
        var options = ExtractStage.Options()
        options.entities = .model(path: nil)
        let article = try NormalizeStage().normalize(Article(id: "a", source: "s", title: "T", body: """
            German Chancellor Helmut Kohl said on Monday that the European Union would meet in Brussels. \
            Kohl's spokesman declined to comment.
            """))
        let entities = try ExtractStage(options: options).extract(article).entities ?? []
        let found = Set(entities.map { "\($0.type.rawValue):\($0.text)" })
        #expect(found.isSuperset(of: ["person:Helmut Kohl", "organization:European Union", "location:Brussels"]))
        #expect(entities.first { $0.text == "Kohl" }?.spans.count == 1)
        // Every span is the entity's text in the body, counted in Unicode scalars.
        for entity in entities {
            for span in entity.spans { #expect(span.text(in: article.body) == entity.text) }
        }
    }

    @Test func spansCountUnicodeScalarsInBodiesThatAreNotASCII() throws {
        var options = ExtractStage.Options()
        options.entities = .model(path: nil)
        let article = try NormalizeStage().normalize(Article(id: "a", source: "s", title: "T", body: """
            Café owners in Zürich said on Tuesday that Helmut Kohl and Recep Tayyip Erdoğan had met in Genève.
            """))
        let entities = try ExtractStage(options: options).extract(article).entities ?? []
        #expect(entities.contains { $0.text == "Helmut Kohl" && $0.type == .person })
        for entity in entities {
            for span in entity.spans { #expect(span.text(in: article.body) == entity.text) }
        }
    }

    /// The shipped model on the CoNLL-2003 development articles, scored as `ner_score.py` does:
    /// per article, the multiset of (type, text) mentions.
    @Test(Fixtures.needsCorpus) func theShippedModelHoldsItsDocumentedF1OnTheDevelopmentArticles() async throws {
        let articles = Self.corpus.appendingPathComponent("articles.jsonl").path
        let gold = Self.corpus.appendingPathComponent("ner/entities.jsonl").path
        try #require(FileManager.default.fileExists(atPath: articles) && FileManager.default.fileExists(atPath: gold),
                     "../shared/corpus/conll2003 is absent")
        let yaml = """
            input: {path: \(articles), format: jsonl}
            checkpoint: false
            stages:
              - type: parse
              - type: normalize
              - type: extract
                options: {entities: {model: ner-en}, dates: false, quotes: false, keywords: 0}
            """
        let found = Mutex<[String: [String: Int]]>([:])
        _ = try await loader().load(yaml: yaml, file: "conll.yaml").run { item in
            guard let article = item as? Article else { return }
            found.withLock { found in
                for entity in article.entities ?? [] {
                    found[article.id, default: [:]]["\(entity.type.rawValue)|\(entity.text)", default: 0] += entity.spans.count
                }
            }
        }
        let predicted = found.withLock { $0 }
        let types = ["PER": "person", "ORG": "organization", "LOC": "location", "MISC": "misc"]
        var truePositives = 0, falsePositives = 0, falseNegatives = 0
        for line in try String(contentsOfFile: gold, encoding: .utf8).split(separator: "\n") {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let id = try #require(record["id"] as? String)
            var expected: [String: Int] = [:]
            for case let entity as [String: Any] in record["entities"] as? [Any] ?? [] where entity["field"] as? String == "body" {
                let text = (entity["text"] as? String ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
                expected["\(types[entity["type"] as? String ?? ""] ?? "")|\(text)", default: 0] += 1
            }
            let guessed = predicted[id] ?? [:]
            for key in Set(expected.keys).union(guessed.keys) {
                let common = min(expected[key] ?? 0, guessed[key] ?? 0)
                truePositives += common
                falsePositives += (guessed[key] ?? 0) - common
                falseNegatives += (expected[key] ?? 0) - common
            }
        }
        let precision = Double(truePositives) / Double(truePositives + falsePositives)
        let recall = Double(truePositives) / Double(truePositives + falseNegatives)
        let f1 = 2 * precision * recall / (precision + recall)
        // Docs/Quality.md states 0.852; held at that minus 0.005, as Scripts/quality.sh holds it.
        #expect(f1 >= 0.847, "entity F1 \(f1) on the CoNLL-2003 development articles")
        print("entity F1 on the CoNLL-2003 development articles: \(f1)")
    }
}
