import PipeCLI
import PipeStages

await PipeCommand.main(registry: BuiltinStages.registry)
