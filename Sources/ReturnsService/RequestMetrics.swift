import Foundation
import Prometheus

/// Request counters and latency histograms, made once per method, route and status and then reused.
final class RequestMetrics: @unchecked Sendable {
    let registry: PrometheusCollectorRegistry
    private let lock = NSLock()
    private var counters: [String: Counter] = [:]
    private var histograms: [String: DurationHistogram] = [:]
    static let buckets: [Duration] = [.microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1), .seconds(5)]
    nonisolated(unsafe) static let requests = MetricNameDescriptor(namespace: "boomerang", metricName: "http_requests", unitName: "total", helpText: "HTTP requests by method, route and status")
    nonisolated(unsafe) static let latency = MetricNameDescriptor(namespace: "boomerang", metricName: "http_request_duration", unitName: "seconds", helpText: "HTTP request latency by route")

    init(registry: PrometheusCollectorRegistry) { self.registry = registry }

    func record(method: String, route: String, status: Int, duration: Duration) {
        let key = "\(method) \(status) \(route)"
        lock.lock()
        let counter = counters[key] ?? {
            let made = registry.makeCounter(descriptor: Self.requests, labels: [("method", method), ("route", route), ("status", String(status))])
            counters[key] = made
            return made
        }()
        let histogram = histograms[route] ?? {
            let made = registry.makeDurationHistogram(descriptor: Self.latency, labels: [("route", route)], buckets: Self.buckets)
            histograms[route] = made
            return made
        }()
        lock.unlock()
        counter.increment()
        histogram.record(duration)
    }
}
