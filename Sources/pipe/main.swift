import PipeCLI
import PipePostgres

// The built-in stages and those of every module in Plugins/ (`pluginStages`, written at build
// time by the StageModules build tool), and the connector `input: {format: postgres}` claims from.
await PipeCommand.main(stages: pluginStages, connectors: [PostgresConnector()])
