public enum DispatchOutcome: Sendable, Equatable {
    /// Dispatched now, with the frozen manifest.
    case dispatched(BatchRecord, manifest: String)
    /// Dispatched before: the batch and manifest as they were frozen.
    case alreadyDispatched(BatchRecord, manifest: String)
    case notFound
}
