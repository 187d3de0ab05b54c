import Foundation
import PhareRender

/// Request counters and a latency histogram, printed in the Prometheus text exposition format
/// (version 0.0.4). Routes are reduced to the page type, so the series stay few whatever the URLs.
public final class DashboardMetrics: @unchecked Sendable {
    /// Upper bounds of the latency buckets, in seconds.
    public static let buckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1]

    private struct Series: Hashable {
        var route: String
        var status: Int
    }

    private let lock = NSLock()
    private var requests: [Series: Int] = [:]
    private var bucketCounts = [Int](repeating: 0, count: DashboardMetrics.buckets.count)
    private var latencyCount = 0
    private var latencySum = 0.0
    private var reloads = 0
    private let started = Date()

    public init() {}

    /// The page type of a path: the label of its route in `RouteTable`, else `other`.
    public static func route(of path: String) -> String { RouteTable.label(of: path) }

    public func record(path: String, status: Int, seconds: Double) {
        let series = Series(route: Self.route(of: path), status: status)
        lock.lock()
        defer { lock.unlock() }
        requests[series, default: 0] += 1
        for (index, bound) in Self.buckets.enumerated() where seconds <= bound { bucketCounts[index] += 1 }
        latencyCount += 1
        latencySum += seconds
    }

    public func recordReload() {
        lock.lock()
        defer { lock.unlock() }
        reloads += 1
    }

    public func exposition(cachedAnswers: Int, cachedBytes: Int, dataVersion: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        var lines = [
            "# HELP phare_http_requests_total HTTP requests answered, by page type and status.",
            "# TYPE phare_http_requests_total counter",
        ]
        for (series, count) in requests.sorted(by: { ($0.key.route, $0.key.status) < ($1.key.route, $1.key.status) }) {
            lines.append("phare_http_requests_total{route=\"\(series.route)\",status=\"\(series.status)\"} \(count)")
        }
        lines += [
            "# HELP phare_http_request_duration_seconds Time to answer a request, from routing to the response head.",
            "# TYPE phare_http_request_duration_seconds histogram",
        ]
        for (index, bound) in Self.buckets.enumerated() {
            lines.append("phare_http_request_duration_seconds_bucket{le=\"\(bound)\"} \(bucketCounts[index])")
        }
        lines += [
            "phare_http_request_duration_seconds_bucket{le=\"+Inf\"} \(latencyCount)",
            "phare_http_request_duration_seconds_sum \(latencySum)",
            "phare_http_request_duration_seconds_count \(latencyCount)",
            "# HELP phare_snapshot_reloads_total Times the data snapshot was rebuilt after the database changed.",
            "# TYPE phare_snapshot_reloads_total counter",
            "phare_snapshot_reloads_total \(reloads)",
            "# HELP phare_cached_answers Answers rendered from the current snapshot and kept in memory.",
            "# TYPE phare_cached_answers gauge",
            "phare_cached_answers \(cachedAnswers)",
            "# HELP phare_cached_answer_bytes Bytes the cached answers hold (within the --cache-mb budget).",
            "# TYPE phare_cached_answer_bytes gauge",
            "phare_cached_answer_bytes \(cachedBytes)",
            "# HELP phare_data_info The data version served (label), always 1.",
            "# TYPE phare_data_info gauge",
            "phare_data_info{version=\"\(dataVersion)\"} 1",
            "# HELP phare_uptime_seconds Seconds since the server started.",
            "# TYPE phare_uptime_seconds gauge",
            "phare_uptime_seconds \(String(format: "%.3f", Date().timeIntervalSince(started)))",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
