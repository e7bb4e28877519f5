import ArgumentParser
import Foundation
import PipeCLI
import PipeKit
import PipePostgres
import PipeStages
import Testing
import Yams

/// The Kubernetes manifests and Slurm batch scripts shipped in `Pipelines/`, which
/// Docs/Scaling.md shows: no cluster runs here, so their fields and command lines are checked.
/// (`QueueCommandTests` runs the queue's pipeline against a real PostgreSQL.)
/// (`Scripts/slurm.sh` runs the batch scripts on a real one-node Slurm.)
@Suite("Scaling manifests")
struct ScalingManifestTests {
    static let root = PipeProcess.packageRoot

    func manifest(_ name: String) throws -> [String: Any] {
        let text = try String(contentsOfFile: Self.root + "/Pipelines/kubernetes/" + name, encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any])
    }

    /// The first container of a Job, and its pod spec.
    func container(of job: [String: Any]) throws -> (container: [String: Any], pod: [String: Any]) {
        let spec = try #require(job["spec"] as? [String: Any])
        let pod = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        let container = try #require((pod["containers"] as? [[String: Any]])?.first)
        return (container, pod)
    }

    /// The claim of the volume mounted at the container's working folder.
    func claim(mountedBy container: [String: Any], in pod: [String: Any]) throws -> String {
        let mounts = try #require(container["volumeMounts"] as? [[String: Any]])
        let mount = try #require(mounts.first { $0["mountPath"] as? String == container["workingDir"] as? String })
        let volumes = try #require(pod["volumes"] as? [[String: Any]])
        let volume = try #require(volumes.first { $0["name"] as? String == mount["name"] as? String })
        return try #require((volume["persistentVolumeClaim"] as? [String: Any])?["claimName"] as? String)
    }

    /// Checks that `pipe` accepts the command line (without the program name).
    func expectAccepted(_ command: [String]) {
        #expect(command.first == "pipe")
        #expect(throws: Never.self) { _ = try PipeCommand.parseAsRoot(Array(command.dropFirst())) }
    }

    @Test func theIndexedJobRunsOneShardPerIndexOnASharedVolume() throws {
        let job = try manifest("syria-shards.yaml")
        #expect(job["apiVersion"] as? String == "batch/v1")
        #expect(job["kind"] as? String == "Job")
        let spec = try #require(job["spec"] as? [String: Any])
        #expect(spec["completionMode"] as? String == "Indexed")
        let completions = try #require(spec["completions"] as? Int)
        let parallelism = try #require(spec["parallelism"] as? Int)
        #expect(completions == 16 && (1...completions).contains(parallelism))
        let (container, pod) = try self.container(of: job)
        #expect(pod["restartPolicy"] as? String == "Never")
        let environment = Dictionary(uniqueKeysWithValues: (container["env"] as? [[String: Any]] ?? []).compactMap { entry in
            (entry["name"] as? String).map { ($0, entry["value"] as? String ?? "") }
        })
        #expect(environment["PIPE_SHARDS"] == String(completions), "PIPE_SHARDS must be the Job's completions")
        #expect(try !claim(mountedBy: container, in: pod).isEmpty, "a volume every pod shares")
        let command = try #require(container["command"] as? [String])
        expectAccepted(command)
        #expect(command.contains("run") && !command.contains("--shard"), "the shard comes from JOB_COMPLETION_INDEX")
    }

    @Test func theMergeJobMergesAsManyShardsOnTheSameVolume() throws {
        let shards = try manifest("syria-shards.yaml")
        let merge = try manifest("syria-merge.yaml")
        #expect(merge["kind"] as? String == "Job")
        let (container, pod) = try self.container(of: merge)
        let command = try #require(container["command"] as? [String])
        expectAccepted(command)
        #expect(Array(command.prefix(3)) == ["pipe", "merge", "Pipelines/syria.yaml"])
        let count = try #require((shards["spec"] as? [String: Any])?["completions"] as? Int)
        #expect(command.suffix(2) == ["--shards", String(count)])
        let shardContainer = try self.container(of: shards)
        #expect(try claim(mountedBy: container, in: pod) == claim(mountedBy: shardContainer.container, in: shardContainer.pod))
        #expect(container["workingDir"] as? String == shardContainer.container["workingDir"] as? String)
    }

    @Test func theQueueJobRunsWorkersOfTheShippedQueuePipelineWithTheURLFromASecret() throws {
        let job = try manifest("syria-queue.yaml")
        let spec = try #require(job["spec"] as? [String: Any])
        #expect(spec["completions"] == nil && spec["completionMode"] == nil, "workers share the queue, not indexes")
        #expect((spec["parallelism"] as? Int ?? 0) > 1)
        let (container, _) = try self.container(of: job)
        let command = try #require(container["command"] as? [String])
        expectAccepted(command)
        let variables = (container["env"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(variables.contains("PIPE_PG_URL") && variables.contains("PIPE_WORKER"))
        // The pipeline it names loads, with a URL given.
        var registry = BuiltinStages.registry
        registry.connect(PostgresConnector())
        let loader = PipelineLoader(registry: registry, environment: ["PIPE_PG_URL": "postgres://pipe@db/news"])
        let definition = try loader.load(file: Self.root + "/" + command[2])
        #expect(definition.input.queue?.table.description == "articles" && definition.queueConnector != nil)
    }

    @Test(arguments: ["Pipelines/kubernetes/syria-shards.yaml", "Pipelines/kubernetes/syria-merge.yaml",
                      "Pipelines/slurm/syria.sbatch", "Pipelines/slurm/syria-merge.sbatch",
                      "Pipelines/kubernetes/syria-queue.yaml", "Pipelines/postgres/syria-queue.yaml"])
    func docsShowTheShippedFileAsItIs(path: String) throws {
        let file = try String(contentsOfFile: Self.root + "/" + path, encoding: .utf8)
        let docs = try String(contentsOfFile: Self.root + "/Docs/Scaling.md", encoding: .utf8)
        #expect(docs.contains(file), "Docs/Scaling.md shows \(path) as it is shipped")
    }

    @Test func theBatchScriptsRunCommandsPipeAccepts() throws {
        for name in ["syria.sbatch", "syria-merge.sbatch"] {
            let script = try String(contentsOfFile: Self.root + "/Pipelines/slurm/" + name, encoding: .utf8)
            let line = try #require(script.split(separator: "\n").first { $0.hasPrefix("exec ") })
            let words = line.split(separator: " ").dropFirst().map(String.init)
            #expect(words.first == "\"${PIPE:-pipe}\"")
            expectAccepted(["pipe"] + words.dropFirst())
        }
    }
}
