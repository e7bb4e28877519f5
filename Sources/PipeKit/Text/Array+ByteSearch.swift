extension Array where Element == UInt8 {
    /// The first range at or after `start` where `pattern` occurs.
    package func firstRange(of pattern: [UInt8], from start: Int) -> Range<Int>? {
        guard !pattern.isEmpty, count >= pattern.count, start <= count - pattern.count else { return nil }
        var index = start
        while index <= count - pattern.count {
            guard let first = self[index...(count - pattern.count)].firstIndex(of: pattern[0]) else { return nil }
            if self[first..<(first + pattern.count)].elementsEqual(pattern) { return first..<(first + pattern.count) }
            index = first + 1
        }
        return nil
    }
}
