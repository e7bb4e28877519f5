/// Text gathered from nodes as UTF-8 bytes, white space collapsed as it comes, cut into
/// paragraphs at two `<br>` in a row; strings are made once, per paragraph.
struct HTMLTextBuilder {
    private var paragraphs: [[UInt8]] = [[]]
    private var breaks = 0
    private var pendingSpace = false

    /// Appends the text below `node`, leaving out the subtrees `skip` names.
    mutating func append(_ node: HTMLNode, skipping skip: (HTMLNode) -> Bool, depth: Int = 0) {
        guard depth < 512 else { return }
        for child in node.children {
            if let bytes = child.textBytes {
                appendText(bytes)
            } else if child.isElement, !skip(child) {
                if child.tagID == .br {
                    appendBreak()
                } else {
                    append(child, skipping: skip, depth: depth + 1)
                }
            }
        }
    }

    /// A `<br>`: a space, or with the one before it, the end of a paragraph.
    mutating func appendBreak() {
        breaks += 1
        if breaks == 2 { endParagraph() } else { pendingSpace = true }
    }

    /// Ends the paragraph being written (a block element's end); an empty one is not kept.
    mutating func endParagraph() {
        if !(paragraphs.last?.isEmpty ?? false) { paragraphs.append([]) }
        pendingSpace = false
    }

    /// Appends a text node's bytes, white space collapsed.
    mutating func appendText(_ bytes: UnsafePointer<UInt8>) {
        var index = 0
        while true {
            let byte = bytes[index]
            if byte == 0 { break }
            index += 1
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                pendingSpace = true
                continue
            }
            // A no-break space (U+00A0) is white space too.
            if byte == 0xC2, bytes[index] == 0xA0 {
                index += 1
                pendingSpace = true
                continue
            }
            breaks = 0
            if pendingSpace, !(paragraphs[paragraphs.count - 1].isEmpty) { paragraphs[paragraphs.count - 1].append(0x20) }
            pendingSpace = false
            paragraphs[paragraphs.count - 1].append(byte)
        }
    }

    /// The text as paragraphs (one, unless `splittingAtBreaks`), empty ones left out.
    func paragraphs(splittingAtBreaks: Bool) -> [String] {
        let parts = splittingAtBreaks ? paragraphs : [Array(paragraphs.filter { !$0.isEmpty }.joined(separator: [0x20]))]
        return parts.filter { !$0.isEmpty }.map { String(decoding: $0, as: UTF8.self) }
    }
}
