import Foundation
import PipeKit
import PipeStages
import Testing

@Suite("TranslateStubStage")
struct TranslateStubStageTests {
    let stage = try! TranslateStubStage(options: .init(), setup: StageSetup(pipeline: "t", stageID: "translate-stub"))

    func translate(_ title: String, _ body: String) async throws -> Article {
        try #require(try await stage.process(Article(id: "a", source: "s", title: title, body: body), context: Fixtures.context))
    }

    @Test(arguments: [
        ("Talks open in Damascus", "Representatives of several factions met in the capital on Sunday and said that the talks would continue.", "en"),
        ("Les pourparlers s'ouvrent", "Les représentants de plusieurs factions se sont réunis dimanche dans la capitale et ont dit que les discussions vont continuer.", "fr"),
        ("Gespräche beginnen", "Die Vertreter mehrerer Gruppen haben sich am Sonntag in der Hauptstadt getroffen und sagten, dass die Gespräche weitergehen.", "de"),
        ("Comienzan las conversaciones", "Los representantes de varias facciones se reunieron el domingo en la capital y dijeron que las conversaciones van a continuar.", "es"),
        ("Начались переговоры", "Представители нескольких группировок встретились в воскресенье в столице и заявили, что переговоры продолжатся.", "ru"),
        ("بدء المحادثات", "اجتمع ممثلو عدة فصائل يوم الأحد في العاصمة وقالوا إن المحادثات ستستمر.", "ar"),
        ("Розпочалися переговори", "Представники кількох угруповань зустрілися в неділю в столиці і заявили, що переговори триватимуть.", "uk"),
    ])
    func detectsTheLanguage(title: String, body: String, language: String) async throws {
        let article = try await translate(title, body)
        #expect(article.language == language)
        #expect((article.languageConfidence ?? 0) > 0.5)
    }

    @Test func keepsTextInTheTargetLanguageAndMarksTheStub() async throws {
        let english = try await translate("Talks open", "The delegates met in the capital and said that they would return.")
        #expect(english.translation == Translation(from: "en", to: "en", backend: "stub", title: english.title, body: english.body))
        let french = try await translate("Les pourparlers", "Les délégués se sont réunis dans la capitale et ont dit qu'ils vont revenir.")
        #expect(french.translation?.from == "fr")
        #expect(french.translation?.to == "en")
        #expect(french.translation?.title == "[stub translation fr→en, not a real translation] Les pourparlers")
        #expect(french.translation?.body.hasPrefix("[stub translation fr→en, not a real translation]\n\n") == true)
        let again = try await translate("Les pourparlers", "Les délégués se sont réunis dans la capitale et ont dit qu'ils vont revenir.")
        #expect(again == french)
    }

    @Test func detectsTheSamples() async throws {
        let folder = Fixtures.packageRoot + "/Pipelines/samples"
        var languages: [String: String] = [:]
        for try await record in InputReader(spec: InputSpec(path: folder, format: .datedText)) {
            let article = try await translate(try ParseStage.parse(record).title, try ParseStage.parse(record).body)
            languages[record.id] = article.language
        }
        #expect(languages.count >= 6)
        #expect(languages["005-reconstruction-fr"] == "fr")
        #expect(languages.filter { $0.key != "005-reconstruction-fr" }.values.allSatisfy { $0 == "en" })
    }

    @Test func unknownTargetIsRejected() {
        var options = TranslateStubStage.Options()
        options.target = "xx"
        #expect(throws: OptionError.self) { try TranslateStubStage(options: options, setup: StageSetup(pipeline: "t", stageID: "t")) }
    }

    @Test func aCustomTranslatorPlugsIn() async throws {
        struct Upper: Translator {
            let name = "upper"
            func translate(title: String, body: String, from source: String, to target: String) async throws -> (title: String, body: String) {
                (title.uppercased(), body.uppercased())
            }
        }
        let stage = TranslateStubStage(translator: Upper())
        let article = try await stage.process(
            Article(id: "a", source: "s", title: "Gespräche", body: "Die Vertreter haben sich in der Stadt getroffen und sie sagten, dass es weitergeht."),
            context: Fixtures.context)
        #expect(article?.translation?.backend == "upper")
        #expect(article?.translation?.title == "GESPRÄCHE")
    }
}
