extension PostgresConnection {
    /// A PostgreSQL array literal of texts, `{"a","b \"c\""}`, for a `$n::text[]` parameter.
    package static func textArray(_ values: [String]) -> String {
        "{" + values.map { value in
            var escaped = "\""
            for character in value {
                if character == "\\" || character == "\"" { escaped.append("\\") }
                escaped.append(character)
            }
            return escaped + "\""
        }.joined(separator: ",") + "}"
    }
}
