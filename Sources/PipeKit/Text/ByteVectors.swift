/// Sixteen bytes read as one SIMD vector, to pass over long runs of text sixteen bytes at a time.
///
/// The search stops at the first vector that holds a match and leaves the rest to ``ByteWords``,
/// eight bytes at a time: a vector costs about as many instructions as a machine word and covers
/// twice the bytes, but only a text whose runs are long gains by it (a JSON string, whose
/// quotes and line breaks come every hundred bytes or so, did not).
package enum ByteVectors {
    /// The sixteen bytes from `offset` on.
    @inlinable
    package static func load(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> SIMD16<UInt8> {
        UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
    }

    /// Whether any lane of a comparison's mask is set: its two halves read as machine words (the
    /// standard library's `any` reduced the lanes one by one here).
    @inlinable @inline(__always)
    package static func hasAny(_ mask: SIMDMask<SIMD16<Int8>>) -> Bool {
        let halves = unsafeBitCast(mask, to: (UInt64, UInt64).self)
        return halves.0 | halves.1 != 0
    }

    /// The offset from `start` on of the first vector of sixteen bytes that `isPlain` turns down,
    /// or of the last bytes, fewer than `16 + lookahead`, that no vector is read from.
    ///
    /// `isPlain` gets the vector at an offset and, when `lookahead` is 1, the one a byte after it
    /// (otherwise the same vector again).
    @inlinable
    package static func skip(
        in bytes: UnsafeBufferPointer<UInt8>, from start: Int, lookahead: Int = 0,
        while isPlain: (_ vector: SIMD16<UInt8>, _ next: SIMD16<UInt8>) -> Bool
    ) -> Int {
        var index = start
        while index + 16 + lookahead <= bytes.count {
            let vector = load(bytes, at: index)
            guard isPlain(vector, lookahead > 0 ? load(bytes, at: index + 1) : vector) else { break }
            index += 16
        }
        return index
    }
}
