@testable import PipeStages
import Testing

@Suite("TextKey")
struct TextKeyTests {
    /// Keys of every length up to three words and a tail: equal texts meet, any other text or
    /// salt does not, so an index numbers them apart.
    @Test func equalTextsAndSaltsMeetOthersDoNot() {
        let texts = (0...20).map { String("Bashar al-Assad Geneva".prefix($0)) } + ["Genève", "Geneve", "a\u{0}", "a"]
        var index = ScratchIndex<TextKey>(capacity: 4)
        for text in texts {
            for salt in [UInt64(1), 2] { _ = index.id(of: TextKey(text, salt: salt)) }
        }
        #expect(index.count == 2 * Set(texts).count)
        for text in texts {
            #expect(TextKey(text, salt: 1) == TextKey(String(Array(text)), salt: 1))
            #expect(TextKey(text, salt: 1) != TextKey(text, salt: 2))
            #expect(!index.id(of: TextKey(text, salt: 2)).isNew)
        }
    }
}
