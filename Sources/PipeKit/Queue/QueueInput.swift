/// The settings of an input that workers claim from a database table shared as a work queue
/// (`input: {format: postgres, url, table, lease, batch}`).
public struct QueueInput: Sendable, Hashable {
    /// The connection URL, `postgres://user@host:port/db`; never printed (it may hold a password).
    public var url: String
    /// The table of articles.
    public var table: TableName
    /// How long a claim holds its articles unless the worker renews it.
    public var lease: Duration
    /// How many articles a worker claims at once; each claim is one batch of the run.
    public var batch: Int
    /// Whether the worker waits for new rows once the table is drained (`pipe run --follow`),
    /// instead of ending.
    public var follow = false

    /// The default `lease`: 30 seconds.
    public static let defaultLease = Duration.seconds(30)
    /// The default `batch`: 200 articles.
    public static let defaultBatch = 200

    /// Creates the settings.
    public init(url: String, table: TableName, lease: Duration = defaultLease, batch: Int = defaultBatch) {
        self.url = url
        self.table = table
        self.lease = lease
        self.batch = batch
    }
}
