extension OptionsDecoder {
    /// The keyed container the compiler-made `init(from:)` reads each `@Option` from; any other
    /// kind of stored property is refused.
    struct Container<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: OptionsDecoder

        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { decoder.declarations.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { decoder.declarations[key.stringValue] != nil }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            guard let declaration = decoder.declarations[key.stringValue],
                  let value = decoder.value(of: declaration) as? T else { throw refused(key) }
            return value
        }

        func decodeNil(forKey key: Key) throws -> Bool { throw refused(key) }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { throw refused(key) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { throw refused(key) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { throw refused(key) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { throw refused(key) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { throw refused(key) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { throw refused(key) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { throw refused(key) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { throw refused(key) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { throw refused(key) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { throw refused(key) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { throw refused(key) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { throw refused(key) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { throw refused(key) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { throw refused(key) }

        func nestedContainer<NestedKey: CodingKey>(
            keyedBy type: NestedKey.Type, forKey key: Key
        ) throws -> KeyedDecodingContainer<NestedKey> {
            throw refused(key)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw refused(key) }
        func superDecoder() throws -> any Decoder { throw OptionsDecoder.notOptions([]) }
        func superDecoder(forKey key: Key) throws -> any Decoder { throw refused(key) }

        private func refused(_ key: Key) -> DecodingError {
            OptionsDecoder.notOptions([key])
        }
    }
}
