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

    public init(
        holder: SnapshotHolder, assets: DashboardAssetData, metrics: DashboardMetrics = DashboardMetrics(),
        access: AccessControl, accessLog: (@Sendable (String) -> Void)?
    ) {
        self.holder = holder
        self.assets = assets
        self.metrics = metrics
        self.access = access
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

    /// The router: every path through the route table, after `AccessMiddleware` decided who may ask.
    public func router() -> Router<PhareRequestContext> {
        let router = Router(context: PhareRequestContext.self)
        router.add(middleware: OperationsMiddleware(metrics: metrics, accessLog: accessLog))
        router.add(middleware: AccessMiddleware(access: access))
        let handler: @Sendable (Request, PhareRequestContext) async throws -> Response = { request, context in
            try await answer(request, context: context)
        }
        router.get("/", use: handler)
        router.get("**", use: handler)
        router.post("**", use: handler)
        return router
    }

    static func plain(status: HTTPResponse.Status, contentType: String, body: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
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
        if request.method == .post {
            return Self.plain(
                status: .methodNotAllowed, contentType: DashboardRoutes.json,
                body: #"{"error":{"status":405,"message":"This address only answers GET."}}"#)
        }
        let entry = cachedAnswer(request, path: path)
        return response(
            entry, request: request, modified: holder.current.modified,
            account: SessionRoutes.accountMenu(request, context: context, access: access))
    }

    func cachedAnswer(_ request: Request, path: String) -> SnapshotHolder.CachedReply {
        let (snapshot, generation) = holder.currentWithGeneration()
        let key = path + "?" + (request.uri.query ?? "")
        let entry: SnapshotHolder.CachedReply
        if let cached = holder.cached(key) {
            entry = cached
        } else {
            let reply: DashboardReply
            do {
                let holder = self.holder
                let metrics = self.metrics
                reply = DashboardRoutes.reply(
                    path: path, queryItems: try QueryString.parse(request.uri.query), snapshot: snapshot,
                    assets: assets,
                    operations: {
                        metrics.exposition(cachedAnswers: holder.cachedCount, dataVersion: holder.current.version)
                    }
                )
            } catch {
                reply = DashboardRoutes.failure(
                    error, request: DashboardRequest(path: path, language: .fr), isAPI: RouteTable.answersJSON(path))
            }
            entry = SnapshotHolder.CachedReply(reply: reply, etag: reply.etag, gzipped: Self.gzip(reply))
            if reply.cacheable && reply.status == 200 { holder.store(entry, for: key, generation: generation) }
        }
        return entry
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
        var headers = HTTPFields()
        headers[.contentType] = reply.contentType
        for (name, value) in reply.headers {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        let compressible = Self.compressible(reply.contentType)
        if compressible { headers[.vary] = "Accept-Encoding" }
        guard reply.status == 200 && reply.cacheable else {
            headers[.cacheControl] = "no-store"
            return Response(
                status: .init(code: reply.status), headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body)))
        }
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
