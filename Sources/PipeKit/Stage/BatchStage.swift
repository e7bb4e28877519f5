/// A stage that takes a whole batch of items in one call, for work with a cost per call: a child
/// process, a network service.
///
/// The runtime hands it each batch that reaches the stage (up to the pipeline's batch size) and
/// applies the stage's `on_error` policy to each failed item, as for ``Stage/process(_:context:)``,
/// which a batch stage still implements for single items. The stage enforces `timeout:`
/// (``StageContext/timeout``) itself, per item. Throwing from ``process(batch:context:)`` stops
/// the run: keep that for failures no item can get past, such as a child that dies on every article.
public protocol BatchStage<Input, Output>: Stage {
    /// Processes `inputs` together: one result per input, in order (`nil` drops the item).
    func process(batch inputs: [Input], context: StageContext) async throws -> [Result<Output?, any Error>]
}
