import Foundation
import CXML2

/// libxml2's SAX parser fed a feed's bytes in blocks, its events passed to a ``FeedItemCollector``.
///
/// It recovers from the errors feeds in the wild have: an HTML entity XML does not know (`&nbsp;`,
/// `&eacute;`) is read as HTML reads it, and a stray `&` or a broken tag does not stop it. A feed
/// that declares entities in its DTD is refused at the first declaration, without expanding any,
/// so that an entity bomb (billion laughs) costs nothing; no DTD or external entity is loaded.
final class FeedParser {
    private(set) var collector: FeedItemCollector
    /// Why the feed was refused, if it was.
    private(set) var refusal: String?
    /// The first error libxml2 reported, with its line, for a file that gave no item.
    private(set) var firstError: String?
    private var context: xmlParserCtxtPtr?
    /// HTML's named entities, made as libxml2 entities when first met; freed with the parser.
    private var entities: [String: xmlEntityPtr] = [:]

    init(limit: Int) {
        collector = FeedItemCollector(limit: limit)
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { user, name, _, namespace, _, _, count, _, attributes in
            FeedParser.from(user).startElement(name: name, namespace: namespace, count: Int(count), attributes: attributes)
        }
        handler.endElementNs = { user, _, _, _ in FeedParser.from(user).event { $0.end() } }
        handler.characters = { user, bytes, length in FeedParser.from(user).text(bytes, length) }
        handler.cdataBlock = { user, bytes, length in FeedParser.from(user).text(bytes, length) }
        handler.getEntity = { user, name in FeedParser.from(user).entity(name) }
        handler.entityDecl = { user, name, _, _, _, _ in FeedParser.from(user).refuse(name) }
        handler.serror = { user, error in
            guard let user, let error else { return }
            FeedParser.from(user).report(error.pointee)
        }
        let options = Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
                            | XML_PARSE_NOWARNING.rawValue)
        context = xmlCreatePushParserCtxt(&handler, Unmanaged.passUnretained(self).toOpaque(), nil, 0, nil)
        if let context { xmlCtxtUseOptions(context, options) }
    }

    deinit {
        if let context {
            // libxml2 makes a document of its own to keep an entity declaration in (SAX1 compatibility).
            if let document = context.pointee.myDoc { xmlFreeDoc(document) }
            xmlFreeParserCtxt(context)
        }
        for entity in entities.values {
            free(entity.pointee.content)
            free(UnsafeMutableRawPointer(mutating: entity.pointee.name))
            entity.deallocate()
        }
    }

    private static func from(_ user: UnsafeMutableRawPointer?) -> FeedParser {
        // libxml2 hands back the pointer `init` gave it, to this parser, which outlives its context.
        Unmanaged<FeedParser>.fromOpaque(user!).takeUnretainedValue()
    }

    /// Parses `bytes`; `last` says no more follow.
    func parse(_ bytes: UnsafeRawBufferPointer, last: Bool) {
        guard let context, refusal == nil else { return }
        _ = xmlParseChunk(context, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), last ? 1 : 0)
    }

    /// Takes the items completed so far.
    func takeItems() -> [FeedItemCollector.Item] {
        defer { collector.completed = [] }
        return collector.completed
    }

    /// Runs an event, after undoing what an earlier error did: libxml2 drops every entity
    /// reference, `&amp;` included, once a document is not well-formed, which a feed with one
    /// stray `&` would lose all its escaped markup to.
    private func event(_ body: (inout FeedItemCollector) -> Void) {
        context?.pointee.wellFormed = 1
        body(&collector)
    }

    private func startElement(name: UnsafePointer<xmlChar>?, namespace: UnsafePointer<xmlChar>?, count: Int,
                              attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        var values: [String: String] = [:]
        // Five pointers an attribute: name, prefix, namespace, value start, value end.
        for index in 0..<count {
            guard let attributes, let attributeName = attributes[index * 5], let start = attributes[index * 5 + 3],
                  let end = attributes[index * 5 + 4] else { continue }
            let value = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
            values[String(cString: attributeName)] = value
        }
        let name = name.map { String(cString: $0) } ?? ""
        let namespace = namespace.map { String(cString: $0) } ?? ""
        event { $0.start(namespace: namespace, name: name, attributes: values) }
    }

    private func text(_ bytes: UnsafePointer<xmlChar>?, _ length: Int32) {
        guard let bytes, length > 0 else { return }
        let text = String(decoding: UnsafeBufferPointer(start: bytes, count: Int(length)), as: UTF8.self)
        event { $0.characters(text) }
    }

    /// An entity XML does not define: HTML's of that name, as a predefined entity (its text inlined).
    private func entity(_ name: UnsafePointer<xmlChar>?) -> xmlEntityPtr? {
        guard let name else { return nil }
        let key = String(cString: name)
        if let known = entities[key] { return known }
        guard let description = htmlEntityLookup(name) else { return nil }
        var scalar = String(UnicodeScalar(description.pointee.value).map(Character.init) ?? "\u{FFFD}")
        if scalar.isEmpty { scalar = "\u{FFFD}" }
        let entity = xmlEntityPtr.allocate(capacity: 1)
        entity.initialize(to: xmlEntity())
        entity.pointee.type = XML_ENTITY_DECL
        entity.pointee.etype = XML_INTERNAL_PREDEFINED_ENTITY
        entity.pointee.name = UnsafePointer(Self.copy(key))
        entity.pointee.content = Self.copy(scalar)
        entity.pointee.length = Int32(scalar.utf8.count)
        entities[key] = entity
        return entity
    }

    /// `text` as a C string of the C library's heap, freed with `free`.
    private static func copy(_ text: String) -> UnsafeMutablePointer<xmlChar>? {
        text.withCString { strdup($0) }.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: xmlChar.self) }
    }

    private func refuse(_ name: UnsafePointer<xmlChar>?) {
        guard refusal == nil else { return }
        let entity = name.map { String(cString: $0) } ?? ""
        refusal = "the feed declares the XML entity `\(entity)` in its DTD: Pipe refuses feeds that declare entities, "
            + "which an entity bomb (billion laughs) needs, and expands none"
        if let context { xmlStopParser(context) }
    }

    private func report(_ error: xmlError) {
        guard firstError == nil, error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let message = error.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "an error"
        firstError = "line \(error.line): \(message)"
    }
}
