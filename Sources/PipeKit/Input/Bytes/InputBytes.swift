/// Opens an input file's bytes, decompressed when they are compressed.
package enum InputBytes {
    /// The bytes of `descriptor`, decompressed when they start with the magic bytes of a
    /// ``Compression`` format, whatever the file is called (standard input included), and
    /// converted from `encoding` to UTF-8 when one is given.
    ///
    /// - Throws: ``PipeError`` when the first bytes cannot be read.
    package static func open(descriptor: Int32, closesDescriptor: Bool, stop: StopSignal? = nil,
                             encoding: String? = nil) throws -> any ByteSource {
        try open(DescriptorSource(descriptor: descriptor, closesDescriptor: closesDescriptor, stop: stop), encoding: encoding)
    }

    /// `source`'s bytes, decompressed when they start with the magic bytes of a ``Compression``
    /// format, and converted from `encoding` to UTF-8 when one is given.
    package static func open(_ source: any ByteSource, encoding: String? = nil) throws -> any ByteSource {
        let bytes = try decompressed(source)
        return try encoding.map { try IconvSource(bytes, from: $0) } ?? bytes
    }

    private static func decompressed(_ source: any ByteSource) throws -> any ByteSource {
        var head = [UInt8](repeating: 0, count: Compression.magicLength)
        let count = try head.withUnsafeMutableBytes { try source.readFully(into: $0) }
        head.removeLast(head.count - count)
        let replayed = PrefixedSource(head, then: source)
        guard let format = Compression.detect(head) else { return replayed }
        return try DecompressingSource(replayed, format: format)
    }
}
