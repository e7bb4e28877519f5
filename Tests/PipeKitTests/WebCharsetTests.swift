@testable import PipeKit
import Testing

@Suite("WebCharset")
struct WebCharsetTests {
    static let cyrillic = "Паром" // in windows-1251: CF E0 F0 EE EC
    static let windows1251: [UInt8] = [0xCF, 0xE0, 0xF0, 0xEE, 0xEC]

    @Test(arguments: [
        // A byte order mark wins over everything; then the HTTP header; then `<meta>`.
        ([0xEF, 0xBB, 0xBF] + Array("<meta charset=koi8-r>".utf8), "windows-1251", "UTF-8"),
        (Array("<meta charset=\"koi8-r\">".utf8), "windows-1251", "WINDOWS-1251"),
        (Array("<head><META CHARSET='KOI8-R'>".utf8), nil, "KOI8-R"),
        (Array("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">".utf8), nil, "WINDOWS-1251"),
        // Labels browsers read otherwise: Latin-1 is windows-1252, GB2312 is GB18030.
        (Array("<meta charset=iso-8859-1>".utf8), nil, "WINDOWS-1252"),
        (Array("<meta charset=\"ISO-8859-2\">".utf8), nil, "ISO-8859-2"),
        (Array("<p>x</p>".utf8), "gb2312", "GB18030"),
        // An unknown label is passed over; undeclared text is UTF-8 when it is valid, else windows-1252.
        (Array("<meta charset=klingon-8><p>é</p>".utf8), nil, "UTF-8"),
        ([0x3C, 0x70, 0x3E, 0xE9], "klingon-8", "WINDOWS-1252"),
    ] as [([UInt8], String?, String)])
    func findsTheEncodingAsABrowserDoes(bytes: [UInt8], declared: String?, expected: String) {
        #expect(WebCharset.detect(bytes, declared: declared) == expected)
    }

    @Test func convertsWithIconvAndDropsTheByteOrderMark() {
        #expect(WebCharset.utf8(Self.windows1251, declared: "windows-1251") == Array(Self.cyrillic.utf8))
        #expect(WebCharset.utf8([0xFF, 0xFE, 0x1F, 0x04], declared: nil) == Array("П".utf8))
        #expect(WebCharset.utf8([0xEF, 0xBB, 0xBF, 0x41], declared: "koi8-r") == [0x41])
    }

    @Test func bytesThatAreNoCharacterBecomeReplacementCharacters() {
        // 0x98 is no character of windows-1251; the page is kept, the byte replaced.
        let text = WebCharset.utf8([0x41, 0xC0, 0xFF], from: "UTF-8")
        #expect(String(decoding: text, as: UTF8.self) == "A\u{FFFD}\u{FFFD}")
        #expect(WebCharset.utf8([0x41, 0x98], from: "WINDOWS-1251") == Array("A\u{FFFD}".utf8))
    }

    @Test(arguments: [
        ("text/html; charset=utf-8", "utf-8"), ("text/html;charset=\"KOI8-R\"", "KOI8-R"),
        ("text/html; boundary=x; Charset = 'latin1'", "latin1"), ("text/html", nil), ("text/html; charset=", nil),
    ] as [(String, String?)])
    func readsTheCharsetParameterOfAContentType(contentType: String, expected: String?) {
        #expect(WebCharset.parameter(of: contentType) == expected)
    }
}
