@testable import PipeKit
import Testing

@Suite("PathParts")
struct PathPartsTests {
    @Test(arguments: [
        ("o", "", "o", "o"), ("a/b/c.txt", "a/b", "c.txt", "c"), ("/c", "/", "c", "c"), ("c.tar.gz", "", "c.tar.gz", "c.tar"),
        ("dir/", "", "dir", "dir"), ("/", "/", "/", "/"), (".hidden", "", ".hidden", ".hidden"), ("a//b", "a/", "b", "b"),
    ])
    func splitsPathsAtTheirSlashes(path: String, parent: String, name: String, stem: String) {
        #expect(PathParts.parent(path) == parent)
        #expect(PathParts.name(path) == name)
        #expect(PathParts.stem(path) == stem)
    }

    @Test(arguments: [("a/b/c.txt", "a/b/c"), ("c.tar.gz", "c.tar"), ("a/.hidden", "a/.hidden"), ("a.b/c", "a.b/c"), ("o", "o"), ("x.", "x")])
    func dropsTheExtensionOfTheLastPart(path: String, expected: String) {
        #expect(PathParts.droppingExtension(path) == expected)
    }
}
