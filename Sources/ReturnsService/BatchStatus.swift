public enum BatchStatus: String, Sendable, Codable, CaseIterable {
    case open, closed, dispatched
}
