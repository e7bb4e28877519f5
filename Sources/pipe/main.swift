import PipeCLI

// The built-in stages and those of every module in Plugins/ (`pluginStages`, written at build
// time by the StageModules build tool).
await PipeCommand.main(stages: pluginStages)
