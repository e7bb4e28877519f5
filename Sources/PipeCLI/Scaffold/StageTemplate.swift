/// The Swift files of a new stage module: the stage, its registration and its test.
///
/// The stage is small but complete (options with defaults and checks, a field contract, doc
/// comments), so that it builds, passes its test and runs in a pipeline as generated.
struct StageTemplate {
    let name: StageName

    /// `<Module>Stage.swift`.
    var stage: String {
        """
        import PipeKit

        /// Counts an article's words into a custom field.
        ///
        /// ```yaml
        /// - type: \(name.type)
        ///   options: { field: \(name.field) }
        /// ```
        /// Sets `field` to `{"words": 412}`. Edit ``process(_:context:)`` to do
        /// your own work, and ``fieldAccess`` to say which fields it needs and sets.
        public struct \(name.module)Stage: ConfigurableStage {
            /// The options of `\(name.type)`.
            public struct Options: StageOptions {
                /// The custom field to set. `@Option` declares the key, its default and its help
                /// once: Pipe decodes the YAML, checks keys and prints `pipe stages \(name.type)` from it.
                @Option("field", help: "custom field that receives the counts")
                public var field = "\(name.field)"

                /// The defaults.
                public init() {}
            }

            /// The YAML `type:`.
            public static let name = "\(name.type)"
            /// One line for `pipe stages`.
            public static let summary = "Count the words of the body into a custom field"

            /// The options in force.
            public let options: Options

            /// Creates the stage; an ``OptionError`` is reported at the option's line and column.
            public init(options: Options, setup: StageSetup) throws {
                guard !options.field.isEmpty, !Article.recordFields.contains(options.field) else {
                    throw OptionError(key: "field", "`field` must name a custom field, not `\\(options.field)`",
                                      hint: "the default is `\(name.field)`")
                }
                self.options = options
            }

            /// Needs the body; sets the custom field.
            public var fieldAccess: FieldAccess {
                FieldAccess(reads: ["body"], writes: [ArticleField(options.field)])
            }

            /// Counts one article.
            public func process(_ article: consuming Article, context: StageContext) async throws -> Article? {
                article.fields[options.field] = .object(["words": .int(article.wordCount)])
                return article
            }
        }

        """
    }

    /// `Stages.swift`: what the module registers.
    var registration: String {
        """
        import PipeKit

        /// The stages of this module, registered by `pipe`.
        public let stages: [any ConfigurableStage.Type] = [\(name.module)Stage.self]

        """
    }

    /// `<Module>StageTests.swift`: written with `PipeTesting`, which runs the stage as a pipeline would.
    var test: String {
        """
        import PipeKit
        import PipeTesting
        import Testing
        import \(name.module)

        @Suite("\(name.module)Stage")
        struct \(name.module)StageTests {
            @Test func countsTheWordsOfTheBody() async throws {
                let stage = try StageTest.make(\(name.module)Stage.self)
                let run = try await StageTest.run(stage, over: [.sample(body: "One two three. Four five.")])
                #expect(run.outputs.map { $0.fields["\(name.field)"] } == [.object(["words": .int(5)])])
                #expect(run.failures.isEmpty)
            }

            @Test(arguments: ["field: \\"\\"", "field: body", "field: entities"])
            func refusesAFieldThatIsNotCustom(options: String) throws {
                let error = try #require(throws: PipelineFileError.self) {
                    try StageTest.make(\(name.module)Stage.self, options: options)
                }
                #expect(error.diagnostics.first?.location?.line == 1)
            }

            @Test func declaresItsOptionsSoundly() {
                #expect(StageTest.declarationProblems(\(name.module)Stage.self).isEmpty)
            }
        }

        """
    }
}
