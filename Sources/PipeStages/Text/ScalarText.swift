/// Fast helpers for building text scalar by scalar, with ASCII fast paths.
struct ScalarText {
    /// The text being built, as UTF-8.
    private(set) var utf8: [UInt8] = []

    init(capacity: Int = 0) {
        utf8.reserveCapacity(capacity)
    }

    var isEmpty: Bool { utf8.isEmpty }

    mutating func append(_ scalar: Unicode.Scalar) {
        if scalar.isASCII {
            utf8.append(UInt8(truncatingIfNeeded: scalar.value))
        } else {
            UTF8.encode(scalar) { utf8.append($0) }
        }
    }

    mutating func append(contentsOf scalars: some Sequence<Unicode.Scalar>) {
        for scalar in scalars { append(scalar) }
    }

    var string: String { String(decoding: utf8, as: UTF8.self) }

    /// Whether a scalar is white space, without a property lookup for ASCII.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return scalar == " " || (0x09...0x0D).contains(scalar.value)
        }
        return scalar.properties.isWhitespace || scalar == "\u{200B}"
    }
}

extension String {
    /// The text's Unicode scalars in an array, decoded in one pass into room for one scalar per
    /// byte (never fewer); an ASCII text is widened byte by byte (71% of a news stream's bodies).
    var scalarArray: [Unicode.Scalar] {
        var text = self
        return text.withUTF8 { bytes in
            let ascii = TextNormalizer.asciiPrefixLength(bytes)
            return [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { buffer, count in
                for index in 0..<ascii { buffer[index] = Unicode.Scalar(bytes[index]) }
                count = ascii
                guard ascii < bytes.count else { return }
                for scalar in String(decoding: UnsafeBufferPointer(rebasing: bytes[ascii...]), as: UTF8.self).unicodeScalars {
                    buffer[count] = scalar
                    count += 1
                }
            }
        }
    }

    /// The text of a run of scalars, encoded in one allocation; ASCII scalars without the encoder.
    init(scalars: some Collection<Unicode.Scalar>) {
        var utf8Count = 0
        for scalar in scalars { utf8Count += UTF8.width(scalar) }
        self.init(unsafeUninitializedCapacity: utf8Count) { buffer in
            var index = 0
            for scalar in scalars {
                if scalar.isASCII {
                    buffer[index] = UInt8(truncatingIfNeeded: scalar.value)
                    index += 1
                } else {
                    UTF8.encode(scalar) { byte in
                        buffer[index] = byte
                        index += 1
                    }
                }
            }
            return index
        }
    }
}
