/// UTF-8 checked once: a validator that passes over ASCII eight bytes at a time, and strings made
/// from bytes already known to be valid without checking them again.
///
/// The standard library validates every `String(decoding:as:)` and `String(validating:as:)`
/// byte by byte once it meets a non-ASCII byte: about nine instructions a byte for a news article
/// with one curly quote, which `parse` paid twice (the line, then each value cut from it) and
/// `normalize` once more for the text it writes.
package enum UTF8Text {
    /// What well-formed UTF-8 holds.
    package enum Content: Sendable, Equatable {
        /// ASCII bytes only.
        case ascii
        /// Some scalar beyond ASCII.
        case unicode
    }

    /// Where text stops being well-formed UTF-8.
    package struct InvalidUTF8: Error, Equatable {
        /// The offset of the first byte of the first ill-formed sequence: the bytes before it
        /// are whole, valid scalars.
        package let offset: Int
    }

    /// Whether `bytes` are well-formed UTF-8.
    package static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { if case .success = validate($0) { true } else { false } }
    }

    /// Whether `bytes` are well-formed UTF-8 and, if so, whether they are all ASCII; if not,
    /// where the first ill-formed sequence starts.
    ///
    /// Well-formed as Unicode's table 3-7 says: no overlong form, no surrogate, nothing above
    /// U+10FFFF, no sequence cut short. ASCII runs are passed over eight bytes at a time.
    package static func validate(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Content, InvalidUTF8> {
        var index = 0, isASCII = true
        while true {
            index = nonASCIIIndex(in: bytes, from: index)
            guard index < bytes.count else { break }
            let lead = bytes[index]
            isASCII = false
            // The range the second byte must fall in, which rules out overlong forms, surrogates
            // and scalars above U+10FFFF; every later byte is a plain continuation byte.
            let length: Int, second: ClosedRange<UInt8>
            switch lead {
            case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
            case 0xE0: (length, second) = (3, 0xA0...0xBF)
            case 0xE1...0xEC, 0xEE, 0xEF: (length, second) = (3, 0x80...0xBF)
            case 0xED: (length, second) = (3, 0x80...0x9F)
            case 0xF0: (length, second) = (4, 0x90...0xBF)
            case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
            case 0xF4: (length, second) = (4, 0x80...0x8F)
            default: return .failure(InvalidUTF8(offset: index))
            }
            guard index + length <= bytes.count, second.contains(bytes[index + 1]) else { return .failure(InvalidUTF8(offset: index)) }
            for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return .failure(InvalidUTF8(offset: index)) }
            index += length
        }
        return .success(isASCII ? .ascii : .unicode)
    }

    /// Whether every byte is ASCII, eight bytes at a time.
    package static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        nonASCIIIndex(in: bytes, from: 0) == bytes.count
    }

    /// The index of the first byte from `start` on that is not ASCII, or `bytes.count`; eight bytes at a time.
    package static func nonASCIIIndex(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        ByteWords.firstIndex(in: bytes, from: start, marks: { $0 & ByteWords.repeating(0x80) }, where: { $0 >= 0x80 })
    }

    /// A string of `bytes`, which must be valid UTF-8 (checked by ``validate(_:)``, cut from valid
    /// text at scalar boundaries, or encoded scalar by scalar), copied without checking them again.
    ///
    /// `isASCII` is worked out when not given: a string that knows it is ASCII takes the fast
    /// paths of the standard library later (counting, indexing, comparing).
    package static func string(validUTF8 bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool? = nil) -> String {
        assert(String(validating: bytes, as: UTF8.self) != nil, "UTF8Text.string(validUTF8:) was given bytes that are not valid UTF-8")
        return String(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: isASCII ?? Self.isASCII(bytes)))
    }

    /// ``string(validUTF8:isASCII:)`` of a slice of bytes.
    package static func string(validUTF8 bytes: Slice<UnsafeBufferPointer<UInt8>>, isASCII: Bool? = nil) -> String {
        string(validUTF8: UnsafeBufferPointer(rebasing: bytes), isASCII: isASCII)
    }
}
