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
    ///
    /// Walks the scalars up to the span's end only: the text's whole count was a pass over all of
    /// it for every span cut from it.
    public func text(in text: String) -> String? {
        let scalars = text.unicodeScalars
        guard start >= 0,
              let lower = scalars.index(scalars.startIndex, offsetBy: start, limitedBy: scalars.endIndex),
              let upper = scalars.index(lower, offsetBy: count, limitedBy: scalars.endIndex) else { return nil }
        return String(scalars[lower..<upper])
    }
}
