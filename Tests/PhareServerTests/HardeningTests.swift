import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PhareRender
import Testing

@testable import PhareServer

/// HEAD, OPTIONS, 405 with Allow, 414 and 431 (RFC 9110 §9.3.2, §9.3.7, §15.5.6, §15.5.15; RFC 6585 §5).
@Suite struct HTTPSemanticsTests {
    @Test func headAnswersEveryGetRouteWithTheSameHeadersAndNoBody() async throws {
        try await ServerFixture.application(ServerFixture.server()).test(.router) { client in
            for route in RouteTable.routes where route.method == .get {
                guard case .snapshot = route.handler else { continue }
                let get = try await client.execute(uri: route.example, method: .get)
                let head = try await client.execute(uri: route.example, method: .head)
                #expect(head.status == get.status, "HEAD \(route.example)")
                #expect(head.body.readableBytes == 0, "HEAD \(route.example)")
                #expect(head.headers[.contentType] == get.headers[.contentType], "HEAD \(route.example)")
                // The operations routes change between two requests; the others answer the same bytes.
                if route.kind != .operations {
                    #expect(head.headers[.contentLength] == String(get.body.readableBytes), "HEAD \(route.example)")
                    #expect(head.headers[.eTag] == get.headers[.eTag], "HEAD \(route.example)")
                }
            }
            let health = try await client.execute(uri: "/healthz", method: .head)
            #expect(health.status == .ok)
            let missing = try await client.execute(uri: "/nowhere", method: .head)
            #expect(missing.status == .notFound && missing.body.readableBytes == 0)
        }
    }

    @Test func otherMethodsGet405WithAllowAndOptionsAnswers() async throws {
        try await ServerFixture.application(ServerFixture.server()).test(.router) { client in
            for method in [HTTPRequest.Method.post, .put, .delete, .patch, .trace] {
                for (uri, json) in [("/region/44", false), ("/healthz", true), ("/api/v1/territories", true)] {
                    let response = try await client.execute(uri: uri, method: method)
                    #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                    #expect(response.headers[.allow] == "GET, HEAD, OPTIONS", "\(method) \(uri)")
                    #expect(response.text.contains(method.rawValue), "\(method) \(uri)")
                    #expect(response.headers[.contentType]?.hasPrefix(json ? "application/json" : "text/html") == true)
                    #expect(response.headers[.contentSecurityPolicy] == DashboardServer.contentSecurityPolicy)
                }
            }
            let custom = try await client.execute(uri: "/region/44", method: HTTPRequest.Method("BREW")!)
            #expect(custom.status == .methodNotAllowed)
            let login = try await client.execute(uri: "/login", method: .put)
            #expect(login.headers[.allow] == "GET, HEAD, POST, OPTIONS")
            let logout = try await client.execute(uri: "/logout", method: .get)
            #expect(logout.status == .methodNotAllowed && logout.headers[.allow] == "POST, OPTIONS")
            let options = try await client.execute(uri: "/region/44", method: .options)
            #expect(options.status == .noContent)
            #expect(options.headers[.allow] == "GET, HEAD, OPTIONS")
            #expect(options.body.readableBytes == 0)
            // An unknown address is not found, whatever the method.
            let unknown = try await client.execute(uri: "/nowhere", method: .post)
            #expect(unknown.status == .notFound)
        }
    }

    @Test func tooLongAddressesAndHeadersAreRefusedWithASentence() async throws {
        try await ServerFixture.application(ServerFixture.server()).test(.router) { client in
            let long = "/region/44?n=" + String(repeating: "x", count: HTTPSemanticsMiddleware.maximumURILength)
            let uri = try await client.execute(uri: long, method: .get)
            #expect(uri.status == .uriTooLong)
            #expect(uri.text.contains(HTML.escape("L’adresse dépasse 8192 octets")))
            let api = try await client.execute(
                uri: "/api/v1/territories?x=" + String(repeating: "y", count: 9000), method: .get)
            #expect(api.status == .uriTooLong && api.headers[.contentType] == "application/json; charset=utf-8")
            let justUnder = "/region/44?n=" + String(repeating: "x", count: 8000)
            #expect(try await client.execute(uri: justUnder, method: .get).status == .ok)
            var headers = HTTPFields()
            headers[HTTPField.Name("X-Padding")!] = String(
                repeating: "z", count: HTTPSemanticsMiddleware.maximumHeaderBytes)
            let big = try await client.execute(uri: "/region/44", method: .get, headers: headers)
            #expect(big.status == .requestHeaderFieldsTooLarge)
            #expect(big.text.contains(HTML.escape("Les en-têtes de la requête dépassent 16384 octets")))
            #expect(big.headers[.cacheControl] == "no-store")
        }
    }
}

