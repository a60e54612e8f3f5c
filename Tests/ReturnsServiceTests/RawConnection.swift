import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection to a local server, for what an HTTP client will not send: silence, a half-sent
/// head, broken chunked framing, an upload cut off. Blocking calls run on a thread of their own, off the
/// cooperative pool the server's handlers need.
final class RawConnection: @unchecked Sendable {
    enum Failure: Error, CustomStringConvertible {
        case connect(Int32)
        var description: String {
            switch self {
            case let .connect(code): "could not connect: errno \(code)"
            }
        }
    }

    private let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let code = errno
            Glibc.close(fd)
            throw Failure.connect(code)
        }
    }

    deinit { Glibc.close(fd) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Stops sending (the client is done or gave up); reading still works.
    func shutdownWrite() {
        shutdown(fd, Int32(SHUT_WR))
    }

    /// What the server sends until it closes the connection or `seconds` pass; `closed` says which, and `at`
    /// when, as the reading thread saw it (a busy machine may resume the awaiting task much later).
    func read(for seconds: Double) async -> (text: String, closed: Bool, at: ContinuousClock.Instant) {
        await withCheckedContinuation { continuation in
            let thread = Thread { [self] in
                continuation.resume(returning: blockingRead(for: seconds))
            }
            thread.start()
        }
    }

    /// Reads until a whole HTTP response head (and the body its Content-Length announces) has arrived, the
    /// server closes, or `seconds` pass.
    func response(within seconds: Double) async -> (text: String, closed: Bool, at: ContinuousClock.Instant) {
        await withCheckedContinuation { continuation in
            let thread = Thread { [self] in
                continuation.resume(returning: blockingRead(for: seconds, until: Self.isCompleteResponse))
            }
            thread.start()
        }
    }

    /// Runs blocking socket work (reads, sleeps) on a thread of its own, so its timing does not wait for a
    /// busy cooperative pool.
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: work()) }.start()
        }
    }

    static func isCompleteResponse(_ text: String) -> Bool {
        guard let end = text.range(of: "\r\n\r\n") else { return false }
        let head = text[..<end.lowerBound].lowercased()
        guard let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
              let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) else { return true }
        return text[end.upperBound...].utf8.count >= length
    }

    func blockingRead(for seconds: Double, until done: (String) -> Bool = { _ in false }) -> (text: String, closed: Bool, at: ContinuousClock.Instant) {
        var received: [UInt8] = []
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return (String(decoding: received, as: UTF8.self), false, .now) }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(left * 1000) + 1)
            if ready <= 0 { continue }
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return (String(decoding: received, as: UTF8.self), true, .now) }
            received += buffer[0..<count]
            let text = String(decoding: received, as: UTF8.self)
            if done(text) { return (text, false, .now) }
        }
    }
}
