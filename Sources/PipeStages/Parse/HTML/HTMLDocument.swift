import CXML2

/// A page parsed by libxml2's HTML parser, which recovers from broken markup; the tree is freed
/// with the document.
final class HTMLDocument {
    private let document: htmlDocPtr
    /// The root element.
    let root: HTMLNode

    /// Parses `utf8`, a page or a fragment of one in UTF-8; nil when libxml2 finds no element.
    init?(utf8: [UInt8]) {
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue)
        let parsed = utf8.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    htmlReadMemory($0, Int32(clamping: buffer.count), nil, "UTF-8", options)
                }
            }
        }
        guard let parsed else { return nil }
        guard let root = xmlDocGetRootElement(parsed) else {
            xmlFreeDoc(parsed)
            return nil
        }
        document = parsed
        self.root = HTMLNode(pointer: root)
    }

    deinit {
        xmlFreeDoc(document)
    }
}
