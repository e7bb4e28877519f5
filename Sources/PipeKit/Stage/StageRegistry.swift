/// The stage types a pipeline file may name, by their `type:`.
///
/// The engine knows no concrete stage: the executable registers the built-in ones and any
/// custom modules, then hands the registry to the loader.
public struct StageRegistry: Sendable {
    private var byName: [String: StageDescriptor] = [:]
    /// The registered stages in registration order.
    public private(set) var descriptors: [StageDescriptor] = []
    /// The connectors for inputs that are queues, by format.
    private var connectors: [InputFormat: any QueueConnector] = [:]

    /// An empty registry.
    public init() {}

    /// Registers a stage type; a later registration under the same name replaces the earlier one.
    ///
    /// Inlinable, so that the module naming `S` specializes the stage's batch loop for it
    /// (``AnyStage/init(_:id:type:concurrency:onError:location:)``).
    @inlinable
    public mutating func register<S: ConfigurableStage>(_ type: S.Type) {
        add(StageDescriptor(type))
    }

    /// Adds a descriptor, replacing one of the same name.
    @usableFromInline
    mutating func add(_ descriptor: StageDescriptor) {
        if byName[descriptor.name] != nil {
            descriptors.removeAll { $0.name == descriptor.name }
        }
        byName[descriptor.name] = descriptor
        descriptors.append(descriptor)
    }

    /// Registers stage types given as a list, for example a module's `stages`.
    public mutating func register(_ types: [any ConfigurableStage.Type]) {
        for type in types { register(type) }
    }

    /// This registry with every stage of `other` added.
    public func merging(_ other: StageRegistry) -> StageRegistry {
        var merged = self
        for descriptor in other.descriptors {
            merged.byName[descriptor.name] = descriptor
            merged.descriptors.removeAll { $0.name == descriptor.name }
            merged.descriptors.append(descriptor)
        }
        merged.connectors.merge(other.connectors) { _, theirs in theirs }
        return merged
    }

    /// Registers the connector `pipe` claims `connector.format` input from, replacing an earlier one.
    public mutating func connect(_ connector: any QueueConnector) {
        connectors[connector.format] = connector
    }

    /// The connector registered for `format`.
    public func connector(for format: InputFormat) -> (any QueueConnector)? {
        connectors[format]
    }

    /// The stage registered under `name`.
    public subscript(name: String) -> StageDescriptor? { byName[name] }

    /// The registered names, in registration order.
    public var names: [String] { descriptors.map(\.name) }

    /// The registered name nearest to a misspelt one, when it is near enough to be a typo.
    public func closestName(to name: String) -> String? {
        Suggestion.closest(to: name, among: names)
    }
}
