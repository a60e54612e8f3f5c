import Foundation

/// The label of the solve running now, shared with the progress callback (which runs on the same thread).
final class ProgressLabel: @unchecked Sendable {
    var text = ""
}
