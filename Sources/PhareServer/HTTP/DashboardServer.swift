import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PhareAnalysis
import PhareCore
import PhareRender

/// The HTTP side of the dashboard (Hummingbird 2): answers from the snapshot's cache or the
/// routes, conditional requests (ETag, Last-Modified → 304), gzip, security headers, access log
/// and metrics.
public struct DashboardServer: Sendable {
    public let holder: SnapshotHolder
    public let assets: DashboardAssetData
    public let metrics: DashboardMetrics
    /// Where access-log lines go (nil: no access log).
    public let accessLog: (@Sendable (String) -> Void)?
    /// Accounts, sessions and publication.
    public let access: AccessControl
    /// How many answers the cache could not give are rendered at once (503 past it).
    public let renders: RenderLimiter

    public init(
        holder: SnapshotHolder, assets: DashboardAssetData, metrics: DashboardMetrics = DashboardMetrics(),
        access: AccessControl, renders: RenderLimiter = RenderLimiter(), accessLog: (@Sendable (String) -> Void)?
    ) {
        self.holder = holder
        self.assets = assets
        self.metrics = metrics
        self.access = access
        self.renders = renders
        self.accessLog = accessLog
    }

    /// Content Security Policy: nothing from outside, no inline script or style, no framing.
    public static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    static let securityHeaders: [HTTPField] = [
        ("Content-Security-Policy", contentSecurityPolicy),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
        ("Permissions-Policy", "geolocation=(), camera=(), microphone=()"),
    ].compactMap { name, value in HTTPField.Name(name).map { HTTPField(name: $0, value: value) } }

    /// The router: every path through the route table, after `HTTPSemanticsMiddleware` checked the
    /// request's size and method and `AccessMiddleware` decided who may ask.
    public func router() -> Router<PhareRequestContext> {
        let router = Router(context: PhareRequestContext.self)
        router.add(middleware: OperationsMiddleware(metrics: metrics, accessLog: accessLog))
        router.add(middleware: HTTPSemanticsMiddleware())
        router.add(middleware: AccessMiddleware(access: access))
        let handler: @Sendable (Request, PhareRequestContext) async throws -> Response = { request, context in
            try await answer(request, context: context)
        }
        // HEAD reaches the handler as a GET (`HTTPSemanticsMiddleware`); other methods get their
        // answer (405, OPTIONS) from the middleware, which runs for unrouted requests too.
        for path: RouterPath in ["/", "**"] {
            router.get(path, use: handler)
            router.head(path, use: handler)
            router.post(path, use: handler)
        }
        return router
    }

