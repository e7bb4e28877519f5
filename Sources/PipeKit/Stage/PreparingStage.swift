/// An in-order stage whose work on an item splits in two: a pure part that may run on any
/// worker, in any order, and the part that must run in input order.
///
/// When the stage follows stages that run on several workers, the runtime calls
/// ``prepare(_:context:)`` there, on every worker, right after those stages, and hands what it
/// made to ``process(_:prepared:context:)`` in order. Export works so: records are encoded on
/// every core while one task appends them to the file. Anywhere else the stage prepares each
/// item itself, just before processing it.
public protocol PreparingStage<Input, Output>: Stage {
    /// What ``prepare(_:context:)`` makes of an item.
    associatedtype Prepared: Sendable

    /// The part of the work that needs no order and no state shared with other items.
    func prepare(_ input: Input, context: StageContext) -> Prepared

    /// The in-order part, with what ``prepare(_:context:)`` made of `input`.
    func process(_ input: Input, prepared: Prepared, context: StageContext) async throws -> Output?
}

extension PreparingStage {
    /// Prepares the item, then processes it.
    public func process(_ input: Input, context: StageContext) async throws -> Output? {
        try await process(input, prepared: prepare(input, context: context), context: context)
    }
}
