import PipeKit
import Testing

@Suite("ByteSize")
struct ByteSizeTests {
    @Test(arguments: [
        ("16MiB", 16 << 20), ("16 MiB", 16 << 20), ("500KB", 500_000), ("1048576", 1_048_576), ("1GB", 1_000_000_000),
        ("2gib", 2 << 30), ("64 b", 64), ("3 KiB", 3072),
    ])
    func readsSizes(text: String, bytes: Int) {
        #expect(ByteSize(text)?.bytes == bytes)
    }

    @Test(arguments: ["", "abc", "0", "-1", "1.5MB", "12 parsecs", "99999999999999999999GiB", "MB"])
    func refusesAnythingElse(text: String) {
        #expect(ByteSize(text) == nil)
    }

    @Test func printsTheLargestWholeUnit() {
        #expect(ByteSize(bytes: 16 << 20).description == "16 MiB")
        #expect(ByteSize(bytes: 1536).description == "3 KiB" || ByteSize(bytes: 1536).description == "1536 bytes")
        #expect(ByteSize(bytes: 1000).description == "1000 bytes")
    }
}
