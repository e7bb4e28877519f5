import Foundation
@testable import PipeKit
import Testing

@Suite("AtomicFile")
struct AtomicFileTests {
    @Test func nothingAppearsUnderTheFinalNameUntilCommit() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/new/out.jsonl"
        let file = try AtomicFile(path: path)
        try file.write("hello\n")
        try file.write(Array(repeating: UInt8(ascii: "x"), count: 2 << 20))
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(FileManager.default.fileExists(atPath: file.temporaryPath))
        try file.commit()
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: file.temporaryPath))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == 6 + (2 << 20))
    }

    @Test func discardKeepsThePreviousFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/out.jsonl"
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        let file = try AtomicFile(path: path)
        try file.write("new\n")
        file.discard()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        #expect(!FileManager.default.fileExists(atPath: file.temporaryPath))
    }

    @Test(arguments: [
        ("out/syria.jsonl", "out/syria.dead-letter.jsonl"),
        ("syria.jsonl", "syria.dead-letter.jsonl"),
        ("/a.b/report", "/a.b/report.dead-letter.jsonl"),
        ("x/.hidden", "x/.hidden.dead-letter.jsonl"),
    ])
    func deadLetterFileSitsBesideTheOutput(output: String, expected: String) {
        #expect(PipelineDefinition.deadLetterPath(besides: output) == expected)
    }

    @Test func theTemporaryFileIsAHiddenPartialBesideTheFinalPathUnderTheRunsToken() throws {
        #expect(SafeFile.stagedPath(of: "out/syria.jsonl", token: "t") == "out/.syria.jsonl.t.partial")
        #expect(SafeFile.stagedPath(of: "syria.jsonl", token: "t") == ".syria.jsonl.t.partial")
        #expect(SafeFile.stagedPath(of: "/syria.jsonl", token: "t") == "/.syria.jsonl.t.partial")
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (first, second) = (try AtomicFile(path: folder + "/out"), try AtomicFile(path: folder + "/out"))
        defer { first.discard(); second.discard() }
        #expect(first.temporaryPath != second.temporaryPath)
        #expect(SafeFile.randomToken().count == 16)
    }

    @Test func aLinkPlantedAtTheTemporaryNameIsNeverWrittenThrough() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let victim = folder + "/victim"
        try "precious\n".write(toFile: victim, atomically: false, encoding: .utf8)
        let path = folder + "/out.jsonl"
        try FileManager.default.createSymbolicLink(atPath: SafeFile.stagedPath(of: path, token: Self.token), withDestinationPath: victim)
        for length in [nil, 4] as [Int?] {
            #expect {
                _ = try AtomicFile(path: path, token: Self.token, resumingAt: length)
            } throws: { error in
                (error as? PipeError)?.code == .io
            }
        }
        // A hard link to another file is not continued either.
        unlink(SafeFile.stagedPath(of: path, token: Self.token))
        try #require(link(victim, SafeFile.stagedPath(of: path, token: Self.token)) == 0)
        #expect {
            _ = try AtomicFile(path: path, token: Self.token, resumingAt: 4)
        } throws: { error in
            (error as? PipeError)?.message.contains("it has 2 links") == true
        }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aLinkAtTheFinalPathIsReplacedAndItsTargetLeftAlone() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let victim = folder + "/victim"
        try "precious\n".write(toFile: victim, atomically: false, encoding: .utf8)
        let path = folder + "/out.jsonl"
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: victim)
        let file = try AtomicFile(path: path)
        try file.write("new\n")
        try file.commit()
        var status = stat()
        #expect(lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
    }

    static let token = "testtoken0000000"

    @Test func syncTellsTheLengthAndResumingCutsThePartialFileThere() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/out.jsonl"
        let first = try AtomicFile(path: path, token: Self.token, resumingAt: nil)
        try first.write("one\n")
        #expect(try first.sync() == 4)
        try first.write("two, never recorded\n")
        #expect(try first.sync() == 24)
        // A run killed here leaves the partial file; a checkpoint recorded 4 bytes.
        let resumed = try AtomicFile(path: path, token: Self.token, resumingAt: 4)
        #expect(resumed.length == 4)
        try resumed.write("two\n")
        try resumed.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one\ntwo\n")
    }

    @Test func resumingAfterPublishingContinuesACopyOfThePublishedFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/out.jsonl"
        let interrupted = try AtomicFile(path: path, token: Self.token, resumingAt: nil)
        try interrupted.write("one\n")
        try interrupted.commit()
        let resumed = try AtomicFile(path: path, token: Self.token, resumingAt: 4)
        try resumed.write("two\n")
        // Until the resumed run commits, readers still see what the interrupted run published.
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one\n")
        try resumed.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one\ntwo\n")
    }

    @Test func resumingPastWhatEitherFileHoldsIsAnError() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/out.jsonl"
        try "one\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect {
            _ = try AtomicFile(path: path, token: Self.token, resumingAt: 100)
        } throws: { error in
            let error = error as? PipeError
            return error?.code == .io && error?.message.contains("the 100 bytes the checkpoint recorded") == true
                && error?.hint == "run without `--resume` to start over"
        }
    }

    @Test func writingBackToDiskStartsEveryIntervalWhileTheFileIsWritten() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/out.jsonl"
        let file = try AtomicFile(path: path)
        let block = 1 << 20
        let blocks = 2 * AtomicFile.writebackInterval / block
        // A write of a whole block goes out at once; each block's bytes are its number.
        var started: [Int] = []
        for number in 0..<blocks {
            try file.write([UInt8](repeating: UInt8(number), count: block))
            started.append(file.writebackStarted)
        }
        #if os(Linux)
        // Started for the first interval when it is written, then for the second.
        let expected = (1...blocks).map { written in written * block / AtomicFile.writebackInterval * AtomicFile.writebackInterval }
        #else
        let expected = [Int](repeating: 0, count: blocks)
        #endif
        #expect(started == expected)
        try file.commit()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.count == blocks * block)
        let blockNumbers = stride(from: 0, to: bytes.count, by: block).map { Int(bytes[$0]) }
        #expect(blockNumbers == Array(0..<blocks))
    }

    @Test func aResumedFileCountsItsWritebackFromWhereItResumes() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/out.jsonl"
        let first = try AtomicFile(path: path, token: Self.token, resumingAt: nil)
        try first.write("one\n")
        _ = try first.sync()
        let resumed = try AtomicFile(path: path, token: Self.token, resumingAt: 4)
        #expect(resumed.writebackStarted == 4)
        resumed.discard()
    }

    #if os(Linux)
    /// Whether the temporary folder is in memory (tmpfs), where pages never leave the page cache.
    static let temporaryFolderIsInMemory: Bool = {
        // The file system of the mount point that is the longest prefix of the folder's real path.
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).resolvingSymlinksInPath().path + "/"
        let mounts = (try? String(contentsOfFile: "/proc/mounts", encoding: .utf8)) ?? ""
        var best: (point: String, type: String) = ("", "")
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count > 2 else { continue }
            let point = fields[1].hasSuffix("/") ? fields[1] : fields[1] + "/"
            if folder.hasPrefix(point), point.count > best.point.count { best = (point, fields[2]) }
        }
        return best.type == "tmpfs"
    }()

    @Test(.enabled(if: !temporaryFolderIsInMemory, "the temporary folder is a tmpfs, whose pages stay in memory"))
    func anIntervalWrittenBackLeavesThePageCacheWhenTheNextIsStarted() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try AtomicFile(path: folder + "/out.jsonl")
        defer { file.discard() }
        let interval = AtomicFile.writebackInterval
        let block = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<(interval / block.count) { try file.write(block) }
        // Written back and clean: the next request drops these pages.
        _ = try file.sync()
        #expect(try residentShare(of: file.temporaryPath, in: 0..<interval) > 0.9)
        for _ in 0..<(interval / block.count) { try file.write(block) }
        #expect(try residentShare(of: file.temporaryPath, in: 0..<interval) < 0.1)
    }

    /// The share of the file's pages in `range` that are in the page cache (`mincore`).
    private func residentShare(of path: String, in range: Range<Int>) throws -> Double {
        let descriptor = open(path, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let mapped = mmap(nil, range.count, PROT_READ, MAP_SHARED, descriptor, off_t(range.lowerBound))
        try #require(mapped != MAP_FAILED)
        defer { munmap(mapped, range.count) }
        let pageSize = sysconf(Int32(_SC_PAGESIZE))
        var pages = [UInt8](repeating: 0, count: (range.count + pageSize - 1) / pageSize)
        try #require(mincore(mapped, range.count, &pages) == 0)
        return Double(pages.count { $0 & 1 != 0 }) / Double(pages.count)
    }
    #endif
}
