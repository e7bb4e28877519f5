// swift-tools-version: 6.2
// Micro-benchmarks of Pipe's stages over real articles (../../shared/corpus), with
// ordo-one/benchmark (formerly package-benchmark). Its own package, so that `swift test` and CI of Pipe do not build it.
// Run: cd Benchmarks && swift package --disable-sandbox benchmark
// Instruction counts: Benchmarks/instructions.sh
import PackageDescription

let package = Package(
    name: "PipeBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Pipe", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "PipeBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PipeKit", package: "Pipe"),
                .product(name: "PipeStages", package: "Pipe"),
            ],
            path: "Benchmarks/PipeBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Runs one part of the work for instructions.sh to count under callgrind. Not under
        // `Benchmarks/`, where the benchmark plugin takes every executable for a benchmark to run.
        .executableTarget(
            name: "PipeInstructions",
            dependencies: [
                .product(name: "PipeKit", package: "Pipe"),
                .product(name: "PipeStages", package: "Pipe"),
            ],
            path: "Tools/PipeInstructions"
        ),
    ]
)
