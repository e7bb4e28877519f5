// libyaml's event parser, vendored by Yams as its `CYaml` module: the guard must see the aliases
// before Yams composes (and hashes) the tree they would expand into.
import CYaml

/// Checks what Yams cannot check safely or point at precisely, before the file is composed:
/// alias abuse, and keys given twice in one mapping (with the position of the second).
///
/// A "billion laughs" file defines an anchor and aliases it in the definition of the next, so a
/// few hundred bytes expand into billions of nodes; an alias used as a mapping key makes the
/// composer hash the whole expanded tree. Both would hang or exhaust memory in `Yams.compose`.
/// The guard reads libyaml's events once (linear in the text), counts alias uses, and adds up
/// the size every alias would expand to, without building anything.
struct YAMLPreflight {
    /// The most alias uses a pipeline file may make.
    static let maximumAliases = 100
    /// The most nodes the file may hold once every alias is expanded.
    static let maximumNodes = 100_000

    /// What the check refuses, with the 1-based line and column of the alias or key.
    enum Finding: Equatable {
        case tooManyAliases(line: Int, column: Int)
        case tooLarge(line: Int, column: Int)
        case aliasKey(line: Int, column: Int)
        case duplicateKey(String, line: Int, column: Int, firstLine: Int)
    }

    /// The first finding in `text`, or nil; a syntax error also gives nil (Yams reports it).
    static func check(_ text: String) -> Finding? {
        var text = text
        return text.withUTF8 { bytes in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var scan = Scan()
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return nil }
                if let finding = scan.take(event) { return finding }
            }
            return nil
        }
    }

    /// The running counts over the events.
    private struct Scan {
        /// One open sequence or mapping: its expanded size so far, its anchor, and (for a
        /// mapping) whether the next node is a key.
        struct Frame {
            var size = 1
            var anchor: String?
            var isMapping: Bool
            var expectsKey: Bool
            /// The plain keys met so far, with their lines.
            var keys: [String: Int] = [:]
        }

        var frames: [Frame] = []
        var anchorSizes: [String: Int] = [:]
        var aliases = 0
        var total = 0

        mutating func take(_ event: yaml_event_t) -> Finding? {
            let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
            switch event.type {
            case YAML_SCALAR_EVENT:
                if startNode(), let last = frames.indices.last, let key = Self.string(event.data.scalar.value) {
                    if let firstLine = frames[last].keys[key] {
                        return .duplicateKey(key, line: line, column: column, firstLine: firstLine)
                    }
                    frames[last].keys[key] = line
                }
                if let anchor = Self.string(event.data.scalar.anchor) { anchorSizes[anchor] = 1 }
                return add(1, line: line, column: column)
            case YAML_ALIAS_EVENT:
                let isKey = startNode()
                aliases += 1
                if isKey { return .aliasKey(line: line, column: column) }
                if aliases > YAMLPreflight.maximumAliases { return .tooManyAliases(line: line, column: column) }
                let size = Self.string(event.data.alias.anchor).flatMap { anchorSizes[$0] } ?? 1
                return add(size, line: line, column: column)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                _ = startNode()
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                let anchor = Self.string(isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor)
                frames.append(Frame(anchor: anchor, isMapping: isMapping, expectsKey: isMapping))
                return nil
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = frames.popLast() else { return nil }
                if let anchor = frame.anchor { anchorSizes[anchor] = frame.size }
                return add(frame.size, line: line, column: column, countsTowardsTotal: false)
            default:
                return nil
            }
        }

        /// Notes that a node starts; whether it is a mapping key.
        mutating func startNode() -> Bool {
            guard let last = frames.indices.last, frames[last].isMapping else { return false }
            defer { frames[last].expectsKey.toggle() }
            return frames[last].expectsKey
        }

        /// Adds a finished node's expanded size to its parent and to the file's total.
        mutating func add(_ size: Int, line: Int, column: Int, countsTowardsTotal: Bool = true) -> Finding? {
            if let last = frames.indices.last { frames[last].size = min(frames[last].size + size, Int.max / 2) }
            if countsTowardsTotal { total = min(total + size, Int.max / 2) }
            let largest = max(total, frames.last?.size ?? 0)
            return largest > YAMLPreflight.maximumNodes ? .tooLarge(line: line, column: column) : nil
        }

        static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: $0) }
        }
    }
}
