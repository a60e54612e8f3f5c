/// Why a store could not do what was asked.
public enum StoreError: Error, CustomStringConvertible {
    case badURL(String)
    case unreachable(String)
    case corrupt(String)

    public var description: String {
        switch self {
        case let .badURL(text): "not a database: \(text)"
        case let .unreachable(text): text
        case let .corrupt(text): "the database holds something unexpected: \(text)"
        }
    }
}
