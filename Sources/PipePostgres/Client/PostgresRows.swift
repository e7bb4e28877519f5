/// What a statement returned: its rows as text, as `psql` shows them.
public struct PostgresRows: Sendable, Hashable {
    /// The columns' names.
    public var columns: [String]
    /// The rows, each value as text or `nil` for SQL `NULL`.
    public var rows: [[String?]]
    /// How many rows an `INSERT`, `UPDATE` or `DELETE` touched.
    public var affected: Int

    /// The value of `column` in every row.
    public func values(_ column: String) -> [String?] {
        guard let index = columns.firstIndex(of: column) else { return [] }
        return rows.map { $0[index] }
    }
}
