import Foundation

/// A reference that one writer swaps and many readers take, without tearing.
final class Swappable<Value: AnyObject & Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    var current: Value {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    func replace(_ newValue: Value) {
        lock.lock()
        value = newValue
        lock.unlock()
    }
}
