/// Writes compact JSON into a byte buffer, keys in the order they are given.
///
/// Export and the dead-letter file use it so that the same article always gives the same bytes:
/// no key sorting surprises, no floating-point locale, no escaping of `/` or non-ASCII text.
public struct JSONWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    /// Whether each open object or array needs a comma before its next value, one bit a level,
    /// the innermost lowest: no array to grow or check for every value written.
    private var needsComma: UInt64 = 0
    /// How many objects and arrays are open.
    private var depth = 0
    /// The bits of levels more than 64 deep (custom fields may nest that far), outermost first.
    private var deepNeedsComma: [Bool] = []

    /// Creates an empty writer.
    public init() {}

    /// Creates a writer with room for `capacity` bytes, so that writing a large value does not
    /// grow the buffer step by step.
    public init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Opens an object (`{`).
    public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); open() }
    /// Closes the innermost object (`}`).
    public mutating func endObject() { close(); bytes.append(UInt8(ascii: "}")) }
    /// Opens an array (`[`).
    public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); open() }
    /// Closes the innermost array (`]`).
    public mutating func endArray() { close(); bytes.append(UInt8(ascii: "]")) }

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
    public mutating func key(_ key: String) {
        separate()
        appendString(key)
        bytes.append(UInt8(ascii: ":"))
        // The value that follows needs no comma.
        needsComma &= ~1
    }

    /// Writes `key` and an array with one object per element, whose members `members` writes.
    public mutating func objects<Element>(_ key: String, _ elements: [Element], members: (inout JSONWriter, Element) -> Void) {
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
        guard value >= 0 else { return bytes.append(contentsOf: String(value).utf8) }
        // Digits written straight into the buffer, most significant first.
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
    /// Writes a Boolean.
    public mutating func bool(_ value: Bool) { separate(); bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    /// Writes `null`.
    public mutating func null() { separate(); bytes.append(contentsOf: "null".utf8) }

    /// Writes a number with a fraction in its shortest round-tripping form; `null` when not finite.
    public mutating func double(_ value: Double) {
        guard value.isFinite else { return null() }
        separate()
        bytes.append(contentsOf: value.description.utf8)
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
    public mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    private mutating func separate() {
        guard depth > 0 else { return }
        if needsComma & 1 != 0 { bytes.append(UInt8(ascii: ",")) }
        needsComma |= 1
    }

    /// Appends `text` quoted, copying the runs that need no escape in one go.
    private mutating func appendString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            var index = JSONStringBytes.plainRunEnd(in: utf8, from: 0)
            while index < utf8.count {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                appendEscaped(utf8[index])
                runStart = index + 1
                index = JSONStringBytes.plainRunEnd(in: utf8, from: runStart)
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscaped(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x00..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        default: bytes.append(byte)
        }
    }
}
