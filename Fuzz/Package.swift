// swift-tools-version: 6.2
// libFuzzer targets for Pipe's input-facing code. Its own package, so that `swift build` and
// `swift test` of Pipe never need the fuzzer runtime. Build and run with Scripts/fuzz.sh.
import PackageDescription

let targets = [
    "FuzzCSV", "FuzzDatedText", "FuzzFeed", "FuzzHTML", "FuzzJSONDocument", "FuzzJSONLines", "FuzzNormalize", "FuzzPipelineFile", "FuzzWARC",
]

let package = Package(
    name: "PipeFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Pipe", path: "..")],
    targets: [
        .target(
            name: "FuzzSupport",
            dependencies: [.product(name: "PipeKit", package: "Pipe"), .product(name: "PipeStages", package: "Pipe")]
        ),
    ] + targets.map { name in
        .executableTarget(
            name: name,
            dependencies: [
                "FuzzSupport",
                .product(name: "PipeKit", package: "Pipe"),
                .product(name: "PipeStages", package: "Pipe"),
            ]
        )
    }
)
