import ArgumentParser

/// The commands' `@Option` is swift-argument-parser's; PipeKit's `Option` declares the options of
/// stages in pipeline files.
typealias Option<Value> = ArgumentParser.Option<Value>
