/// Hands out elements smallest first: a binary heap, built in linear time, so that taking the
/// first few of many costs little more than reading them once.
///
/// The keyword extractor takes its candidate phrases from it until it has its keywords, about 15
/// of 150–200 phrases an article. Keeping a sorted array of the best 48 instead cost an insertion
/// (a binary search and a shift) for most of the first hundred phrases.
struct SmallestFirst<Element: Comparable>: ~Copyable {
    private var heap: UnsafeMutableBufferPointer<Element>
    /// How many elements are left.
    private(set) var count: Int

    /// A heap of `elements`.
    init(_ elements: [Element]) {
        heap = .allocate(capacity: elements.count)
        count = heap.initialize(fromContentsOf: elements)
        for parent in stride(from: count / 2 - 1, through: 0, by: -1) { siftDown(parent) }
    }

    deinit {
        UnsafeMutableBufferPointer(rebasing: heap[..<count]).deinitialize()
        heap.deallocate()
    }

    /// Removes and returns the smallest element, or `nil` when none is left.
    mutating func popFirst() -> Element? {
        guard count > 0 else { return nil }
        count -= 1
        let last = heap.moveElement(from: count)
        guard count > 0 else { return last }
        let first = heap.moveElement(from: 0)
        heap.initializeElement(at: 0, to: last)
        siftDown(0)
        return first
    }

    /// Moves the element at `start` down until neither child is smaller.
    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            var smallest = parent
            let left = 2 * parent + 1, right = left + 1
            if left < count, heap[left] < heap[smallest] { smallest = left }
            if right < count, heap[right] < heap[smallest] { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
