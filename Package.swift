// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "Pipe",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "pipe", targets: ["pipe"]),
        .library(name: "PipeKit", targets: ["PipeKit"]),
        .library(name: "PipeStages", targets: ["PipeStages"]),
        .library(name: "PipeCLI", targets: ["PipeCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV.git", from: "0.10.0"),
    ],
    targets: [
        .target(
            name: "PipeKit",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "PipeStages",
            dependencies: ["PipeKit", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(name: "CMallocTuning"),
        .target(
            name: "PipeCLI",
            dependencies: [
                "PipeKit",
                "CMallocTuning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "ReadingTime", dependencies: ["PipeKit"], path: "Plugins/ReadingTime"),
        .executableTarget(name: "pipe", dependencies: ["PipeCLI", "PipeKit", "PipeStages", "ReadingTime"]),
        .testTarget(name: "PipeKitTests", dependencies: ["PipeKit"]),
        .testTarget(
            name: "PipeStagesTests",
            dependencies: [
                "PipeStages", "PipeKit",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ]
        ),
        .testTarget(name: "PipeCLITests", dependencies: ["PipeCLI", "PipeStages", "PipeKit"]),
        .testTarget(name: "ReadingTimeTests", dependencies: ["ReadingTime", "PipeStages", "PipeKit"]),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.name != "CMallocTuning" {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
