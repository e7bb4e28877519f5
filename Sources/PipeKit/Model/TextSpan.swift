/// A half-open range of text, counted in Unicode scalars (code points) from the start of a field.
///
/// Python, JavaScript's `codePointAt` and most JSON consumers index strings this way.
public struct TextSpan: Sendable, Hashable, Codable {
    /// The first scalar of the span.
    public var start: Int
    /// One past the last scalar of the span.
    public var end: Int

    /// Creates a span; `end` must not be below `start`.
    public init(start: Int, end: Int) {
        precondition(end >= start, "a span ends before it starts")
        self.start = start
        self.end = end
    }

    /// The number of scalars in the span.
    public var count: Int { end - start }

    /// The text of the span inside `text`, or `nil` when the span is out of its bounds.
    public func text(in text: String) -> String? {
        let scalars = text.unicodeScalars
        guard start >= 0, end <= scalars.count else { return nil }
        let lower = scalars.index(scalars.startIndex, offsetBy: start)
        let upper = scalars.index(lower, offsetBy: count)
        return String(scalars[lower..<upper])
    }
}
