import Foundation
import PipeKit
@testable import PipeStages
import Testing

@Suite("GlossaryTranslator")
struct GlossaryTranslatorTests {
    let glossary = try! GlossaryTranslator(yaml: """
        ru: {Дамаск: Damascus, Асад: Assad, Башар Асад: Bashar al-Assad}
        fr: {Genève: Geneva, "Nations unies": United Nations}
        """)

    @Test(arguments: [
        ("ru", "Башар Асад прибыл в Дамаск.", "Bashar al-Assad прибыл в Damascus."),
        ("ru", "Асады и Асад", "Асады и Assad"),
        ("fr", "Les Nations unies à Genève", "Les United Nations à Geneva"),
        ("de", "Genève bleibt", "Genève bleibt"),
    ])
    func replacesWholeTermsLongestFirst(language: String, text: String, expected: String) async throws {
        let result = try await glossary.translate(title: text, body: text, from: language, to: "en")
        #expect(result.title == expected)
        #expect(result.body == expected)
    }

    @Test func aGlossaryThatIsNotTermListsIsRefused() {
        #expect(throws: GlossaryTranslator.Problem.self) { try GlossaryTranslator(yaml: "- a\n- b\n") }
        #expect(throws: GlossaryTranslator.Problem.self) { try GlossaryTranslator(yaml: "ru: [a, b]\n") }
        #expect(throws: GlossaryTranslator.Problem.self) { try GlossaryTranslator(contentsOf: "/no/such/glossary.yaml") }
    }
}

@Suite("translate-stub backends in the pipeline file")
struct TranslateBackendOptionsTests {
    @Test(arguments: [
        ("backend: http", "`http` needs `url`"),
        ("backend: http, url: \"ftp://x\"", "`http` needs `url`"),
        ("backend: http, url: \"http://x\", timeout: soon", "option `timeout` of stage `translate-stub` expects a duration, got `soon`"),
        ("backend: glossary", "`glossary` needs the option `glossary`"),
        ("backend: glossary, glossary: /no/such.yaml", "cannot read the glossary /no/such.yaml"),
        ("target: xx", "option `target` of stage `translate-stub` expects one of en, fr, de"),
        ("backend: deepl", "option `backend` of stage `translate-stub` expects one of stub, glossary, http, got `deepl`"),
    ])
    func badBackendOptionsAreErrorsInTheFile(options: String, message: String) throws {
        let yaml = "input: {path: x}\nstages:\n  - type: parse\n  - type: translate-stub\n    options: {\(options)}\n"
        let error = try #require(throws: PipelineFileError.self) {
            _ = try PipelineLoader(registry: BuiltinStages.registry).load(yaml: yaml, file: "t.yaml")
        }
        #expect(error.diagnostics.first?.message.contains(message) == true, "\(error.diagnostics)")
        #expect(error.diagnostics.first?.location?.line == 5)
    }
}