/// The answer cache: a byte budget, least recently used evicted first, unread parameters ignored.
@Suite struct AnswerCacheTests {
    static func entry(bytes: Int) -> SnapshotHolder.CachedReply {
        SnapshotHolder.CachedReply(
            reply: DashboardReply(contentType: "text/plain", body: Data(count: bytes)), etag: "\"e\"", gzipped: nil)
    }

    /// 256 (overhead) + 1 (key) + 1000 (body) + 10 ("text/plain") + 3 (ETag) = 1,270 bytes an entry.
    @Test func bytesAreCountedAndTheLeastRecentlyUsedGoesFirst() {
        #expect(AnswerCache.size(of: Self.entry(bytes: 1000), key: "a") == 1270)
        var cache = AnswerCache(budget: 3 * 1270)
        for key in ["a", "b", "c"] { cache.insert(Self.entry(bytes: 1000), for: key) }
        #expect(cache.bytes == 3810 && cache.count == 3)
        #expect(cache.keysByRecency == ["a", "b", "c"])
        #expect(cache.value(for: "a") != nil)
        #expect(cache.keysByRecency == ["b", "c", "a"])
        cache.insert(Self.entry(bytes: 1000), for: "d")
        #expect(cache.keysByRecency == ["c", "a", "d"])
        #expect(cache.value(for: "b") == nil)
        #expect(cache.bytes == 3810)
        // A larger answer pushes out as many as it needs: 2,270 bytes evict c and a.
        cache.insert(Self.entry(bytes: 2000), for: "e")
        #expect(cache.keysByRecency == ["d", "e"])
        #expect(cache.bytes == 1270 + 2270)
        // Storing a key again replaces its answer, counted once.
        cache.insert(Self.entry(bytes: 10), for: "d")
        #expect(cache.keysByRecency == ["e", "d"])
        #expect(cache.bytes == 2270 + 280)
        // Larger than the whole budget: not kept, nothing evicted.
        cache.insert(Self.entry(bytes: 4000), for: "f")
        #expect(cache.keysByRecency == ["e", "d"])
        cache.removeAll()
        #expect(cache.bytes == 0 && cache.count == 0 && cache.keysByRecency.isEmpty)
    }

    @Test func manyInsertionsStayWithinTheBudget() {
        var cache = AnswerCache(budget: 100_000)
        for index in 0..<5000 { cache.insert(Self.entry(bytes: index % 700), for: "key-\(index)") }
        #expect(cache.bytes <= 100_000)
        let keys = cache.keysByRecency
        #expect(keys.last == "key-4999")
        #expect(keys.count == cache.count)
        let counted = keys.reduce(0) { sum, key in
            let index = Int(key.dropFirst(4))!
            return sum + AnswerCache.size(of: Self.entry(bytes: index % 700), key: key)
        }
        #expect(counted == cache.bytes)
        // The survivors are the latest insertions, in order.
        #expect(keys == (5000 - keys.count..<5000).map { "key-\($0)" })
    }

    @Test func parametersAPageDoesNotReadShareOneEntry() async throws {
        let server = ServerFixture.server()
        try await ServerFixture.application(server).test(.router) { client in
            let first = try await client.execute(uri: "/region/44", method: .get)
            for uri in ["/region/44?n=1", "/region/44?n=2&utm=zqxj", "/region/44?n=3&n=4", "/region/44?utm=zqxj&n=1"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok, "\(uri)")
                #expect(response.headers[.eTag] == first.headers[.eTag], "\(uri)")
                #expect(!response.text.contains("zqxj"), "\(uri) echoes a parameter it does not read")
            }
            #expect(server.holder.cachedCount == 1)
            _ = try await client.execute(uri: "/region/44?layer=density", method: .get)
            _ = try await client.execute(uri: "/region/44?n=9&layer=density", method: .get)
            #expect(server.holder.cachedCount == 2)
            // Order does not matter either.
            _ = try await client.execute(uri: "/compare?a=44&b=11", method: .get)
            _ = try await client.execute(uri: "/compare?b=11&a=44", method: .get)
            #expect(server.holder.cachedCount == 3)
        }
        #expect(
            RouteTable.cacheKey(path: "/weights", queryItems: [("w-emploi", "2"), ("x", "1"), ("lang", "en")])
                == "/weights?lang=en&w-emploi=2")
    }

    @Test func theServerKeepsItsCacheWithinTheBudget() async throws {
        let probe = ServerFixture.server()
        try await ServerFixture.application(probe).test(.router) { client in
            _ = try await client.execute(uri: "/region/44", method: .get)
        }
        let budget = 3 * probe.holder.cachedBytes
        let server = DashboardServer(
            holder: SnapshotHolder(ServerFixture.snapshot, cacheBytes: budget), assets: ServerFixture.assets,
            access: ServerFixture.localAccess, accessLog: nil)
        try await ServerFixture.application(server).test(.router) { client in
            for code in ["11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"] {
                let response = try await client.execute(uri: "/region/\(code)", method: .get)
                #expect(response.status == .ok)
            }
        }
        #expect(server.holder.cachedBytes <= budget)
        #expect(server.holder.cachedCount >= 1 && server.holder.cachedCount < 13)
    }

    /// Every query parameter the OpenAPI document lists for a route is one it declares it reads.
    @Test func documentedParametersAreDeclared() throws {
        for route in RouteTable.routes {
            guard let item = route.openAPI, case .snapshot = route.handler else { continue }
            let object = try #require(try JSONSerialization.jsonObject(with: Data(item.utf8)) as? [String: Any])
            let parameters = (object["get"] as? [String: Any])?["parameters"] as? [[String: Any]] ?? []
            for parameter in parameters {
                let name =
                    parameter["$ref"] as? String == "#/components/parameters/Lang"
                    ? "lang" : (parameter["in"] as? String == "query" ? parameter["name"] as? String : nil)
                guard let name else { continue }
                #expect(route.reads(name), "\(route.pattern) documents \(name) but does not declare it")
            }
        }
    }
}

