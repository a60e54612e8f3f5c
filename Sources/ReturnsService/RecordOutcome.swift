public enum RecordOutcome: Sendable, Equatable {
    /// Recorded now.
    case created(StoredReturn)
    /// Recorded before with the same body: nothing recorded again.
    case replayed(StoredReturn)
    /// Recorded before with another body.
    case conflict(existing: StoredReturn)
}
