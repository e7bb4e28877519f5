/// Writes compact JSON into a byte buffer, keys in the order they are given.
///
/// Export and the dead-letter file use it so that the same article always gives the same bytes:
/// no key sorting surprises, no floating-point locale, no escaping of `/` or non-ASCII text.
///
/// The writer owns its buffer and cannot be copied, so that writing a byte is a store and a
/// capacity check: in an array, each of the thousands of small writes of an article's
/// annotations also asked whether the buffer was shared.
public struct JSONWriter: ~Copyable {
    /// The buffer; `count` bytes of it are written.
    private var buffer: UnsafeMutableBufferPointer<UInt8>
    /// How many bytes are written.
    public private(set) var count = 0
    /// Whether each open object or array needs a comma before its next value, one bit a level,
    /// the innermost lowest: no array to grow or check for every value written.
    private var needsComma: UInt64 = 0
    /// How many objects and arrays are open.
    private var depth = 0
    /// The bits of levels more than 64 deep (custom fields may nest that far), outermost first.
    private var deepNeedsComma: [Bool] = []
    /// The last long string written and where its escaped bytes are in the buffer, kept so that
    /// the same string written again (a translation that is the text itself) is copied from
    /// there instead of searched for escapes once more. Holding the string keeps its storage
    /// from being freed, so a string with the same storage address is the same string.
    private var lastLong: (text: String, escaped: Range<Int>)?
    /// How long a string must be to be kept as ``lastLong``.
    private static let longString = 256

    /// Creates an empty writer.
    public init() {
        self.init(capacity: 256)
    }

    /// Creates a writer with room for `capacity` bytes, so that writing a large value does not
    /// grow the buffer step by step.
    public init(capacity: Int) {
        buffer = .allocate(capacity: max(capacity, 16))
    }

    deinit { buffer.deallocate() }

    /// Forgets everything written, keeping the buffer, so that one writer serves many small values.
    public mutating func removeAll() {
        count = 0
        needsComma = 0
        depth = 0
        deepNeedsComma.removeAll(keepingCapacity: true)
        lastLong = nil
    }

    /// A copy of the bytes written so far; ``withBytes(_:)`` lends them without copying.
    public var bytes: [UInt8] { Array(buffer[..<count]) }

