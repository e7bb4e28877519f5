@testable import PipeKit
import Testing

@Suite("Segment")
struct SegmentTests {
    static func stage(_ id: String, _ concurrency: Concurrency) -> AnyStage {
        AnyStage(SlowStage<Article>(delay: .zero), id: id, concurrency: concurrency, onError: .fail)
    }

    static func fused(_ stages: [AnyStage]) -> [Segment] {
        Segment.fuse(stages, contexts: stages.map { StageContext(stageID: $0.id, pipeline: "t") })
    }

    @Test func neighboursOfTheSameWidthShareASegmentAndAChangeOfWidthSplitsIt() {
        let segments = Self.fused([
            Self.stage("a", .workers(2)), Self.stage("b", .workers(2)),
            Self.stage("c", .workers(1)), Self.stage("d", .workers(1)),
            Self.stage("e", .workers(3)), Self.stage("f", .workers(2)),
        ])
        #expect(segments.map { $0.stages.map(\.stage.id) } == [["a", "b"], ["c", "d"], ["e"], ["f"]])
        #expect(segments.map(\.width) == [2, 1, 3, 2])
        #expect(segments.map { $0.stages.map(\.index) } == [[0, 1], [2, 3], [4], [5]])
    }

    @Test func autoIsOneWorkerPerCoreAndFusesWithTheSameCount() {
        let cores = Concurrency.auto.workerCount
        let segments = Self.fused([Self.stage("a", .auto), Self.stage("b", .workers(cores)), Self.stage("c", .workers(cores + 1))])
        #expect(segments.map { $0.stages.map(\.stage.id) } == [["a", "b"], ["c"]])
    }

    @Test func aWriterJoinsTheSegmentBeforeItWhateverItsWidth() {
        let writer = AnyStage(ListWriter(written: Collected()), id: "w", concurrency: .workers(1), onError: .fail)
        let segments = Self.fused([Self.stage("a", .workers(4)), writer, Self.stage("b", .workers(4))])
        #expect(segments.map { $0.stages.map(\.stage.id) } == [["a", "w", "b"]])
        #expect(segments.map(\.width) == [4])
        #expect(Self.fused([writer, Self.stage("b", .workers(2))]).map(\.width) == [1, 2])
    }

    @Test(arguments: [(1, 1), (2, 4), (4, 8)])
    func aSegmentKeepsTwoBatchesAWorkerInFlightAndOneWhenAlone(width: Int, window: Int) {
        #expect(Self.fused([Self.stage("a", .workers(width))]).first?.window == window)
    }
}
