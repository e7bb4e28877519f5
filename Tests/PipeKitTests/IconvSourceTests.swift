@testable import PipeKit
import Testing

@Suite("IconvSource")
struct IconvSourceTests {
    @Test(arguments: [1, 3, 1000])
    func convertsToUTF8WhateverTheReadsCut(chunk: Int) throws {
        let text = "Дамаск: переговоры возобновились. ¡Olé! 東京"
        var utf16: [UInt8] = []
        for unit in text.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let source = try IconvSource(BytesSource(utf16, chunk: chunk), from: "UTF-16LE")
        #expect(try source.drain(block: 16) == Array(text.utf8))
    }

    @Test func aByteThatIsNoCharacterNamesItsOffset() throws {
        // Input declared UTF-8 is checked as it is converted.
        let source = try IconvSource(BytesSource(Array("abc".utf8) + [0xFF, 0x41]), from: "UTF-8")
        let error = #expect(throws: PipeError.self) { try source.drain() }
        #expect(error?.message == "byte 3 is not a character of `UTF-8`")
    }

    @Test func aTextCutInsideACharacterIsAnError() throws {
        let source = try IconvSource(BytesSource([0x41, 0x00, 0x42]), from: "UTF-16LE")
        let error = #expect(throws: PipeError.self) { try source.drain() }
        #expect(error?.message == "the text ends inside a character of `UTF-16LE`")
    }

    @Test func anUnknownEncodingIsRefused() {
        #expect(!IconvSource.knows("klingon-8"))
        #expect(IconvSource.knows("windows-1252"))
        #expect(throws: PipeError.self) { try IconvSource(BytesSource([]), from: "klingon-8") }
    }
}
