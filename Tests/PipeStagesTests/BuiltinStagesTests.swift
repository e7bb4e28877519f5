@testable import PipeKit
import PipeStages
import Testing

@Suite("BuiltinStages")
struct BuiltinStagesTests {
    @Test(arguments: BuiltinStages.registry.descriptors.map(\.name))
    func everyDeclaredOptionIsDecodedOnce(stage: String) throws {
        let descriptor = try #require(BuiltinStages.registry[stage])
        let declared = descriptor.options.map(\.name)
        #expect(Set(declared).count == declared.count, "a key declared twice")
        #expect(descriptor.decodedKeys() == declared)
    }

    @Test(arguments: BuiltinStages.registry.descriptors.map(\.name))
    func everyOptionHasHelpAndAKnownType(stage: String) throws {
        let descriptor = try #require(BuiltinStages.registry[stage])
        for field in descriptor.options {
            #expect(!field.summary.isEmpty && !field.type.isEmpty, "\(stage).\(field.name)")
            #expect(!field.isRequired || field.defaultValue == nil, "\(stage).\(field.name): a required key has no default")
        }
    }
}
