import PipeCLI
import PipeKit
import PipeStages
import ReadingTime

var registry = BuiltinStages.registry
registry.register(ReadingTimeStage.self)
await PipeCommand.main(registry: registry)
