import Foundation
import PipeKit
import Testing

@Suite("InputReader")
struct InputReaderTests {
    func write(_ files: [String: String], in folder: String) throws {
        for (name, content) in files {
            let path = folder + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try content.write(toFile: path, atomically: false, encoding: .utf8)
        }
    }

    func read(_ spec: InputSpec, shard: Shard? = nil) async throws -> [RawRecord] {
        var spec = spec
        spec.shard = shard
        var records: [RawRecord] = []
        for try await record in InputReader(spec: spec) { records.append(record) }
        return records
    }

    @Test func readsAFolderRecursivelyInByteOrderSkippingHiddenFiles() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write(["b.txt": "B", "a/z.txt": "AZ", "B.txt": "upper", ".hidden.txt": "no", ".git/x.txt": "no", "a.b/c.txt": "ABC"],
                  in: folder)
        let records = try await read(InputSpec(path: folder, format: .datedText))
        #expect(records.map(\.id) == ["B", "a.b/c", "a/z", "b"])
        #expect(records.map(\.text) == ["upper", "ABC", "AZ", "B"])
        #expect(records[0].source == folder + "/B.txt")
    }

    @Test func readsSeveralPathsInOrderEachIDBelowItsOwnRoot() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write(["x/1.txt": "1", "x/sub/2.txt": "2", "y/3.txt": "3", "z.txt": "z"], in: folder)
        var spec = InputSpec(path: folder + "/z.txt", format: .text)
        spec.paths += [folder + "/x", folder + "/y/*.txt"]
        let records = try await read(spec)
        #expect(records.map(\.id) == ["z", "1", "sub/2", "3"])
    }

    @Test func readsAGlob() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write(["x/1.txt": "1", "y/2.txt": "2", "y/3.md": "3"], in: folder)
        let records = try await read(InputSpec(path: folder + "/*/*.txt", format: .text))
        #expect(records.map(\.id) == ["x/1", "y/2"])
    }

    @Test func readsJSONLinesSkippingBlankLines() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write(["in.jsonl": "{\"id\":1}\r\n\n   \n{\"id\":2}\n{\"id\":3}"], in: folder)
        let records = try await read(InputSpec(path: folder + "/in.jsonl", format: .jsonl))
        #expect(records.map(\.text) == ["{\"id\":1}", "{\"id\":2}", "{\"id\":3}"])
        #expect(records.map(\.id) == ["in:1", "in:4", "in:5"])
    }

    @Test func readsLongLinesAcrossBlocks() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let long = String(repeating: "x", count: 3_000_000)
        try write(["in.jsonl": "a\n\(long)\nb\n"], in: folder)
        let records = try await read(InputSpec(path: folder + "/in.jsonl", format: .jsonl))
        #expect(records.map(\.bytes.count) == [1, 3_000_000, 1])
    }

    /// Lines and files past `max_record_size` arrive cut to their first bytes, with their size;
    /// the records around them are intact, whether the long line fits in a block or not.
    @Test(arguments: [100_000, 2_500_000])
    func recordsLargerThanTheLimitAreCutAndMeasured(length: Int) async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let long = String(repeating: "y", count: length)
        try write(["in.jsonl": "{\"id\":1}\n\(long)\r\n{\"id\":3}\n\(long)", "one.txt": long, "small.txt": "ok"], in: folder)
        let limit = ByteSize(bytes: 50_000)
        let lines = try await read(InputSpec(path: folder + "/in.jsonl", format: .jsonl, maxRecordSize: limit))
        #expect(lines.map(\.id) == ["in:1", "in:2", "in:3", "in:4"])
        #expect(lines.map(\.problem) == [nil, .tooLarge(size: length), nil, .tooLarge(size: length)])
        #expect(lines.map(\.bytes.count) == [8, RawRecord.oversizePrefix, 8, RawRecord.oversizePrefix])
        #expect(lines[2].text == "{\"id\":3}")
        let files = try await read(InputSpec(path: folder + "/*.txt", format: .text, maxRecordSize: limit))
        #expect(files.map(\.problem) == [.tooLarge(size: length), nil])
        #expect(files.map(\.bytes.count) == [RawRecord.oversizePrefix, 2])
    }

    /// A file listed at the start and gone when its turn comes is a record with a problem, not
    /// the end of the run.
    @Test(arguments: [InputFormat.datedText, .jsonl])
    func aFileThatDisappearsIsARecordWithAProblem(format: InputFormat) async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write(["a.txt": "A", "b.txt": "B", "c.txt": "C"], in: folder)
        let reader = InputReader(spec: InputSpec(path: folder, format: format))
        let listed = try reader.files()
        try FileManager.default.removeItem(atPath: folder + "/b.txt")
        var records: [RawRecord] = []
        for try await record in InputReader(spec: reader.spec, files: listed) { records.append(record) }
        #expect(records.map(\.id) == (format == .jsonl ? ["a:1", "b", "c:1"] : ["a", "b", "c"]))
        #expect(records[1].problem == .unreadable(reason: "No such file or directory"))
        #expect(records[1].source == folder + "/b.txt")
    }

    /// A tree nested deeper than PATH_MAX is read whole: every folder is opened from its parent.
    @Test func aFolderNestedDeeperThanPathMaxIsReadWhole() async throws {
        let folder = try temporaryFolder()
        defer { removeTree(folder) }
        // 24 levels of 200-byte names: about 4,800 bytes below the root, past PATH_MAX (4,096).
        let name = String(repeating: "d", count: 200)
        var descriptor = open(folder, O_RDONLY | O_DIRECTORY)
        var written: [String] = []
        for depth in 1...24 {
            try #require(mkdirat(descriptor, name, 0o755) == 0)
            let next = openat(descriptor, name, O_RDONLY | O_DIRECTORY)
            close(descriptor)
            descriptor = next
            guard depth % 2 == 0 else { continue }
            let file = openat(descriptor, "a\(depth).txt", O_WRONLY | O_CREAT | O_EXCL, 0o644)
            FileHandle(fileDescriptor: file, closeOnDealloc: true).write(Data("article \(depth)".utf8))
            written.append("article \(depth)")
        }
        close(descriptor)
        let records = try await read(InputSpec(path: folder, format: .text))
        #expect(records.count == 12)
        #expect(records.allSatisfy { $0.problem == nil })
        #expect(Set(records.map(\.text)) == Set(written))
        #expect(records.map(\.source).contains { $0.utf8.count > Int(PATH_MAX) })
    }

    /// A folder that cannot be listed is a record with a problem, not a silent gap.
    @Test(.enabled(if: geteuid() != 0, "root reads every folder"))
    func aFolderThatCannotBeReadIsARecordWithAProblem() async throws {
        let folder = try temporaryFolder()
        defer { chmod(folder + "/locked", 0o755); try? FileManager.default.removeItem(atPath: folder) }
        try write(["a.txt": "A", "locked/b.txt": "B"], in: folder)
        try #require(chmod(folder + "/locked", 0o000) == 0)
        let records = try await read(InputSpec(path: folder, format: .text))
        #expect(records.map(\.id) == ["a", "locked/"])
        #expect(records[1].problem == .unreadable(reason: "the folder's files were not read: Permission denied"))
    }

    /// Removes a tree of any depth (`rm -rf` walks it with `openat`, where FileManager stops at PATH_MAX).
    func removeTree(_ path: String) {
        let remove = Process()
        remove.executableURL = URL(fileURLWithPath: "/bin/rm")
        remove.arguments = ["-rf", path]
        try? remove.run()
        remove.waitUntilExit()
    }

    /// Links to folders are not followed, so a link back up the tree cannot loop; the listing ends.
    @Test func aSymlinkLoopInTheInputFolderEnds() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write(["a.txt": "A", "sub/b.txt": "B"], in: folder)
        try FileManager.default.createSymbolicLink(atPath: folder + "/sub/up", withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: folder + "/sub/self", withDestinationPath: folder)
        let records = try await read(InputSpec(path: folder, format: .text))
        #expect(records.map(\.id) == ["a", "sub/b"])
    }

    @Test func missingInputIsAnIOErrorAtThePathNode() async throws {
        let location = SourceLocation(file: "p.yaml", line: 3, column: 9)
        #expect {
            _ = try InputReader(spec: InputSpec(path: "/no/such/folder", format: .text, location: location)).files()
        } throws: { error in
            (error as? PipeError)?.code == .io && (error as? PipeError)?.location == location
        }
    }

    func writeBytes(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    @Test(arguments: Compression.allCases)
    func compressedFilesAreReadInEveryFormatBesidePlainOnes(format: Compression) async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lines = "{\"id\":\"a\"}\n{\"id\":\"b\"}\n"
        let name = ["gzip": "gz", "zstd": "zst", "bzip2": "bz2", "xz": "xz"][format.rawValue] ?? ""
        try writeBytes(Compressed.bytes(Array(lines.utf8), as: format), to: folder + "/packed.jsonl.\(name)")
        // Recognised by its bytes, not its name.
        try writeBytes(Compressed.bytes(Array(lines.utf8), as: format), to: folder + "/renamed.jsonl")
        try write(["plain.jsonl": lines], in: folder)
        let records = try await read(InputSpec(path: folder, format: .jsonl))
        #expect(records.map(\.id) == ["packed:1", "packed:2", "plain:1", "plain:2", "renamed:1", "renamed:2"])
        #expect(Set(records.map(\.text)) == ["{\"id\":\"a\"}", "{\"id\":\"b\"}"])
        #expect(records.allSatisfy { $0.problem == nil })
        try writeBytes(Compressed.bytes(Array("whole file".utf8), as: format), to: folder + "/one.txt")
        let whole = try await read(InputSpec(path: folder + "/one.txt", format: .text))
        #expect(whole.map(\.text) == ["whole file"])
    }

    @Test func aTruncatedFileGivesItsWholeLinesThenOneDamagedRecord() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = (1...3000).map { "{\"id\":\"n\($0)\",\"body\":\"\($0 * 7919 % 10007)\"}\n" }.joined()
        let compressed = Compressed.bytes(Array(text.utf8), as: .gzip)
        try writeBytes(Array(compressed.prefix(compressed.count / 2)), to: folder + "/cut.jsonl.gz")
        try write(["next.jsonl": "{\"id\":\"after\"}\n"], in: folder)
        let records = try await read(InputSpec(path: folder, format: .jsonl))
        let damaged = try #require(records.firstIndex { $0.problem != nil })
        #expect(damaged > 100)
        #expect(records[..<damaged].allSatisfy { $0.text.hasSuffix("\"}") })
        #expect(records[damaged].id == "cut:\(damaged + 1)")
        guard case .damaged(let error) = records[damaged].problem else { Issue.record("not damaged"); return }
        #expect(error.message == "the gzip data ends early: the file is truncated")
        // Reading goes on with the next file.
        #expect(records[(damaged + 1)...].map(\.id) == ["next:1"])
    }

    /// 10 GiB of zeros, gzip'd as 640 streams of 16 MiB each (10 MB on disk).
    static let bomb: [UInt8] = {
        let member = Compressed.bytes([UInt8](repeating: 0, count: 16 << 20), as: .gzip)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(member.count * 640)
        for _ in 0..<640 { bytes.append(contentsOf: member) }
        return bytes
    }()

    /// Also with `input.encoding`, whose converter stands between the decompressor and the reader.
    @Test(arguments: [(InputFormat.text, nil), (.jsonl, nil), (.text, "ISO-8859-1"), (.jsonl, "ISO-8859-1")] as [(InputFormat, String?)])
    func aDecompressionBombStopsAtTheRecordLimit(format: InputFormat, encoding: String?) async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeBytes(Self.bomb, to: folder + "/bomb.gz")
        var spec = InputSpec(path: folder + "/bomb.gz", format: format, maxRecordSize: ByteSize(bytes: 1 << 20))
        spec.encoding = encoding
        let records = try await read(spec)
        #expect(records.count == 1)
        guard case .damaged(let error)? = records.first?.problem else { Issue.record("no problem: \(records)"); return }
        #expect(error.message == "the record decompresses to more than 1048576 bytes, more than `input.max_record_size` "
                + "allows; the rest of the gzip file was not read")
    }

    @Test func severalFilesAreSharedByFileAndNumberedAsTheWholeInput() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for index in 0..<24 {
            try FileManager.default.createDirectory(atPath: folder + "/d\(index % 3)", withIntermediateDirectories: true)
            try "2024-01-0\(index % 9 + 1)\ntitle \(index)\nbody".write(toFile: folder + "/d\(index % 3)/f\(index).txt", atomically: false, encoding: .utf8)
        }
        let spec = InputSpec(path: folder, format: .datedText)
        let whole = try await read(spec, shard: nil)
        #expect(whole.map(\.position) == whole.indices.map { InputPosition(file: $0, record: 0) })
        var union: [RawRecord] = []
        for index in 0..<4 {
            let shard = try Shard(index: index, count: 4)
            let part = try await read(spec, shard: shard)
            #expect(part.allSatisfy { shard.owns(file: String($0.source.dropFirst(folder.count + 1))) })
            #expect(part.count < whole.count)
            union += part
        }
        #expect(union.sorted { $0.position! < $1.position! } == whole, "every file in exactly one shard, at its place in the whole")
    }

    @Test func oneFileIsSharedByRecord() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lines = (0..<10).map { #"{"id": "a\#($0)", "body": "b"}"# }.joined(separator: "\n")
        try lines.write(toFile: folder + "/in.jsonl", atomically: false, encoding: .utf8)
        let spec = InputSpec(path: folder + "/in.jsonl", format: .jsonl)
        let part = try await read(spec, shard: Shard(index: 1, count: 3))
        #expect(part.map(\.position?.record) == [1, 4, 7])
        #expect(part.map(\.id) == ["in:2", "in:5", "in:8"])
    }
}

