@testable import PipeKit
import Testing

@Suite("Acknowledgements")
struct AcknowledgementsTests {
    @Test func aWaitingSourceGoesOnOnceTheSinkAcknowledgesItsBatch() async throws {
        let acknowledgements = Acknowledgements()
        acknowledgements.request(after: 4, digest: "d")
        async let goOn = acknowledgements.wait(for: 4)
        await Suspension.wait { acknowledgements.isSourceWaiting }
        #expect(acknowledgements.delivered(4) == "d")
        acknowledgements.acknowledge(through: 4)
        #expect(await goOn)
    }

    @Test func terminatingTellsAWaitingSourceToStop() async throws {
        let acknowledgements = Acknowledgements()
        async let goOn = acknowledgements.wait(for: 0)
        await Suspension.wait { acknowledgements.isSourceWaiting }
        acknowledgements.terminate()
        #expect(await goOn == false)
    }
}
