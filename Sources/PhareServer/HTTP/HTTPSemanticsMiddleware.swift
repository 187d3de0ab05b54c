import Foundation
import HTTPTypes
import Hummingbird
import PhareCore
import PhareRender

/// HTTP as clients expect it (RFC 9110), before any route runs: a request line or header block
/// over the limits gets 414 or 431 with a sentence; on a path of the route table, OPTIONS gets 204
/// with `Allow`, HEAD the GET answer without its body (same headers), and any other method the
/// table does not list 405 with `Allow`. Unknown paths go on to their 404.
struct HTTPSemanticsMiddleware: RouterMiddleware {
    typealias Context = PhareRequestContext

    /// Longest request target accepted (path and query), in bytes.
    static let maximumURILength = 8192
    /// Largest header block accepted (names, values and their separators), in bytes.
    static let maximumHeaderBytes = 16384

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let rawPath = request.uri.path
        let path = rawPath.removingPercentEncoding ?? rawPath
        let target = request.head.path ?? ""
        if target.utf8.count > Self.maximumURILength {
            return refusal(
                414, path: String(path.prefix(200)),
                LocalizedText(
                    fr: "L’adresse dépasse \(Self.maximumURILength) octets (\(target.utf8.count)).",
                    en: "The address is longer than \(Self.maximumURILength) bytes (\(target.utf8.count))."))
        }
        let headerBytes = request.headers.reduce(0) { $0 + $1.name.rawName.utf8.count + $1.value.utf8.count + 4 }
        if headerBytes > Self.maximumHeaderBytes {
            return refusal(
                431, path: path,
                LocalizedText(
                    fr: "Les en-têtes de la requête dépassent \(Self.maximumHeaderBytes) octets (\(headerBytes)).",
                    en: "The request headers are larger than \(Self.maximumHeaderBytes) bytes (\(headerBytes))."))
        }
        if request.method == .head {
            var head = request.head
            head.method = .get
            return try await next(Request(head: head, body: request.body), context).createHeadResponse()
        }
        let allowed = Self.methods(at: path)
        guard !allowed.isEmpty else { return try await next(request, context) }
        let allow = allowed.joined(separator: ", ")
        switch request.method {
        case .options:
            return Response(status: .noContent, headers: [.allow: allow, .cacheControl: "no-store"])
        case let method where allowed.contains(method.rawValue):
            return try await next(request, context)
        default:
            var response = refusal(
                405, path: path,
                LocalizedText(
                    fr: "Cette adresse ne répond pas à \(request.method.rawValue) : \(allow).",
                    en: "This address does not answer \(request.method.rawValue): \(allow)."))
            response.headers[.allow] = allow
            return response
        }
    }

    /// The methods the route table answers at `path` (HEAD with GET, and OPTIONS), none when no
    /// route answers it.
    static func methods(at path: String) -> [String] {
        let components = DashboardRequest(path: path, language: .fr).components
        let listed = Set(RouteTable.routes.filter { $0.match(components) != nil }.map(\.method))
        guard !listed.isEmpty else { return [] }
        var methods: [String] = []
        if listed.contains(.get) { methods += ["GET", "HEAD"] }
        if listed.contains(.post) { methods.append("POST") }
        return methods + ["OPTIONS"]
    }

    func refusal(_ status: Int, path: String, _ message: LocalizedText) -> Response {
        let reply = DashboardRoutes.failure(
            DashboardError(status: status, message: message), request: DashboardRequest(path: path, language: .fr),
            isAPI: RouteTable.answersJSON(path))
        return DashboardServer.uncached(reply)
    }
}