    /// An answer sent as is, never stored by clients (errors, refusals).
    static func uncached(_ reply: DashboardReply) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = reply.contentType
        for (name, value) in reply.headers {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        if compressible(reply.contentType) { headers[.vary] = "Accept-Encoding" }
        headers[.cacheControl] = "no-store"
        return Response(
            status: .init(code: reply.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body)))
    }

    /// Answers one request: the routes that need the viewer or the store through `SessionRoutes`;
    /// the others from the cache when this URL was already rendered from the current snapshot, else
    /// by the routes (and cached when it succeeded). Pages get the viewer's account menu.
    func answer(_ request: Request, context: PhareRequestContext) async throws -> Response {
        let rawPath = request.uri.path
        let path = rawPath.removingPercentEncoding ?? rawPath
        if let (route, parameters) = RouteTable.route(
            for: path.split(separator: "/").map(String.init), method: request.method == .post ? .post : .get),
            case .session(let act) = route.handler
        {
            return try await SessionRoutes.answer(
                request, context: context, route: route, parameters: parameters, act: act, server: self)
        }
        // A POST here is to an unknown address (`HTTPSemanticsMiddleware` answered 405 for known ones):
        // it gets the same 404 as a GET.
        let entry = await cachedAnswer(request, path: path)
        return response(
            entry, request: request, modified: holder.current.modified,
            account: SessionRoutes.accountMenu(request, context: context, access: access))
    }

    /// The answer from the cache (keyed by the path and the parameters its route reads), else
    /// rendered through `renders` — or 503 with `Retry-After` at once when it is full. The
    /// operations routes (`/healthz`, `/metrics`) are cheap and never wait.
    func cachedAnswer(_ request: Request, path: String) async -> SnapshotHolder.CachedReply {
        let (snapshot, generation) = holder.currentWithGeneration()
        let queryItems: [(String, String)]
        do {
            queryItems = try QueryString.parse(request.uri.query)
        } catch {
            let reply = DashboardRoutes.failure(
                error, request: DashboardRequest(path: path, language: .fr), isAPI: RouteTable.answersJSON(path))
            return SnapshotHolder.CachedReply(reply: reply, etag: reply.etag, gzipped: nil)
        }
        let key = RouteTable.cacheKey(path: path, queryItems: queryItems)
        if let cached = holder.cached(key) { return cached }
        let holder = self.holder
        let metrics = self.metrics
        let assets = self.assets
        let render: @Sendable () -> SnapshotHolder.CachedReply = {
            let reply = DashboardRoutes.reply(
                path: path, queryItems: queryItems, snapshot: snapshot, assets: assets,
                operations: {
                    metrics.exposition(
                        cachedAnswers: holder.cachedCount, cachedBytes: holder.cachedBytes,
                        dataVersion: holder.current.version)
                }
            )
            return SnapshotHolder.CachedReply(reply: reply, etag: reply.etag, gzipped: Self.gzip(reply))
        }
        let components = DashboardRequest(path: path, language: .fr).components
        let entry: SnapshotHolder.CachedReply
        if RouteTable.route(for: components)?.route.kind == .operations {
            entry = render()
        } else if let rendered = await renders.run(render) {
            entry = rendered
        } else {
            let reply = Self.overloaded(path: path, queryItems: queryItems)
            return SnapshotHolder.CachedReply(reply: reply, etag: reply.etag, gzipped: nil)
        }
        if entry.reply.cacheable && entry.reply.status == 200 { holder.store(entry, for: key, generation: generation) }
        return entry
    }

    /// Seconds a refused client is asked to wait before asking again.
    static let retryAfterSeconds = 1

    /// 503: every place to render is taken; the client may retry after `retryAfterSeconds`.
    static func overloaded(path: String, queryItems: [(String, String)]) -> DashboardReply {
        let language: Language = queryItems.contains { $0 == ("lang", "en") } ? .en : .fr
        var reply = DashboardRoutes.failure(
            DashboardError(
                status: 503,
                message: LocalizedText(
                    fr: "Le serveur est saturé : réessayez dans \(retryAfterSeconds) s.",
                    en: "The server is overloaded: try again in \(retryAfterSeconds) s.")),
            request: DashboardRequest(path: path, language: language), isAPI: RouteTable.answersJSON(path))
        reply.headers.append(("Retry-After", String(retryAfterSeconds)))
        return reply
    }

    static func compressible(_ contentType: String) -> Bool {
        contentType.hasPrefix("text/") || contentType.hasPrefix("application/json")
            || contentType.hasPrefix("image/svg")
    }

    /// The body gzipped (RFC 1952, zlib through CompressNIO) when it is text of 1 KiB or more.
    static func gzip(_ reply: DashboardReply) -> Data? {
        guard reply.body.count >= 1024, compressible(reply.contentType) else { return nil }
        var buffer = ByteBuffer(bytes: reply.body)
        guard let compressed = try? buffer.compress(with: .gzip()) else { return nil }
        return Data(compressed.readableBytesView)
    }

    static let httpDate: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }()

    /// The HTTP answer of `entry`; in an HTML page, the account placeholder becomes `account`
    /// (then the ETag names the viewer's variant and the body is compressed afresh).
    func response(_ entry: SnapshotHolder.CachedReply, request: Request, modified: Date, account: String = "")
        -> Response
    {
        var entry = entry
        if !account.isEmpty, entry.reply.contentType.hasPrefix("text/html") {
            let text = String(decoding: entry.reply.body, as: UTF8.self)
            if text.contains(PageLayout.accountPlaceholder) {
                entry.reply.body = Data(
                    text.replacingOccurrences(of: PageLayout.accountPlaceholder, with: account).utf8)
                entry.etag = String(entry.etag.dropLast()) + "-" + String(Tokens.sha256(account).prefix(12)) + "\""
                entry.gzipped = Self.gzip(entry.reply)
            }
        }
        let reply = entry.reply
        guard reply.status == 200 && reply.cacheable else { return Self.uncached(reply) }
        var headers = HTTPFields()
        headers[.contentType] = reply.contentType
        for (name, value) in reply.headers {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        if Self.compressible(reply.contentType) { headers[.vary] = "Accept-Encoding" }
        let lastModified = Self.httpDate.string(from: modified)
        headers[.eTag] = entry.etag
        headers[.lastModified] = lastModified
        headers[.cacheControl] =
            reply.contentType.hasPrefix("text/css") || reply.contentType.hasPrefix("text/javascript")
            ? "public, max-age=3600" : "no-cache"

        if let tags = request.headers[.ifNoneMatch] {
            let candidates = tags.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if candidates.contains("*") || candidates.contains(entry.etag) || candidates.contains("W/" + entry.etag) {
                return Response(status: .notModified, headers: headers)
            }
        } else if let since = request.headers[.ifModifiedSince], let date = Self.httpDate.date(from: since),
            modified.timeIntervalSince1970.rounded(.down) <= date.timeIntervalSince1970
        {
            return Response(status: .notModified, headers: headers)
        }

        let acceptsGzip = request.headers[.acceptEncoding].map { Self.accepts(gzipIn: $0) } ?? false
        if acceptsGzip, let gzipped = entry.gzipped {
            headers[.contentEncoding] = "gzip"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: gzipped)))
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body)))
    }

    /// Whether an Accept-Encoding value allows gzip (RFC 9110 §12.5.3: `gzip` or `*` listed
    /// with a quality above zero).
    static func accepts(gzipIn header: String) -> Bool {
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = parts.first, coding == "gzip" || coding == "*" else { continue }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0
        }
        return false
    }
}

/// Security headers on every answer, one access-log line and the metrics for each request.
struct OperationsMiddleware: RouterMiddleware {
    typealias Context = PhareRequestContext
    let metrics: DashboardMetrics
    let accessLog: (@Sendable (String) -> Void)?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPResponseError {
            // Hummingbird's own errors (no route for this method): still with our headers.
            response = try error.response(from: request, context: context)
        }
        for field in DashboardServer.securityHeaders { response.headers[field.name] = field.value }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        metrics.record(path: request.uri.path, status: response.status.code, seconds: seconds)
        if let accessLog {
            let length = response.headers[.contentLength] ?? response.body.contentLength.map(String.init) ?? "-"
            accessLog(
                "\(DashboardServer.logDate()) \(request.method.rawValue) \(request.uri.description) "
                    + "\(response.status.code) \(length) \(String(format: "%.2f", seconds * 1000))ms"
            )
        }
        return response
    }
}

extension DashboardServer {
    /// ISO 8601 UTC timestamp with milliseconds, for access-log lines.
    static func logDate() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var time = tm()
        var seconds = now.tv_sec
        gmtime_r(&seconds, &time)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", time.tm_year + 1900, time.tm_mon + 1, time.tm_mday,
            time.tm_hour, time.tm_min, time.tm_sec, now.tv_nsec / 1_000_000)
    }
}
