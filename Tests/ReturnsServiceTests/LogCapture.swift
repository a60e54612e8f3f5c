import Logging
import Foundation

/// A log handler that keeps what is logged, so a test can say what the service counted as its own failure.
final class LogCapture: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(level: Logger.Level, message: String)] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        lock.withLock { entries.append((level, "\(message) \(metadata ?? [:])")) }
    }

    /// Messages logged at `error` or above.
    var errors: [String] { lock.withLock { entries.filter { $0.level >= .error }.map(\.message) } }

    var logger: Logger { Logger(label: "test") { _ in self } }
}
