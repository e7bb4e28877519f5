import Yams

/// What the registry knows about a stage type: its name, types, options and how to build it.
public struct StageDescriptor: Sendable {
    /// The YAML `type:`.
    public let name: String
    /// One line for `pipe stages`.
    public let summary: String
    /// What the stage consumes.
    public let inputType: DataType
    /// What the stage produces.
    public let outputType: DataType
    /// Every option key.
    public let options: [OptionField]
    /// Whether the stage runs with one worker, in input order.
    public let runsInOrder: Bool
    /// Whether the stage is a ``WriterStage``: it encodes in the workers of the stage before it
    /// and writes in input order.
    public let isWriter: Bool

    /// The keys the options type's `init(from:)` reads, in order, for the check that every
    /// declared key is decoded; `nil` when it refuses a stored property that is not an `@Option`.
    @usableFromInline
    package let decodedKeys: @Sendable () -> [String]?

    @usableFromInline
    let build: @Sendable (Node?, StageSetup, Concurrency, ErrorPolicy, SourceLocation?) throws -> AnyStage

    /// Describes a configurable stage type.
    @inlinable
    public init<S: ConfigurableStage>(_ type: S.Type) {
        name = S.name
        summary = S.summary
        inputType = DataType(S.Input.self)
        outputType = DataType(S.Output.self)
        options = S.Options.fields
        runsInOrder = S.runsInOrder
        isWriter = S.self is any WriterStage.Type
        decodedKeys = { StageDescriptor.keysRead(by: S.Options.self) }
        build = { node, setup, concurrency, policy, location in
            let options = try StageDescriptor.decodeOptions(S.Options.self, from: node)
            let stage = try S(options: options, setup: setup)
            return AnyStage(stage, id: setup.stageID, type: S.name, concurrency: concurrency,
                            onError: policy, location: location)
        }
    }

    /// The options decoded from `node`; throws ``OptionProblems`` listing every problem.
    @usableFromInline
    static func decodeOptions<Options: StageOptions>(_ type: Options.Type, from node: Node?) throws -> Options {
        let decoded = OptionsDecoder.decode(type, from: node)
        guard decoded.problems.isEmpty else { throw OptionProblems(problems: decoded.problems) }
        return decoded.options
    }

    /// The keys `Options`' `init(from:)` reads when given none; `nil` when it throws.
    @usableFromInline
    static func keysRead<Options: StageOptions>(by type: Options.Type) -> [String]? {
        let decoder = OptionsDecoder(type, mapping: nil)
        guard (try? Options(from: decoder)) != nil else { return nil }
        return decoder.log.keysRead
    }

    /// The fields the stage reads and sets with its default options; nil when it has required options.
    public var defaultFieldAccess: FieldAccess? {
        let setup = StageSetup(pipeline: "-", stageID: name)
        return (try? build(Node.mapping(Node.Mapping([])), setup, .workers(1), .fail, nil))?.fieldAccess
    }
}
