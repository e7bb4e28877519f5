/// What a run that keeps checkpoints created, written to `run.json` in its checkpoint folder
/// before it creates any of it, so that Pipe later removes exactly that and nothing else.
///
/// The token names the run's staged files (`.NAME.TOKEN.partial` beside each output), and stays
/// the same when the run is resumed, so that the resumed run finds them.
struct RunLedger: Codable, Sendable, Equatable {
    /// The token of the run's staged names.
    var token: String
    /// The final paths of the files the run writes; their staged names derive from the token.
    var outputs: [String]
    /// The names of the stages' state files in the checkpoint folder.
    var state: [String] = []

    /// The ledger's name in the checkpoint folder.
    static let fileName = "run.json"

    /// The files the run may have left beside its outputs: the staged file, and SQLite's journal
    /// and compacted copy of it.
    var stagedFiles: [String] {
        outputs.flatMap { output in
            let staged = SafeFile.stagedPath(of: output, token: token)
            return [staged, staged + SafeFile.journalSuffix, staged + SafeFile.copySuffix]
        }
    }
}