    /// Lends the bytes written so far to `body`, without copying them.
    public func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(rebasing: buffer[..<count]))
    }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > buffer.count { grow(to: count + extra) }
    }

    @inline(never)
    private mutating func grow(to needed: Int) {
        let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(needed, 2 * buffer.count))
        _ = larger.initialize(fromContentsOf: buffer[..<count])
        buffer.deallocate()
        buffer = larger
    }

    private mutating func append(_ byte: UInt8) {
        reserve(1)
        buffer.initializeElement(at: count, to: byte)
        count += 1
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count)
        _ = buffer[count...].initialize(fromContentsOf: bytes)
        count += bytes.count
    }

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    private mutating func append(utf8 text: String) {
        Self.withUTF8(of: text) { append($0) }
    }

    /// Lends `text`'s UTF-8 to `body`: a native string's bytes as they are; only another kind is
    /// copied to a `var` for `withUTF8` (a copy of every string costs it a retain and a release).
    /// Inlined: called out of line with its closure, it made export 8% slower.
    @inline(__always)
    private static func withUTF8(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if text.utf8.withContiguousStorageIfAvailable(body) == nil {
            var text = text
            text.withUTF8(body)
        }
    }

    /// Opens an object (`{`).
    public mutating func beginObject() { separate(); append(UInt8(ascii: "{")); open() }
    /// Closes the innermost object (`}`).
    public mutating func endObject() { close(); append(UInt8(ascii: "}")) }
    /// Opens an array (`[`).
    public mutating func beginArray() { separate(); append(UInt8(ascii: "[")); open() }
    /// Closes the innermost array (`]`).
    public mutating func endArray() { close(); append(UInt8(ascii: "]")) }

    private mutating func open() {
        if depth >= 64 { deepNeedsComma.append(needsComma >> 63 != 0) }
        needsComma <<= 1
        depth += 1
    }

    private mutating func close() {
        depth -= 1
        needsComma >>= 1
        if depth >= 64, deepNeedsComma.removeLast() { needsComma |= 1 << 63 }
    }

    /// Writes an object key; the value must follow.
    @_disfavoredOverload
    public mutating func key(_ key: String) {
        separate()
        appendString(key)
        append(UInt8(ascii: ":"))
        // The value that follows needs no comma.
        needsComma &= ~1
    }

    /// Writes an object key written in the source, as most are; the value must follow.
    ///
    /// Its bytes are copied as they are: such a key holds no quote, backslash or control
    /// character (debug builds check). The keys were a quarter of an article's export when each
    /// was opened as a `String` and searched for bytes to escape; ``key(_:)-(String)`` is chosen
    /// only for a key that is not a literal.
    @inline(__always)
    public mutating func key(_ key: StaticString) {
        separate()
        // A string literal's bytes (a key is no single-scalar literal, which has none).
        let name = UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
        assert(!name.contains(where: JSONStringBytes.isSpecial), "a literal key needs no escape")
        reserve(name.count + 3)
        // In locals, so that the loop's stores are not taken to change `buffer` or `count`.
        let output = buffer, start = count
        output.initializeElement(at: start, to: UInt8(ascii: "\""))
        for index in name.indices { output.initializeElement(at: start + 1 + index, to: name[index]) }
        output.initializeElement(at: start + 1 + name.count, to: UInt8(ascii: "\""))
        output.initializeElement(at: start + 2 + name.count, to: UInt8(ascii: ":"))
        count = start + name.count + 3
        // The value that follows needs no comma.
        needsComma &= ~1
    }

    /// Writes `key` and an array with one object per element, whose members `members` writes.
    public mutating func objects<Element>(_ key: StaticString, _ elements: [Element], members: (inout JSONWriter, Element) -> Void) {
        self.key(key)
        beginArray()
        // By index, so that an element is lent to `members`, not copied (a retain and a release
        // of each of its strings and arrays).
        for index in elements.indices {
            beginObject()
            members(&self, elements[index])
            endObject()
        }
        endArray()
    }

    /// Writes a string value.
    public mutating func string(_ value: String) { separate(); appendString(value) }
    /// Writes a string value, or `null` for `nil`.
    public mutating func string(_ value: String?) { if let value { string(value) } else { null() } }
    /// Writes a whole number.
    public mutating func int(_ value: Int) {
        separate()
        guard value >= 0 else { return append(utf8: String(value)) }
        // The digits are counted by comparison, then written straight into the buffer from the
        // last, two at a time: a division by 100 and two bytes of a table of the pairs.
        var digits = 1
        var power = 10
        while digits < 19, value >= power {
            digits += 1
            power &*= 10
        }
        reserve(digits)
        let pairs: StaticString = """
            00010203040506070809101112131415161718192021222324252627282930313233343536373839\
            40414243444546474849505152535455565758596061626364656667686970717273747576777879\
            8081828384858687888990919293949596979899
            """
        var rest = value
        var position = count + digits
        while rest >= 10 {
            let pair = 2 * (rest % 100)
            rest /= 100
            position -= 2
            buffer.initializeElement(at: position, to: pairs.utf8Start[pair])
            buffer.initializeElement(at: position + 1, to: pairs.utf8Start[pair + 1])
        }
        if position > count { buffer.initializeElement(at: count, to: UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest)) }
        count += digits
    }
    /// Writes a Boolean.
    public mutating func bool(_ value: Bool) { separate(); append(value ? "true" : "false") }
    /// Writes `null`.
    public mutating func null() { separate(); append("null") }

    /// Writes a number with a fraction in its shortest round-tripping form; `null` when not finite.
    public mutating func double(_ value: Double) {
        guard value.isFinite else { return null() }
        separate()
        append(utf8: value.description)
    }

    /// Writes any JSON value; object keys come out in byte order.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .int(let number): int(number)
        case .double(let number): double(number)
        case .string(let text): string(text)
        case .array(let items):
            beginArray()
            for item in items { self.value(item) }
            endArray()
        case .object(let members):
            beginObject()
            for name in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                key(name)
                self.value(members[name] ?? .null)
            }
            endObject()
        }
    }

    /// Appends raw bytes, for example a newline between JSON Lines records.
    public mutating func raw(_ text: String) { append(utf8: text) }

    @inline(__always)
    private mutating func separate() {
        guard depth > 0 else { return }
        if needsComma & 1 != 0 { append(UInt8(ascii: ",")) }
        needsComma |= 1
    }

    /// Appends `text` quoted and escaped.
    private mutating func appendString(_ text: String) {
        append(UInt8(ascii: "\""))
        if text.utf8.count < Self.longString {
            Self.withUTF8(of: text) { appendEscaped($0) }
        } else {
            appendLongString(text)
        }
        append(UInt8(ascii: "\""))
    }

    /// Appends a long string escaped, or copies its escaped bytes when it is ``lastLong``.
    @inline(never)
    private mutating func appendLongString(_ text: String) {
        Self.withUTF8(of: text) { utf8 in
            if let lastLong, Self.isSameStorage(lastLong.text, utf8) {
                reserve(lastLong.escaped.count)
                // Within the buffer, from where it was escaped to its end.
                let base = buffer.baseAddress.unsafelyUnwrapped
                (base + count).update(from: base + lastLong.escaped.lowerBound, count: lastLong.escaped.count)
                count += lastLong.escaped.count
                return
            }
            let start = count
            appendEscaped(utf8)
            lastLong = (text, start..<count)
        }
    }

    /// Whether `utf8` are the bytes of `text`'s own storage (not only the same bytes elsewhere).
    private static func isSameStorage(_ text: String, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { $0.baseAddress == utf8.baseAddress && $0.count == utf8.count } ?? false
    }

    /// Appends UTF-8 with the bytes JSON strings cannot hold escaped, copying the runs that need no escape in one go.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        var index = JSONStringBytes.plainRunEnd(in: utf8, from: 0)
        while index < utf8.count {
            append(UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            appendEscaped(utf8[index])
            runStart = index + 1
            index = JSONStringBytes.plainRunEnd(in: utf8, from: runStart)
        }
        append(UnsafeBufferPointer(rebasing: utf8[runStart...]))
    }

    private mutating func appendEscaped(_ byte: UInt8) {
        append(UInt8(ascii: "\\"))
        switch byte {
        case 0x0A: append(UInt8(ascii: "n"))
        case 0x0D: append(UInt8(ascii: "r"))
        case 0x09: append(UInt8(ascii: "t"))
        case 0x00..<0x20:
            let hex: StaticString = "0123456789abcdef"
            append("u00")
            append(hex.utf8Start[Int(byte >> 4)])
            append(hex.utf8Start[Int(byte & 0xF)])
        default: append(byte)
        }
    }
}
