import Foundation
@testable import PipeCLI
import Testing

@Suite("StageName")
struct StageNameTests {
    @Test(arguments: [
        ("word-stats", "word-stats", "WordStats", "word_stats"),
        ("WordStats", "word-stats", "WordStats", "word_stats"),
        ("word_stats", "word-stats", "WordStats", "word_stats"),
        ("geo2tag", "geo2tag", "Geo2tag", "geo2tag"),
        ("upper", "upper", "Upper", "upper"),
    ])
    func namesFromWhatTheUserTypes(text: String, type: String, module: String, field: String) throws {
        let name = try #require(StageName(text))
        #expect(name.type == type)
        #expect(name.module == module)
        #expect(name.field == field)
    }

    @Test(arguments: ["", "9lives", "-", "naïve", "a/b", "x.y"])
    func refusesWhatCannotBeAModule(text: String) {
        #expect(StageName(text) == nil)
    }
}
