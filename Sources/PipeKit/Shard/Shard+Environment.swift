extension Shard {
    /// The shard a batch system gives this process, or nil when it gives none.
    ///
    /// - Slurm job arrays: the index is `SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN` and the count
    ///   `SLURM_ARRAY_TASK_COUNT`; the array must be a range with step 1 (`--array=0-15`, also
    ///   `--array=1-16%4`).
    /// - Kubernetes Indexed Jobs: the index is `JOB_COMPLETION_INDEX` and the count `PIPE_SHARDS`,
    ///   which the Job sets to its `completions`.
    ///
    /// - Throws: ``PipeError`` with code `shard` when the variables are incomplete or name no
    ///   shard Pipe can run: an array with another step, or a list of task ids with gaps.
    public static func fromEnvironment(_ environment: [String: String]) throws -> Shard? {
        if let id = environment["SLURM_ARRAY_TASK_ID"] {
            return try slurm(id: id, environment)
        }
        if let index = environment["JOB_COMPLETION_INDEX"] {
            guard let countText = environment["PIPE_SHARDS"] else {
                throw PipeError(.shard, "`JOB_COMPLETION_INDEX` is set (a Kubernetes Indexed Job) but `PIPE_SHARDS` is not",
                                hint: "set the container's env `PIPE_SHARDS` to the Job's `completions`, or run with `--shard none`")
            }
            return try Shard(index: number(index, "JOB_COMPLETION_INDEX"), count: number(countText, "PIPE_SHARDS"))
        }
        return nil
    }

    private static func slurm(id: String, _ environment: [String: String]) throws -> Shard {
        let names = ["SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_COUNT"]
        guard let minimum = environment[names[0]], let countText = environment[names[1]] else {
            throw PipeError(.shard, "`SLURM_ARRAY_TASK_ID` is set but not \(names.map { "`\($0)`" }.joined(separator: " and "))",
                            hint: "run under `sbatch --array`, or give `--shard I/N` or `--shard none`")
        }
        let (task, first, count) = try (number(id, "SLURM_ARRAY_TASK_ID"), number(minimum, names[0]), number(countText, names[1]))
        if let stepText = environment["SLURM_ARRAY_TASK_STEP"], try number(stepText, "SLURM_ARRAY_TASK_STEP") != 1 {
            throw PipeError(.shard, "the job array steps by \(stepText), so its task ids do not number the shards one by one",
                            hint: "submit the array as a range with step 1, `--array=0-\(max(count - 1, 0))`")
        }
        if let maximum = environment["SLURM_ARRAY_TASK_MAX"], try number(maximum, "SLURM_ARRAY_TASK_MAX") - first + 1 != count {
            throw PipeError(.shard, "the job array has \(count) tasks but their ids run from \(first) to \(maximum): a list with gaps",
                            hint: "submit the array as one range with step 1, `--array=0-\(max(count - 1, 0))`")
        }
        return try Shard(index: task - first, count: count)
    }

    private static func number(_ text: String, _ name: String) throws -> Int {
        guard let value = Int(text) else {
            throw PipeError(.shard, "`\(name)` is `\(text)`, not a whole number", hint: "set `\(name)` to a whole number")
        }
        return value
    }
}
