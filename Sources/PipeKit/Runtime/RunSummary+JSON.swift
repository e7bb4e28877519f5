extension RunSummary {
    /// The summary as one JSON object, as `pipe run --stats FILE` writes it.
    ///
    /// `balanced` says whether read = written + filtered + skipped + dead-lettered (and, per
    /// stage, in = out + filtered + skipped + dead-lettered); `unaccounted` is the difference.
    /// Times are in seconds. `segments` lists the fused stages with their busy time (summed over
    /// workers) and the time spent waiting for input and for room downstream.
    public var json: String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("outcome")
        switch outcome {
        case .completed: writer.string("completed")
        case .failed: writer.string("failed")
        case .interrupted(let signal): writer.string("interrupted by signal \(signal)")
        }
        if let shard {
            writer.key("shard"); writer.string(shard.description)
        }
        if let claims {
            writer.key("claims")
            writer.beginObject()
            writer.key("worker"); writer.string(claims.worker)
            writer.key("claims"); writer.int(claims.claims)
            writer.key("committed"); writer.int(claims.committed)
            writer.key("lost"); writer.int(claims.lost)
            writer.key("copies"); writer.int(claims.copies)
            writer.endObject()
        }
        writer.key("read"); writer.int(read)
        writer.key("written"); writer.int(written)
        writer.key("filtered"); writer.int(filtered)
        writer.key("skipped"); writer.int(skipped)
        writer.key("dead_lettered"); writer.int(deadLettered)
        writer.key("unaccounted"); writer.int(unaccounted)
        writer.key("balanced"); writer.bool(isBalanced)
        writer.key("bytes_read"); writer.int(bytesRead)
        writer.key("resumed_records"); writer.int(resumedRecords)
        writer.key("seconds"); writer.double(elapsed.seconds)
        writer.key("articles_per_second"); writer.double(itemsPerSecond)
        writer.key("megabytes_per_second"); writer.double(megabytesPerSecond)
        writer.objects("stages", stages) { writer, stage in
            writer.key("id"); writer.string(stage.stageID)
            writer.key("in"); writer.int(stage.received)
            writer.key("out"); writer.int(stage.emitted)
            writer.key("filtered"); writer.int(stage.filtered)
            writer.key("skipped"); writer.int(stage.skipped)
            writer.key("dead_lettered"); writer.int(stage.deadLettered)
            writer.key("balanced"); writer.bool(stage.isBalanced)
            writer.key("busy_seconds"); writer.double(stage.duration.seconds)
        }
        writer.objects("segments", segments) { writer, segment in
            writer.key("stages"); writer.beginArray(); segment.stageIDs.forEach { writer.string($0) }; writer.endArray()
            writer.key("workers"); writer.int(segment.workers)
            writer.key("busy_seconds"); writer.double(segment.busy.seconds)
            writer.key("input_wait_seconds"); writer.double(segment.inputWait.seconds)
            writer.key("output_wait_seconds"); writer.double(segment.outputWait.seconds)
        }
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
