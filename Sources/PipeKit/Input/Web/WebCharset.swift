/// A web page's character set, found as a browser finds it, and the page converted to UTF-8.
///
/// The order is the HTML standard's: a byte order mark, then the HTTP header's `charset`, then
/// a `<meta charset>` or `<meta http-equiv="Content-Type">` in the page's first 4 KiB; without
/// any of them, UTF-8 when the bytes are valid UTF-8 and windows-1252 otherwise. Labels are read
/// as browsers read them (`latin1` and `iso-8859-1` are windows-1252, `gb2312` is GB18030), and
/// iconv converts every encoding but UTF-8.
package enum WebCharset {
    /// How many bytes the `<meta>` search looks at.
    static let prescanLength = 4096

    /// The page's encoding, as iconv names it.
    package static func detect(_ bytes: [UInt8], declared: String? = nil) -> String {
        if let bom = byteOrderMark(bytes) { return bom.encoding }
        for label in [declared, metaCharset(bytes)] {
            if let label, let encoding = encoding(forLabel: label) { return encoding }
        }
        return UTF8Text.isValid(bytes) ? "UTF-8" : "WINDOWS-1252"
    }

    /// `bytes` in UTF-8, converted from `encoding` (without a byte order mark); bytes that are no
    /// character of the encoding become U+FFFD.
    package static func utf8(_ bytes: [UInt8], from encoding: String) -> [UInt8] {
        let body = byteOrderMark(bytes).map { Array(bytes.dropFirst($0.length)) } ?? bytes
        if encoding == "UTF-8" {
            return UTF8Text.isValid(body) ? body : Array(String(decoding: body, as: UTF8.self).utf8)
        }
        return IconvSource.convertAll(body, from: encoding) ?? Array(String(decoding: body, as: UTF8.self).utf8)
    }

    /// A page's bytes in UTF-8, its encoding found by ``detect(_:declared:)``.
    package static func utf8(_ bytes: [UInt8], declared: String? = nil) -> [UInt8] {
        utf8(bytes, from: detect(bytes, declared: declared))
    }

    /// The `charset` parameter of a `Content-Type` value (`text/html; charset="koi8-r"`).
    package static func parameter(of contentType: some StringProtocol) -> String? {
        for part in contentType.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingSpaces.lowercased() == "charset" else { continue }
            let value = pair[1].trimmingSpaces.filter { $0 != "\"" && $0 != "'" }
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// The encoding iconv knows a label by, or nil for a label neither the standard nor iconv knows.
    static func encoding(forLabel label: String) -> String? {
        let name = label.trimmingSpaces.lowercased()
        if let mapped = aliases[name] { return mapped }
        return name.isEmpty || !IconvSource.knows(name) ? nil : name.uppercased()
    }

    /// Labels browsers read as another encoding than their name says (the WHATWG Encoding standard).
    private static let aliases: [String: String] = [
        "utf-8": "UTF-8", "utf8": "UTF-8", "unicode-1-1-utf-8": "UTF-8",
        "iso-8859-1": "WINDOWS-1252", "latin1": "WINDOWS-1252", "l1": "WINDOWS-1252", "us-ascii": "WINDOWS-1252",
        "ascii": "WINDOWS-1252", "iso8859-1": "WINDOWS-1252", "cp1252": "WINDOWS-1252", "iso-8859-9": "WINDOWS-1254",
        "latin5": "WINDOWS-1254", "iso-8859-11": "WINDOWS-874", "tis-620": "WINDOWS-874",
        "gb2312": "GB18030", "gbk": "GB18030", "x-gbk": "GB18030", "chinese": "GB18030",
        "shift_jis": "CP932", "sjis": "CP932", "x-sjis": "CP932", "windows-31j": "CP932",
        "euc-kr": "CP949", "ks_c_5601-1987": "CP949", "big5": "BIG5-HKSCS",
        // A page that says UTF-16 in its markup is not UTF-16 (it could not say so): UTF-8.
        "utf-16": "UTF-8", "utf-16le": "UTF-8", "utf-16be": "UTF-8",
    ]

    /// A byte order mark at the start of `bytes`: UTF-8's, or UTF-16's in either order.
    static func byteOrderMark(_ bytes: [UInt8]) -> (encoding: String, length: Int)? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return ("UTF-8", 3) }
        if bytes.starts(with: [0xFF, 0xFE]) { return ("UTF-16LE", 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return ("UTF-16BE", 2) }
        return nil
    }

    /// The charset a `<meta>` tag in the first ``prescanLength`` bytes declares: `charset=` inside the tag.
    static func metaCharset(_ bytes: [UInt8]) -> String? {
        let head = Array(bytes.prefix(prescanLength).map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 })
        var index = 0
        while let tag = head.firstRange(of: Array("<meta".utf8), from: index) {
            let end = head[tag.upperBound...].firstIndex(of: UInt8(ascii: ">")) ?? head.endIndex
            if let label = charsetValue(in: head[tag.upperBound..<end]) { return label }
            index = end
        }
        return nil
    }

    /// The value after `charset` and `=` in a tag's bytes, without quotes.
    private static func charsetValue(in tag: ArraySlice<UInt8>) -> String? {
        guard let name = Array(tag).firstRange(of: Array("charset".utf8), from: 0) else { return nil }
        var rest = tag.dropFirst(name.upperBound).drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard rest.first == UInt8(ascii: "=") else { return nil }
        rest = rest.dropFirst().drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x22 || $0 == 0x27 }
        let value = rest.prefix { $0 == 0x2D || $0 == 0x5F || $0 == 0x2E || $0 == 0x3A || (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) }
        return value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
    }
}
