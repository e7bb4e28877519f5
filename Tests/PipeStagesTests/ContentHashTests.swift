import PipeKit
import PipeTesting
@testable import PipeStages
import Testing

@Suite("ContentHash")
struct ContentHashTests {
    /// The hash as `dedupe` has computed it since its journals were first written, byte by byte:
    /// the values must not change, or a run resumed from an older checkpoint would keep the
    /// duplicates of the bodies its journal holds.
    private func reference(_ texts: [String]) -> UInt128 {
        var hash = StableHash()
        for (index, text) in texts.enumerated() {
            if index > 0 { hash.add(bytes: CollectionOfOne(0)) }
            var collapsed: [UInt8] = []
            var pendingSpace = false, started = false
            for byte in text.utf8 {
                if byte == 0x20 || (0x09...0x0D).contains(byte) {
                    pendingSpace = started
                    continue
                }
                if pendingSpace { collapsed.append(0x20) }
                pendingSpace = false
                started = true
                collapsed.append(byte)
            }
            collapsed.withUnsafeBytes { hash.add(contiguous: $0) }
        }
        return hash.value
    }

    private func hash(_ texts: [String]) -> UInt128 {
        var hash = ContentHash()
        for (index, text) in texts.enumerated() {
            if index > 0 { hash.separate() }
            hash.add(text)
        }
        return hash.value
    }

    @Test(arguments: ["", " ", " \t\n\r\u{0B}\u{0C} ", "a", " a ", "a b", "a  b", "a\n\nb", "\ta\tb\t", "  Hello,\r\n  world.  ",
                      "Zürich – Genève\u{00A0}nbsp stays", String(repeating: "word ", count: 100), "x" + String(repeating: " ", count: 300) + "y"])
    func matchesTheReference(text: String) {
        #expect(hash([text]) == reference([text]))
    }

    /// Random texts of letters, every kind of white space and multi-byte characters, of every
    /// length around the eight-byte words the hash takes.
    @Test func matchesTheReferenceOnRandomTexts() {
        let pieces = ["a", "B", " ", "  ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "é", "–", "\u{00A0}", "日本", "."]
        var numbers = SeededNumbers(seed: 7)
        for length in 0..<200 {
            let text = numbers.text(of: pieces, count: length)
            #expect(hash([text]) == reference([text]), "\(text.debugDescription)")
            #expect(hash(["Title  " + text, text]) == reference(["Title  " + text, text]))
        }
    }

    @Test func whiteSpaceRunsAndEndsDoNotCount() {
        #expect(hash(["Rebels  took\n\nthe town. "]) == hash(["Rebels took the town."]))
        #expect(hash(["Rebels took the town."]) != hash(["Rebels tookthe town."]))
    }

    /// The title and the body are kept apart: moving a word from one to the other is another key.
    @Test func separatedTextsDoNotRunTogether() {
        #expect(hash(["ab", "c"]) != hash(["a", "bc"]))
    }

    @Test(arguments: [("", 0), ("   ", 0), (" a ", 1), ("a \t\n b", 3), ("\n\nab  cd\n", 5)])
    func collapseWritesOneSpaceForEachRun(text: String, count: Int) {
        let bytes = Array(text.utf8)
        let output = bytes.withUnsafeBufferPointer { input in
            [UInt8](unsafeUninitializedCapacity: input.count) { output, written in
                written = ContentHash.collapse(input, into: output)
            }
        }
        #expect(output.count == count)
        #expect(!output.contains(where: { $0 != 0x20 && $0 < 0x20 }))
    }
}
