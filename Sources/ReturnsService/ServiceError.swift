public enum ServiceError: Error, CustomStringConvertible {
    case scenario(String)
    case plan(String)
    case configuration(String)

    public var description: String {
        switch self {
        case let .scenario(text): "scenario: \(text)"
        case let .plan(text): "plan: \(text)"
        case let .configuration(text): text
        }
    }
}
