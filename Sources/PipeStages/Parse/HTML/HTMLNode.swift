import CXML2

/// A libxml2 node, read without copying the tree: its tag, attributes, children and text.
struct HTMLNode: Hashable {
    let pointer: xmlNodePtr

    var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }
    var isText: Bool { pointer.pointee.type == XML_TEXT_NODE || pointer.pointee.type == XML_CDATA_SECTION_NODE }

    /// The element's tag, told apart without making a string.
    var tagID: HTMLTag { HTMLTag(name: pointer.pointee.name) }

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