/// Renders beyond the limiter's places are refused at once with 503 and Retry-After.
@Suite struct LoadSheddingTests {
    @Test func theLimiterRefusesAtOnceWhenFull() async throws {
        let limiter = RenderLimiter(running: 1, waiting: 1)
        let gate = DispatchSemaphore(value: 0)
        let holding = Task { await limiter.run { gate.wait() } }
        while limiter.load.running < 1 { try await Task.sleep(for: .milliseconds(2)) }
        let waiting = Task { await limiter.run { 7 } }
        while limiter.load.waiting < 1 { try await Task.sleep(for: .milliseconds(2)) }
        let start = ContinuousClock.now
        let refused = await limiter.run { 8 }
        #expect(refused == nil)
        #expect(ContinuousClock.now - start < .milliseconds(100))
        gate.signal()
        #expect(await holding.value != nil)
        #expect(await waiting.value == 7)
        #expect(limiter.load.running == 0 && limiter.load.waiting == 0)
        #expect(await limiter.run { 9 } == 9)
    }

    @Test func aFullServerAnswers503WithRetryAfterButCachedPagesAndHealth() async throws {
        let limiter = RenderLimiter(running: 1, waiting: 0)
        let server = DashboardServer(
            holder: SnapshotHolder(ServerFixture.snapshot), assets: ServerFixture.assets,
            access: ServerFixture.localAccess, renders: limiter, accessLog: nil)
        try await ServerFixture.application(server).test(.router) { client in
            #expect(try await client.execute(uri: "/region/44", method: .get).status == .ok)
            let gate = DispatchSemaphore(value: 0)
            let holding = Task { await limiter.run { gate.wait() } }
            while limiter.load.running < 1 { try await Task.sleep(for: .milliseconds(2)) }
            let refused = try await client.execute(uri: "/weights?w-emploi=2", method: .get)
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.headers[.retryAfter] == "1")
            #expect(refused.headers[.cacheControl] == "no-store")
            #expect(refused.text.contains("Le serveur est saturé"))
            let api = try await client.execute(uri: "/api/v1/tables/regions?lang=en", method: .get)
            #expect(api.status == .serviceUnavailable)
            #expect(api.text.contains("The server is overloaded"))
            #expect(try await client.execute(uri: "/region/44", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            gate.signal()
            _ = await holding.value
            #expect(try await client.execute(uri: "/weights?w-emploi=2", method: .get).status == .ok)
        }
    }

    /// 96 concurrent requests for answers never cached, on 2 places and 2 in line: each gets 200 or
    /// 503, none waits for long.
    @Test(.timeLimit(.minutes(2))) func aSaturatingBurstGetsOnly200Or503() async throws {
        let server = DashboardServer(
            holder: SnapshotHolder(ServerFixture.snapshot), assets: ServerFixture.assets,
            access: ServerFixture.localAccess, renders: RenderLimiter(running: 2, waiting: 2), accessLog: nil)
        let domains = ServerFixture.framework.domains.map(\.code)
        try await ServerFixture.application(server).test(.router) { client in
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for index in 0..<96 {
                    let count = domains.count
                    let uri =
                        "/weights?w-\(domains[index % count])=\(index / count % 6)"
                        + "&w-\(domains[(index + 1) % count])=\(index % 5)"
                    group.addTask { UInt(try await client.execute(uri: uri, method: .get).status.code) }
                }
                var statuses: [UInt] = []
                for try await status in group { statuses.append(status) }
                return statuses
            }
            #expect(statuses.count == 96)
            #expect(Set(statuses).isSubset(of: [200, 503]), "\(Set(statuses))")
            #expect(statuses.contains(200))
        }
    }
}
