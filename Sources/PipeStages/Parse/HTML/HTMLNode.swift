import CXML2

/// A libxml2 node, read without copying the tree: its tag, attributes, children and text.
struct HTMLNode: Hashable {
    let pointer: xmlNodePtr

    var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }
    var isText: Bool { pointer.pointee.type == XML_TEXT_NODE || pointer.pointee.type == XML_CDATA_SECTION_NODE }

    /// The tag name of an element, as libxml2's HTML parser gives it: in lower case.
    var tag: String {
        guard let name = pointer.pointee.name else { return "" }
        return String(cString: name)
    }

    /// The element's tag, told apart without making a string.
    var tagID: HTMLTag { HTMLTag(name: pointer.pointee.name) }

    /// The text of a text node.
    var text: String {
        guard let content = pointer.pointee.content else { return "" }
        return String(cString: content)
    }

    /// The bytes of a text node's text, NUL-terminated; nil for another node.
    var textBytes: UnsafePointer<UInt8>? { isText ? UnsafePointer(pointer.pointee.content) : nil }

    var parent: HTMLNode? {
        guard let parent = pointer.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return HTMLNode(pointer: parent)
    }

    /// The node's children, in order, without collecting them.
    var children: Children { Children(first: pointer.pointee.children) }

    /// A node's children as a sequence that follows libxml2's links.
    struct Children: Sequence, IteratorProtocol {
        private var upcoming: xmlNodePtr?

        init(first: xmlNodePtr?) {
            upcoming = first
        }

        mutating func next() -> HTMLNode? {
            guard let node = upcoming else { return nil }
            upcoming = node.pointee.next
            return HTMLNode(pointer: node)
        }
    }

    /// A number kept in the node for the application (libxml2's `_private`, which its HTML parser
    /// leaves alone): 0 until it is set.
    var slot: Int {
        get { Int(bitPattern: pointer.pointee._private) }
        nonmutating set { pointer.pointee._private = UnsafeMutableRawPointer(bitPattern: newValue) }
    }

    /// The value of the attribute `name`, read from the node's attribute list.
    func attribute(_ name: String) -> String? {
        var property = pointer.pointee.properties
        while let attribute = property {
            if let attributeName = attribute.pointee.name, String(cString: attributeName).lowercased() == name {
                var value = ""
                var child = attribute.pointee.children
                while let node = child {
                    if let content = node.pointee.content { value += String(cString: content) }
                    child = node.pointee.next
                }
                return value
            }
            property = attribute.pointee.next
        }
        return nil
    }

    /// Calls `body` with each attribute's name and value bytes (names in lower case, as the HTML parser gives them).
    func forEachAttribute(_ body: (UnsafePointer<UInt8>, UnsafePointer<UInt8>?) -> Void) {
        var property = pointer.pointee.properties
        while let attribute = property {
            if let name = attribute.pointee.name {
                body(UnsafePointer(name), attribute.pointee.children.flatMap { UnsafePointer($0.pointee.content) })
            }
            property = attribute.pointee.next
        }
    }

    /// The node's text, white space collapsed; `skipping` leaves out whole subtrees.
    func innerText(skipping skip: (HTMLNode) -> Bool = { _ in false }) -> String {
        var builder = HTMLTextBuilder()
        builder.append(self, skipping: skip)
        return builder.paragraphs(splittingAtBreaks: false).joined(separator: " ")
    }

    /// The node's text cut into paragraphs where two `<br>` or more follow each other (as blogs
    /// write paragraphs), white space collapsed, empty ones left out.
    func textsBetweenBreaks(skipping skip: (HTMLNode) -> Bool = { _ in false }) -> [String] {
        var builder = HTMLTextBuilder()
        builder.append(self, skipping: skip)
        return builder.paragraphs(splittingAtBreaks: true)
    }
}

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
