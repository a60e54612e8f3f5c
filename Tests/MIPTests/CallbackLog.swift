import Foundation

/// Collects what a callback hears on the solving thread, for the test thread to read afterwards.
final class CallbackLog<Entry: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [Entry] = []
    func append(_ entry: Entry) { lock.withLock { entries.append(entry) } }
    var all: [Entry] { lock.withLock { entries } }
}
