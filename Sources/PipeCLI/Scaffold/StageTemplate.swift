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

    /// `<Module>StageTests.swift`.
    var test: String {
        """
        import PipeKit
        import Testing
        import \(name.module)

        @Suite("\(name.module)Stage")
        struct \(name.module)StageTests {
            let setup = StageSetup(pipeline: "test", stageID: "\(name.type)")
            let context = StageContext(stageID: "\(name.type)", pipeline: "test")

            @Test func countsTheWordsOfTheBody() async throws {
                let stage = try \(name.module)Stage(options: .init(), setup: setup)
                let article = Article(id: "a", source: "test", title: "Title", body: "One two three. Four five.")
                let result = try await stage.process(article, context: context)
                #expect(result?.fields["\(name.field)"] == .object(["words": .int(5)]))
            }

            @Test(arguments: ["", "body", "entities"])
            func refusesAFieldThatIsNotCustom(field: String) {
                var options = \(name.module)Stage.Options()
                options.field = field
                #expect(throws: OptionError.self) { try \(name.module)Stage(options: options, setup: setup) }
            }
        }

        """
    }
}
