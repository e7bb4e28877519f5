import PipeKit
@testable import PipeStages
import Testing

@Suite("Gazetteer")
struct GazetteerTests {
    /// The lookup by packed words (ASCII names that fit) answers as the lookup by lower-cased
    /// strings does, for known names in any case, case-sensitive words and unknown names.
    @Test(arguments: ["Syria", "SYRIA", "syria", "Damascus", "United States of America", "united states of america",
                      "US", "us", "Us", "UN", "Un", "WHO", "Who", "Fed", "FED", "Türkiye", "TÜRKIYE", "Deir ez-Zor",
                      "Bank of England", "Nowhere", "", "A Name Much Longer Than Twenty-Four Bytes"])
    func packedLookupAnswersAsTheStringLookup(name: String) {
        let key = name.lowercased()
        let expected: EntityType? = Gazetteer.caseSensitive.contains(where: { $0.lowercased() == key })
            && !Gazetteer.caseSensitive.contains(name) ? nil : Gazetteer.table[key]
        #expect(Gazetteer.type(of: name) == expected)
    }

    @Test func knowsCaseSensitiveWordsOnlyAsWritten() {
        #expect(Gazetteer.type(of: "US") == .location)
        #expect(Gazetteer.type(of: "us") == nil)
        #expect(Gazetteer.type(of: "WHO") == .organization)
        #expect(Gazetteer.type(of: "who") == nil)
    }
}
