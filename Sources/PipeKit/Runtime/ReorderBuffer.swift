/// Puts elements that finish out of order back in sequence order.
struct ReorderBuffer<Element> {
    private var waiting: [Int: Element] = [:]
    /// The sequence number expected next.
    private(set) var next = 0

    /// The number of elements held back.
    var heldCount: Int { waiting.count }

    /// Takes an element and returns every element now ready, in order.
    mutating func insert(_ element: Element, at sequence: Int) -> [Element] {
        precondition(sequence >= next && waiting[sequence] == nil, "sequence \(sequence) seen twice")
        waiting[sequence] = element
        var ready: [Element] = []
        while let element = waiting.removeValue(forKey: next) {
            ready.append(element)
            next += 1
        }
        return ready
    }
}
