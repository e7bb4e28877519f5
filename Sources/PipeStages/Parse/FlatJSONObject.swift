import PipeKit

/// Reads the common JSON Lines record, a flat object of strings, whole numbers, Booleans and
/// nulls, in one pass over its bytes.
///
/// Anything else (nested values, fractions and exponents, duplicate keys, lone surrogates, any
/// syntax error) returns nil, and the caller decodes the line with `JSONDecoder`, which also words
/// the error. The bytes must already be valid UTF-8: the strings are cut from them (and their
/// escapes encoded) without checking them again.
struct FlatJSONObject {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    /// The object's members, or nil when the line is not a flat object this reader handles.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [String: JSONValue]? {
        var reader = FlatJSONObject(bytes: bytes)
        return reader.object()
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private mutating func object() -> [String: JSONValue]? {
        // A record has about eight members: room made once, instead of growing three times.
        var members: [String: JSONValue] = [:]
        members.reserveCapacity(8)
        guard take(UInt8(ascii: "{")) else { return nil }
        if take(UInt8(ascii: "}")) { return end() ? members : nil }
        repeat {
            guard let key = string(), take(UInt8(ascii: ":")), let value = value(),
                  members.updateValue(value, forKey: key) == nil else { return nil }
        } while take(UInt8(ascii: ","))
        guard take(UInt8(ascii: "}")), end() else { return nil }
        return members
    }

    private mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    /// Skips white space, then consumes `byte` if it comes next.
    private mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func end() -> Bool {
        skipSpace()
        return position == bytes.count
    }

    private mutating func value() -> JSONValue? {
        skipSpace()
        guard position < bytes.count else { return nil }
        switch bytes[position] {
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return literal("null") ? .null : nil
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return integer().map(JSONValue.int)
        default: return nil
        }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard position + length <= bytes.count,
              UnsafeBufferPointer(start: word.utf8Start, count: length).elementsEqual(bytes[position..<(position + length)])
        else { return false }
        position += length
        return true
    }

    /// A whole number that fits `Int`: `-?(0|[1-9][0-9]*)`, not followed by a fraction or an exponent.
    private mutating func integer() -> Int? {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        let digits = position
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
        guard position > digits, bytes[digits] != UInt8(ascii: "0") || position == digits + 1 else { return nil }
        if position < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[position]) {
            return nil
        }
        return Int(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
    }

    /// A string: runs without escapes are copied whole; escapes are decoded.
    private mutating func string() -> String? {
        skipSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        position += 1
        let start = position
        position = JSONStringBytes.plainRunEnd(in: bytes, from: position)
        guard position < bytes.count, bytes[position] >= 0x20 else { return nil }
        if bytes[position] == UInt8(ascii: "\"") {
            position += 1
            // Cut from valid UTF-8 at ASCII quotes, so valid itself: not checked again.
            return UTF8Text.string(validUTF8: bytes[start..<position - 1])
        }
        // Escapes: the runs between them are copied whole.
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count - start)
        var runStart = start
        while true {
            position = JSONStringBytes.plainRunEnd(in: bytes, from: position)
            guard position < bytes.count else { return nil }
            let byte = bytes[position]
            guard byte >= 0x20 else { return nil }
            utf8.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
            position += 1
            if byte == UInt8(ascii: "\"") { return utf8.withUnsafeBufferPointer { UTF8Text.string(validUTF8: $0) } }
            guard position < bytes.count else { return nil }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                guard let scalar = escapedScalar() else { return nil }
                utf8.append(contentsOf: UTF8.encode(scalar).unsafelyUnwrapped)
            default: return nil
            }
            runStart = position
        }
    }

    /// The scalar of a `\uXXXX` escape (the `\u` already read), joining a surrogate pair.
    private mutating func escapedScalar() -> Unicode.Scalar? {
        guard let high = hex4() else { return nil }
        guard (0xD800..<0xDC00).contains(high) else { return Unicode.Scalar(high) }
        guard literal("\\u"), let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
        return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
    }

    private mutating func hex4() -> UInt32? {
        guard position + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[position..<(position + 4)] {
            guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return nil }
            value = value << 4 | UInt32(digit)
        }
        position += 4
        return value
    }
}
