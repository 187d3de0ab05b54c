import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PhareAnalysis
import PhareCore
import PhareRender
import PhareStore
import Testing

@testable import PhareServer

@Suite struct OperationsTests {
    @Test func securityHeadersOnEveryAnswer() async throws {
        try await ServerFixture.application(ServerFixture.server()).test(.router) { client in
            for uri in [
                "/", "/region/99", "/api/v1/territories", "/healthz", "/metrics", "/assets/dashboard.css",
                "/download/regions.csv",
            ] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.headers[.contentSecurityPolicy] == DashboardServer.contentSecurityPolicy, "\(uri)")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff")
                    #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
                    #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
                }
            }
        }
        // No external resource and no inline script anywhere in the policy.
        #expect(!DashboardServer.contentSecurityPolicy.contains("unsafe-inline"))
        #expect(!DashboardServer.contentSecurityPolicy.contains("http"))
    }

    @Test func conditionalRequestsAnswer304() async throws {
        try await ServerFixture.application(ServerFixture.server()).test(.router) { client in
            let first = try await client.execute(uri: "/region/44", method: .get)
            let etag = try #require(first.headers[.eTag])
            let modified = try #require(first.headers[.lastModified])
            #expect(first.headers[.cacheControl] == "no-cache")
            let again = try await client.execute(uri: "/region/44", method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            #expect(again.headers[.eTag] == etag)
            let weak = try await client.execute(
                uri: "/region/44", method: .get, headers: [.ifNoneMatch: "\"other\", W/\(etag)"])
            #expect(weak.status == .notModified)
            let changed = try await client.execute(
                uri: "/region/44", method: .get, headers: [.ifNoneMatch: "\"other\""])
            #expect(changed.status == .ok)
            let since = try await client.execute(uri: "/region/44", method: .get, headers: [.ifModifiedSince: modified])
            #expect(since.status == .notModified)
            let before = try await client.execute(
                uri: "/region/44", method: .get, headers: [.ifModifiedSince: "Mon, 01 Jan 2001 00:00:00 GMT"])
            #expect(before.status == .ok)
            // Another page has another validator; the English page too.
            let english = try await client.execute(uri: "/region/44?lang=en", method: .get)
            #expect(english.headers[.eTag] != etag)
        }
    }

    /// gzip when asked for, and the bytes inflate (with the system's gzip) to the plain page.
    @Test func gzipCompression() async throws {
        try await ServerFixture.application(ServerFixture.server()).test(.router) { client in
            let plain = try await client.execute(uri: "/", method: .get)
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(plain.headers[.vary] == "Accept-Encoding")
            let zipped = try await client.execute(
                uri: "/", method: .get, headers: [.acceptEncoding: "br;q=1.0, gzip;q=0.8"])
            #expect(zipped.headers[.contentEncoding] == "gzip")
            #expect(zipped.body.readableBytes < plain.body.readableBytes / 2)
            let file = ServerFixture.temporaryFolder() + "/page.gz"
            try Data(zipped.body.readableBytesView).write(to: URL(fileURLWithPath: file))
            let inflated = try run(["gzip", "-dc", file])
            #expect(inflated.status == 0)
            #expect(inflated.output == plain.text)
            let refused = try await client.execute(uri: "/", method: .get, headers: [.acceptEncoding: "gzip;q=0"])
            #expect(refused.headers[.contentEncoding] == nil)
            #expect(!DashboardServer.accepts(gzipIn: "identity"))
            #expect(DashboardServer.accepts(gzipIn: "*"))
        }
    }

    @Test func healthAndMetrics() async throws {
        let server = ServerFixture.server()
        try await ServerFixture.application(server).test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                let object = try #require(
                    try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
                #expect(object["status"] as? String == "ok")
                #expect(object["data_version"] as? String == ServerFixture.snapshot.version)
                #expect(object["indicator_results"] as? Bool == false)
            }
            for _ in 0..<3 { _ = try await client.execute(uri: "/region/44", method: .get) }
            _ = try await client.execute(uri: "/region/99", method: .get)
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                let text = response.text
                #expect(text.contains("phare_http_requests_total{route=\"region\",status=\"200\"} 3"))
                #expect(text.contains("phare_http_requests_total{route=\"region\",status=\"404\"} 1"))
                #expect(text.contains("# TYPE phare_http_request_duration_seconds histogram"))
                #expect(text.contains("phare_http_request_duration_seconds_count 5"))
                #expect(text.contains("phare_cached_answers 1"))
                // Every sample line is "name{labels} value" with a number.
                for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                    let value = line.split(separator: " ").last.map(String.init) ?? ""
                    #expect(Double(value) != nil, "\(line)")
                }
            }
        }
    }

    @Test func accessLogLines() async throws {
        let lines = LineCollector()
        let server = DashboardServer(
            holder: SnapshotHolder(ServerFixture.snapshot), assets: ServerFixture.assets,
            access: ServerFixture.localAccess, accessLog: { lines.append($0) })
        try await ServerFixture.application(server).test(.router) { client in
            _ = try await client.execute(uri: "/region/44?lang=en", method: .get)
            _ = try await client.execute(uri: "/nowhere", method: .get)
        }
        let logged = lines.lines
        #expect(logged.count == 2)
        #expect(logged[0].contains(" GET /region/44?lang=en 200 "))
        #expect(logged[1].contains(" GET /nowhere 404 "))
        #expect(logged[0].hasSuffix("ms"))
    }

    /// Replacing the database swaps the snapshot: the watcher notices, pages change, the old
    /// cached answers are gone.
    @Test func snapshotSwapsWhenTheDatabaseChanges() async throws {
        let path = ServerFixture.temporaryFolder() + "/swap.sqlite"
        let first = ServerFixture.hostileTree(names: ["Première", "Dép", "EPCI", "Ville", "Village"])
        try SQLiteObservatoryStore.initialise(
            path: path, framework: ServerFixture.framework, frameworkSource: "test", territories: first, force: false)
        let loader = try SnapshotLoader(path: path)
        let (snapshot, state) = try loader.load()
        let holder = SnapshotHolder(snapshot)
        let server = DashboardServer(
            holder: holder, assets: ServerFixture.assets, access: ServerFixture.localAccess, accessLog: nil)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let watcher = SnapshotWatcher(
            loader: loader, holder: holder, initialState: state, interval: .milliseconds(50), metrics: server.metrics,
            logger: logger)
        let watching = Task { try await watcher.run() }
        defer { watching.cancel() }
        try await ServerFixture.application(server).test(.router) { client in
            let before = try await client.execute(uri: "/region/44", method: .get)
            #expect(before.text.contains("<h1>Première</h1>"))
            #expect(holder.cachedCount == 1)
            let second = ServerFixture.hostileTree(names: ["Seconde", "Dép", "EPCI", "Ville", "Village"])
            try SQLiteObservatoryStore.initialise(
                path: path, framework: ServerFixture.framework, frameworkSource: "test", territories: second,
                force: true)
            var swapped = false
            for _ in 0..<100 where !swapped {
                try await Task.sleep(for: .milliseconds(50))
                swapped = holder.current.version != snapshot.version
            }
            #expect(swapped)
            let after = try await client.execute(uri: "/region/44", method: .get)
            #expect(after.text.contains("<h1>Seconde</h1>"))
            #expect(after.headers[.eTag] != before.headers[.eTag])
        }
        #expect(
            server.metrics.exposition(cachedAnswers: 0, cachedBytes: 0, dataVersion: "").contains(
                "phare_snapshot_reloads_total 1"))
    }

    /// Hostile strings as query parameters, path segments and territory names never come back as markup.
    @Test func hostileStringsAreEscaped() async throws {
        let path = ServerFixture.temporaryFolder() + "/hostile.sqlite"
        let tree = ServerFixture.hostileTree(names: hostileStrings)
        try SQLiteObservatoryStore.initialise(
            path: path, framework: ServerFixture.framework, frameworkSource: "test", territories: tree, force: false)
        let snapshot = try SnapshotLoader(path: path).load().0
        let dangerous = hostileStrings.filter { $0.contains("<") || $0.contains("\"") }
        @Sendable func check(_ text: String, _ context: String) {
            for hostile in dangerous { #expect(!text.contains(hostile), "\(context) echoes \(hostile)") }
            #expect(!text.contains("<script>"), "\(context)")
            #expect(!text.contains("<img"), "\(context)")
            #expect(!text.contains("<svg onload"), "\(context)")
        }
        try await ServerFixture.application(ServerFixture.server(snapshot)).test(.router) { client in
            for uri in [
                "/", "/region/44", "/departement/54", "/compare?a=44&b=11", "/api/v1/territories/region/44",
                "/api/v1/tables/communes?departement=54",
            ] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok, "\(uri)")
                check(response.text, uri)
            }
            let page = try await client.execute(uri: "/region/44", method: .get)
            #expect(page.text.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
            let json = try await client.execute(uri: "/api/v1/territories/region/44", method: .get)
            let object = try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any]
            #expect(object?["name"] as? String == hostileStrings[0])
            // A download is data: names come back exactly, in a file that is not displayed inline.
            let csv = try await client.execute(uri: "/download/communes.csv?departement=54", method: .get)
            #expect(csv.text.contains("\n</title><svg onload=alert(1)>,54395,"))
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            for hostile in hostileStrings {
                let encoded = HTML.queryComponent(hostile)
                for uri in [
                    "/?layer=\(encoded)", "/region/\(encoded)", "/compare?a=\(encoded)", "/weights?w-emploi=\(encoded)",
                    "/api/v1/territories/region/\(encoded)", "/download/\(encoded).csv", "/?lang=\(encoded)",
                    "/?\(encoded)=1&\(encoded)=2",
                ] {
                    let response = try await client.execute(uri: uri, method: .get)
                    #expect(
                        response.status == .badRequest || response.status == .notFound || response.status == .ok,
                        "\(uri)")
                    check(response.text, uri)
                }
            }
        }
    }
}

final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) {
        lock.lock()
        stored.append(line)
        lock.unlock()
    }
    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
