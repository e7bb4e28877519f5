import PipeKit

/// The stages of this module: `pipe` registers every module's `stages` (see Docs/Plugins.md).
public let stages: [any ConfigurableStage.Type] = [SentimentStage.self]
