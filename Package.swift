// swift-tools-version: 6.2
import Foundation
import PackageDescription

/// Stage modules in `Plugins/`: every folder there with a `Sources` folder is a module of its own
/// (and `Tests`, when it has one, its test target), compiled into `pipe`, which registers their
/// `stages` through the `StageModules` build tool. A folder with a `Package.swift` of its own
/// (a package built apart) or without `Sources` (scripts for `exec`) is left alone.
/// SwiftPM reads this folder list only when it evaluates the manifest again: after adding a
/// module, build once with `--manifest-cache none --disable-build-manifest-caching` (Docs/Plugins.md).
let stageModules: [(name: String, hasTests: Bool, resources: [Resource])] = {
    let plugins = URL(fileURLWithPath: Context.packageDirectory).appendingPathComponent("Plugins")
    let files = FileManager.default
    func exists(_ url: URL) -> Bool { files.fileExists(atPath: url.path) }
    let names = (try? files.contentsOfDirectory(atPath: plugins.path)) ?? []
    return names.sorted().compactMap { name in
        let folder = plugins.appendingPathComponent(name)
        guard !name.hasPrefix("."), exists(folder.appendingPathComponent("Sources")),
              !exists(folder.appendingPathComponent("Package.swift")) else { return nil }
        // Files in `Sources/Resources` are compiled into the module (`PackageResources.<file_name>`),
        // so that `pipe` keeps working wherever its binary is copied.
        let resources = (try? files.contentsOfDirectory(atPath: folder.appendingPathComponent("Sources/Resources").path)) ?? []
        return (name, exists(folder.appendingPathComponent("Tests")),
                resources.sorted().filter { !$0.hasPrefix(".") }.map { .embedInCode("Resources/\($0)") })
    }
}()

let package = Package(
    name: "Pipe",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "pipe", targets: ["pipe"]),
        .library(name: "PipeKit", targets: ["PipeKit"]),
        .library(name: "PipeStages", targets: ["PipeStages"]),
        .library(name: "PipeCLI", targets: ["PipeCLI"]),
        .library(name: "PipeTesting", targets: ["PipeTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV.git", from: "0.10.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.5.0"),
    ],
    targets: [
        // Debian's zlib, libzstd, libbz2 and liblzma, for compressed input (Scripts/setup.sh installs them).
        .systemLibrary(name: "CCompression", providers: [.apt(["zlib1g-dev", "libzstd-dev", "libbz2-dev", "liblzma-dev"])]),
        // Debian's libxml2, whose HTML parser reads web pages and SAX parser feeds (Scripts/setup.sh installs it).
        .systemLibrary(name: "CXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // Debian's libpq, PostgreSQL's own C client, for the postgres queue (Scripts/setup.sh installs it).
        .systemLibrary(name: "CPostgres", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(
            name: "PipeKit",
            dependencies: [
                "CCompression",
                "CXML2",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "PipeStages",
            dependencies: [
                "PipeKit",
                "CXML2",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C interface, for binding the export's rows (`SQLiteInsert`).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                // FilePath, for Subprocess; Apple platforms have it in their System framework.
                .product(name: "SystemPackage", package: "swift-system", condition: .when(platforms: [.linux])),
            ],
            // The default English entity model, trained by `pipe train ner` (Docs/Quality.md).
            resources: [.copy("Tagger/Resources/ner-en.pipemodel"), .copy("TranslateStub/Resources/langid.profiles")]
        ),
        // PostgreSQL as a work queue and a results table (Docs/Scaling.md); only `pipe` links it.
        .target(
            name: "PipePostgres",
            dependencies: ["PipeKit", "CPostgres", .product(name: "Logging", package: "swift-log")]
        ),
        // Runs stages and pipelines inside Swift tests: for stage authors (Docs/WritingAStage.md).
        .target(name: "PipeTesting", dependencies: ["PipeKit"]),
        .target(
            name: "PipeCLI",
            dependencies: [
                "PipeKit",
                "PipeStages",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "pipe",
            dependencies: ["PipeCLI", "PipeKit", "PipePostgres"] + stageModules.map { .target(name: $0.name) },
            // jemalloc replaces glibc's malloc in the whole process: with glibc, a worker that
            // frees what another thread allocated waits on that thread's arena (design record 0009).
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))],
            plugins: [.plugin(name: "StageModules")]
        ),
        .plugin(name: "StageModules", capability: .buildTool(), path: "BuildTools/StageModules"),
        .testTarget(name: "PipeKitTests", dependencies: ["PipeKit", "PipeTesting", "CCompression"]),
        .testTarget(name: "PipePostgresTests", dependencies: ["PipePostgres", "PipeKit"]),
        .testTarget(
            name: "PipeStagesTests",
            dependencies: [
                "PipeStages", "PipeKit", "PipeTesting",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ],
            // Programs the tests run as children of `exec` stages.
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "PipeCLITests",
            dependencies: [
                "PipeCLI", "PipeStages", "PipeKit", "PipePostgres",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Yams", package: "Yams"),
            ],
            // A translation service the tests start on 127.0.0.1.
            exclude: ["Fixtures"]
        ),
    ] + stageModules.flatMap { module -> [Target] in
        let source = Target.target(name: module.name, dependencies: ["PipeKit"], path: "Plugins/\(module.name)/Sources",
                                   resources: module.resources)
        guard module.hasTests else { return [source] }
        return [source, .testTarget(name: "\(module.name)Tests", dependencies: [.target(name: module.name), "PipeStages", "PipeKit", "PipeTesting"],
                                    path: "Plugins/\(module.name)/Tests")]
    },
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .plugin && target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
