import Yams

/// Decodes a ``StageOptions`` type through its compiler-made `init(from:)`, giving each
/// ``Option`` the value under its key in a YAML mapping, and collecting every problem instead of
/// stopping at the first.
struct OptionsDecoder: Decoder {
    /// The problems found; a class so that the containers the decoder hands out can add to it.
    final class Log {
        var problems: [OptionProblem] = []
        /// The keys of the options the type's `init(from:)` asked for.
        var keysRead: [String] = []
    }

    /// The mapping of options; `nil` when the YAML gives none.
    let mapping: Node?
    /// Each declaration, by the name of the property that holds it.
    let declarations: [String: any OptionDeclaration]
    /// The declared keys, in declaration order, for the unknown-key check and its hint.
    let keys: [String]
    /// Required keys that something else supplies (the command line), so not reported missing.
    let supplied: Set<String>
    let log = Log()

    /// A decoder of `Options` from `mapping`; it reflects `Options()` once for the declarations.
    init<Options: StageOptions>(_ type: Options.Type, mapping: Node?, supplied: Set<String> = []) {
        let declared = Options.declarations
        self.mapping = mapping
        declarations = Dictionary(declared.map { ($0.property, $0.declaration) }, uniquingKeysWith: { first, _ in first })
        keys = declared.map(\.declaration.key)
        self.supplied = supplied
    }

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Decodes `Options` from `mapping`, with every problem found; a value that is wrong or
    /// left out keeps its default.
    static func decode<Options: StageOptions>(
        _ type: Options.Type, from mapping: Node?, supplied: Set<String> = []
    ) -> (options: Options, problems: [OptionProblem]) {
        let decoder = OptionsDecoder(type, mapping: mapping, supplied: supplied)
        decoder.checkKeys()
        do {
            return (try Options(from: decoder), decoder.log.problems)
        } catch {
            // Only a mistake in the type gets here: a stored property that is not an `@Option`,
            // or a hand-written `init(from:)`.
            return (Options(), decoder.log.problems + [OptionProblem(.notDeclared("\(Options.self)"), at: mapping)])
        }
    }

    /// Reports every key of the mapping that no option declares.
    private func checkKeys() {
        for (key, _) in mapping?.mapping ?? [:] where !keys.contains(key.scalar?.string ?? "") {
            log.problems.append(OptionProblem(.unknownKey(key.scalar?.string ?? "", known: keys), at: key))
        }
    }

    /// The declaration with its value from the mapping, or as declared when the key is left out
    /// or its value is wrong (the problem is logged).
    func value(of declaration: any OptionDeclaration) -> any OptionDeclaration {
        log.keysRead.append(declaration.key)
        guard let node = mapping?.mapping?.first(where: { $0.key.scalar?.string == declaration.key })?.value else {
            if declaration.isRequired, !supplied.contains(declaration.key) {
                log.problems.append(OptionProblem(.missing(declaration.field), at: mapping))
            }
            return declaration
        }
        do {
            return try declaration.decoded(from: node)
        } catch {
            log.problems.append(.invalid(declaration.field, error, node: node))
            return declaration
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Container(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw Self.notOptions(codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw Self.notOptions(codingPath)
    }

    static func notOptions(_ path: [any CodingKey]) -> DecodingError {
        .dataCorrupted(.init(codingPath: path, debugDescription: "every stored property of stage options must be an @Option"))
    }
}
