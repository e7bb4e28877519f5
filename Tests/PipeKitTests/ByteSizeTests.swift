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

    @Test(arguments: [
        (16 << 20, "16 MiB"), (3 << 30, "3 GiB"), (3072, "3 KiB"), (1536, "1536 bytes"), (1000, "1000 bytes"),
        ((1 << 20) + 1024, "1025 KiB"),
    ])
    func printsTheLargestWholeUnit(bytes: Int, text: String) {
        #expect(ByteSize(bytes: bytes).description == text)
    }
}
