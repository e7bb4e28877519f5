import PipeKit
import Testing

@Suite("BoundedChannel")
struct BoundedChannelTests {
    @Test func deliversEverythingInOrderAndNeverHoldsMoreThanItsCapacity() async {
        let channel = BoundedChannel<Int>(capacity: 4)
        let sent = Counter()
        async let received: [(Int, Int)] = {
            var values: [(Int, Int)] = []
            for await value in channel {
                values.append((value, sent.current))
                await Task.yield()
            }
            return values
        }()
        for value in 0..<1000 {
            await channel.send(value)
            sent.increment()
        }
        channel.finish()
        let values = await received
        #expect(values.map(\.0) == Array(0..<1000))
        for (value, sentSoFar) in values {
            #expect(sentSoFar - value <= 5, "the sender ran \(sentSoFar - value) elements ahead")
        }
    }

    @Test func terminateWakesABlockedSender() async {
        let channel = BoundedChannel<Int>(capacity: 1)
        await channel.send(1)
        async let blocked = channel.send(2)
        await Suspension.wait { channel.suspended == 1 }
        channel.terminate()
        #expect(await blocked == false)
        #expect(await channel.next() == nil)
    }

    @Test func cancellingAWaitingReceiverEndsIt() async {
        let channel = BoundedChannel<Int>(capacity: 1)
        let task = Task { await channel.next() }
        await Suspension.wait { channel.suspended == 1 }
        task.cancel()
        #expect(await task.value == nil)
    }
}
