/// The run-time identity of a type that flows between stages, with a name for messages.
public struct DataType: Sendable, Hashable, CustomStringConvertible {
    private let identifier: ObjectIdentifier
    /// The type's name, for example `Article`.
    public let name: String

    /// The data type of `type`.
    public init<T>(_ type: T.Type) {
        identifier = ObjectIdentifier(type)
        name = String(describing: type)
    }

    /// The type's name.
    public var description: String { name }

    /// Two data types are equal when they are the same Swift type.
    public static func == (lhs: DataType, rhs: DataType) -> Bool { lhs.identifier == rhs.identifier }
    /// Hashes the Swift type's identity.
    public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }
}
