import Foundation

/// The files of a Swift package that builds its own `pipe` with a stage of its own.
///
/// It depends on Pipe's library products (`PipeKit` for the stage, `PipeCLI` for the command),
/// the way the OpenTelemetry collector builder or xcaddy assemble a binary with extra parts.
struct PluginPackageTemplate {
    /// Where the package finds Pipe.
    enum Dependency {
        /// A checkout on this machine, by path.
        case path(String)
        /// A git repository, from a version on.
        case url(String, from: String)

        /// The `.package(…)` line.
        var declaration: String {
            switch self {
            case .path(let path): ".package(path: \(Self.quoted(path)))"
            case .url(let url, let version): ".package(url: \(Self.quoted(url)), from: \(Self.quoted(version)))"
            }
        }

        /// The package's identity, which `.product(name:package:)` names: the last part of its
        /// path or URL, without `.git`.
        var identity: String {
            let text: String
            switch self {
            case .path(let path): text = path
            case .url(let url, _): text = url
            }
            let last = text.split(separator: "/").last.map(String.init) ?? text
            return last.hasSuffix(".git") ? String(last.dropLast(4)) : last
        }

        static func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
    }

    let name: StageName
    let dependency: Dependency

    /// The executable's name: `pipe-<type>`, since Pipe's own `pipe` is a product of the dependency.
    var executableName: String { "pipe-" + name.type }

    /// Every file, by its path in the package.
    var files: [(path: String, text: String)] {
        let stage = StageTemplate(name: name)
        return [
            ("Package.swift", manifest),
            ("Sources/\(name.module)/\(name.module)Stage.swift", stage.stage),
            ("Sources/\(name.module)/Stages.swift", stage.registration),
            ("Sources/\(name.module)Pipe/\(name.module)Pipe.swift", executable),
            ("Tests/\(name.module)Tests/\(name.module)StageTests.swift", stage.test),
            ("pipeline.yaml", pipeline),
            ("samples/first-article.txt", sample),
            (".gitignore", ".build/\nPackage.resolved\nout/\n.pipe/\n"),
            ("README.md", readme),
        ]
    }

    var manifest: String {
        let pipe = Dependency.quoted(dependency.identity)
        return """
        // swift-tools-version: 6.2
        import PackageDescription

        // A `pipe` with the stages of this package added to the built-in ones.
        let package = Package(
            name: "\(name.type)",
            platforms: [.macOS(.v15)],
            products: [
                .executable(name: "\(executableName)", targets: ["\(name.module)Pipe"]),
                .library(name: "\(name.module)", targets: ["\(name.module)"]),
            ],
            dependencies: [
                \(dependency.declaration),
            ],
            targets: [
                .target(name: "\(name.module)", dependencies: [.product(name: "PipeKit", package: \(pipe))]),
                .executableTarget(
                    name: "\(name.module)Pipe",
                    dependencies: ["\(name.module)", .product(name: "PipeCLI", package: \(pipe))],
                    // The allocator `pipe` is linked with on Linux (Debian: libjemalloc-dev); without it, workers
                    // that free what another thread allocated wait on glibc's locks.
                    linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
                ),
                .testTarget(name: "\(name.module)Tests", dependencies: [
                    "\(name.module)", .product(name: "PipeKit", package: \(pipe)), .product(name: "PipeTesting", package: \(pipe)),
                ]),
            ],
            swiftLanguageModes: [.v6]
        )

        """
    }

    var executable: String {
        """
        import PipeCLI
        import \(name.module)

        /// `\(executableName)`: `pipe` with the built-in stages and those of `\(name.module)`.
        @main
        struct \(name.module)Pipe {
            static func main() async {
                await PipeCommand.main(stages: \(name.module).stages)
            }
        }

        """
    }

    var pipeline: String {
        """
        # The stage of this package in a pipeline: swift run \(executableName) run pipeline.yaml
        pipeline: \(name.type)
        input:
          path: samples
          format: dated-text
        stages:
          - type: parse
          - type: normalize
          - type: \(name.type)
          - type: export
            options:
              path: out/\(name.type).jsonl

        """
    }

    var sample: String {
        """
         date 2026-01-05 https://example.org/\(name.type)/first-article

        A First Article for the New Stage

        This short article was written by `pipe new plugin` so that the pipeline has something to read. Replace it with your own articles.

        Each paragraph is separated by an empty line. The stage counts the words of the body.

        """
    }

    var readme: String {
        """
        # \(name.type)

        `\(executableName)`: Pipe's `pipe` with the stage `\(name.type)` added to the built-in stages.

        ```sh
        swift build                                  # builds \(executableName)
        swift test                                   # runs the stage's test
        swift run \(executableName) stages \(name.type)   # describes the stage
        swift run \(executableName) run pipeline.yaml     # runs it over samples/, writes out/\(name.type).jsonl
        ```

        The stage is `Sources/\(name.module)/\(name.module)Stage.swift`; `Stages.swift` lists what the
        package registers. Pipe's `Docs/Plugins.md` and `Docs/WritingAStage.md` explain the protocol.

        """
    }
}
