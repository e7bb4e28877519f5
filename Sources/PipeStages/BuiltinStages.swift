import PipeKit

/// The stages that ship with Pipe.
public enum BuiltinStages {
    /// A registry holding every built-in stage.
    public static var registry: StageRegistry {
        var registry = StageRegistry()
        registry.register(ParseStage.self)
        registry.register(NormalizeStage.self)
        registry.register(FilterStage.self)
        registry.register(DedupeStage.self)
        registry.register(TranslateStubStage.self)
        registry.register(ExtractStage.self)
        registry.register(ExecStage.self)
        registry.register(ExportStage.self)
        return registry
    }
}
