@testable import PipeStages
import Testing

@Suite("Unicode.Scalar classes")
struct ScalarClassesTests {
    /// The classes answered without a property lookup (ASCII, accented Latin letters, general
    /// punctuation) are those the Unicode properties give, for every scalar up to U+FFFF.
    @Test func classesAgreeWithTheUnicodeProperties() {
        var disagreeing: Set<String> = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let properties = scalar.properties
            let checks: [(String, Bool, Bool)] = [
                ("letter or digit", scalar.isLetterOrDigit, properties.isAlphabetic || properties.numericType != nil),
                ("letter", scalar.isLetter, properties.isAlphabetic),
                ("capital", scalar.isCapital, properties.isUppercase),
                ("small letter", scalar.isSmallLetter, properties.isLowercase),
                ("white space", scalar.isWhitespace, properties.isWhitespace),
                ("starts a sentence", SentenceSplitter.startsSentence(scalar),
                 properties.isUppercase || properties.numericType != nil || ["\"", "(", "\u{201C}", "\u{2018}"].contains(scalar)),
            ]
            for (name, fast, expected) in checks where fast != expected {
                disagreeing.insert("\(name) \(String(value, radix: 16))")
            }
        }
        #expect(disagreeing.isEmpty)
    }
}
