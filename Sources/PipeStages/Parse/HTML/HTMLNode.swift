import CXML2

/// A libxml2 node, read without copying the tree: its tag, attributes, children and text.
struct HTMLNode: Hashable {
    let pointer: xmlNodePtr

    var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }
    var isText: Bool { pointer.pointee.type == XML_TEXT_NODE || pointer.pointee.type == XML_CDATA_SECTION_NODE }

    /// The lowercased tag name of an element.
    var tag: String {
        guard let name = pointer.pointee.name else { return "" }
        return String(cString: name).lowercased()
    }

    /// The text of a text node.
    var text: String {
        guard let content = pointer.pointee.content else { return "" }
        return String(cString: content)
    }

    var parent: HTMLNode? {
        guard let parent = pointer.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return HTMLNode(pointer: parent)
    }

    var children: [HTMLNode] {
        var result: [HTMLNode] = []
        var child = pointer.pointee.children
        while let node = child {
            result.append(HTMLNode(pointer: node))
            child = node.pointee.next
        }
        return result
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

    /// Every element below this one, in document order.
    func descendants(where matches: (HTMLNode) -> Bool) -> [HTMLNode] {
        var result: [HTMLNode] = []
        func walk(_ node: HTMLNode, depth: Int) {
            guard depth < 512 else { return }
            for child in node.children where child.isElement {
                if matches(child) { result.append(child) }
                walk(child, depth: depth + 1)
            }
        }
        walk(self, depth: 0)
        return result
    }

    /// The node's text, white space collapsed; `skipping` leaves out whole subtrees.
    func innerText(skipping skip: (HTMLNode) -> Bool = { _ in false }) -> String {
        var pieces: [String] = []
        func walk(_ node: HTMLNode, depth: Int) {
            guard depth < 512 else { return }
            for child in node.children {
                if child.isText {
                    pieces.append(child.text)
                } else if child.isElement, !skip(child) {
                    if child.tag == "br" { pieces.append(" ") }
                    walk(child, depth: depth + 1)
                }
            }
        }
        walk(self, depth: 0)
        return pieces.joined().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The node's text cut into paragraphs where two `<br>` or more follow each other (as blogs
    /// write paragraphs), white space collapsed, empty ones left out.
    func textsBetweenBreaks(skipping skip: (HTMLNode) -> Bool = { _ in false }) -> [String] {
        var paragraphs: [String] = [], current: [String] = []
        var breaks = 0
        func flush() {
            let text = current.joined().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            if !text.isEmpty { paragraphs.append(text) }
            current = []
        }
        func walk(_ node: HTMLNode, depth: Int) {
            guard depth < 512 else { return }
            for child in node.children {
                if child.isText {
                    if !child.text.allSatisfy(\.isWhitespace) { breaks = 0 }
                    current.append(child.text)
                } else if child.isElement, !skip(child) {
                    if child.tag == "br" {
                        breaks += 1
                        if breaks == 2 { flush() } else { current.append(" ") }
                    } else {
                        breaks = 0
                        walk(child, depth: depth + 1)
                    }
                }
            }
        }
        walk(self, depth: 0)
        flush()
        return paragraphs
    }
}