@Suite("JSONDocumentRecords")
struct JSONDocumentRecordsTests {
    func records(_ text: String, path: [String] = []) -> [RawRecord] {
        var spec = InputSpec(path: "news.json", format: .json)
        spec.recordsPath = path
        return InputReader.records(in: Array(text.utf8), file: "feeds/news.json", spec: spec)
    }

    @Test func theArrayAtThePathGivesOneRecordPerElement() {
        let records = records(#"{"status":"ok","data":{"items":[{"id":"a","body":"x"},{"body":"y","n":1.5}]}}"#, path: ["data", "items"])
        #expect(records.map(\.id) == ["news:1", "news:2"])
        #expect(records.map(\.text) == [#"{"body":"x","id":"a"}"#, #"{"body":"y","n":1.5}"#])
        #expect(records.allSatisfy { $0.problem == nil && $0.format == .json })
        // Without a path: the document is the array, or one article.
        #expect(self.records(#"[{"body":"x"}]"#).count == 1)
        #expect(self.records(#"{"body":"x"}"#).map(\.text) == [#"{"body":"x"}"#])
    }

    @Test(arguments: [
        (#"{"status":"ok","items":[]}"#, "the document has no `articles`"),
        (#"{"articles":{"a":1}}"#, "`articles` is not an array of articles"),
        (#"{"articles": [1, {"#, "the file is not a JSON document"),
    ])
    func aDocumentWithoutArticlesIsOneRecordWithAProblem(text: String, message: String) {
        let records = records(text, path: ["articles"])
        guard records.count == 1, case .damaged(let error)? = records[0].problem else {
            Issue.record("not one damaged record: \(records)")
            return
        }
        #expect(error.message.hasPrefix(message))
    }

    @Test func anElementThatIsNoObjectIsAnErrorForItselfAlone() {
        let records = records(#"{"articles":[{"body":"x"},"text",{"body":"z"}]}"#, path: ["articles"])
        #expect(records.map { $0.problem == nil } == [true, false, true])
    }

    @Test func anArrayNested100000DeepIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let records = records(deep)
        guard records.count == 1, case .damaged(let error)? = records[0].problem else {
            Issue.record("not one damaged record")
            return
        }
        #expect(error.message.hasPrefix("the file is not a JSON document"))
        // The same line in JSON Lines is an error for its record.
        let line = InputReader.records(in: Array(deep.utf8), file: "deep.jsonl", spec: InputSpec(path: "deep.jsonl", format: .jsonl))
        #expect(line.count == 1)
    }
}

@Suite("CSVRecords")
struct CSVRecordsTests {
    func read(_ text: [UInt8], format: InputFormat = .csv, encoding: String? = nil) async throws -> [RawRecord] {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(text).write(to: URL(fileURLWithPath: folder + "/news.csv"))
        var spec = InputSpec(path: folder + "/news.csv", format: format)
        spec.encoding = encoding
        if format == .tsv { spec.delimiter = 0x09 }
        var records: [RawRecord] = []
        for try await record in InputReader(spec: spec) { records.append(record) }
        return records
    }

    @Test func everyRowIsAnObjectOfItsCellsByTheHeadersNames() async throws {
        let records = try await read(Array("\u{FEFF}id, title ,body\nc1,\"A, b\",\"x\ny\"\nc2,T,B\n".utf8))
        #expect(records.map(\.id) == ["news:2", "news:4"])
        #expect(records.map(\.text) == [#"{"id":"c1","title":"A, b","body":"x\ny"}"#, #"{"id":"c2","title":"T","body":"B"}"#])
        #expect(records.allSatisfy { $0.format == .csv && $0.problem == nil })
    }

    @Test func brokenRowsAreErrorsForThemselvesNamingTheirLine() async throws {
        let records = try await read(Array("a,b\n1\n2,3\n\"4,5\n".utf8))
        #expect(records.map(\.id) == ["news:2", "news:3", "news:4"])
        guard case .damaged(let cells)? = records[0].problem, case .damaged(let quote)? = records[2].problem else {
            Issue.record("no problems: \(records)")
            return
        }
        #expect(cells.message == "the row on line 2 has 1 cells and the header 2")
        #expect(records[1].problem == nil)
        #expect(quote.message == "the quote opened on line 4 never closes")
    }

    @Test func aHeaderThatNamesAColumnTwiceEndsTheFile() async throws {
        let records = try await read(Array("a,b,a\n1,2,3\n".utf8))
        #expect(records.count == 1)
        guard case .damaged(let error)? = records.first?.problem else { Issue.record("no problem"); return }
        #expect(error.message == "the header names `a` twice (columns 1 and 3)")
    }

    @Test func textInAnotherEncodingIsConvertedOrNamedAsNotUTF8() async throws {
        // "café" in windows-1252.
        let bytes: [UInt8] = Array("id,body\n1,caf".utf8) + [0xE9] + [0x0A]
        let converted = try await read(bytes, encoding: "windows-1252")
        #expect(converted.map(\.text) == [#"{"id":"1","body":"café"}"#])
        let unconverted = try await read(bytes)
        guard case .damaged(let error)? = unconverted.first?.problem else { Issue.record("no problem"); return }
        #expect(error.message == "the cell `body` on line 2 is not valid UTF-8")
    }

    @Test func tsvCutsAtTabsAndKeepsQuotes() async throws {
        let records = try await read(Array("id\tbody\n1\t\"as said\"\n".utf8), format: .tsv)
        #expect(records.map(\.text) == [#"{"id":"1","body":"\"as said\""}"#])
    }
}
