import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PhareRender
import PhareStore

/// The request context of the dashboard: Hummingbird's, with the viewer `AccessMiddleware` found
/// and the address the request came from.
public struct PhareRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var viewer: Viewer = .anonymous
    public var cookies: [String: String] = [:]
    /// The peer's IP address (the throttling counts failures per address); proxies' headers are not trusted.
    public let address: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        address = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}

/// The one place where authorisation is enforced: finds the route of the request in the route
/// table, the viewer from the session cookie, and answers 401 (not signed in) or 403 (role too
/// low) before any handler runs.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = PhareRequestContext
    let access: AccessControl

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        context.cookies = AccessControl.cookies(request.headers[.cookie])
        context.viewer = try access.viewer(cookies: context.cookies)
        let rawPath = request.uri.path
        let path = rawPath.removingPercentEncoding ?? rawPath
        let method: Route.Method = request.method == .post ? .post : .get
        if let (route, _) = RouteTable.route(for: path.split(separator: "/").map(String.init), method: method) {
            switch try access.decide(route.access, viewer: context.viewer, address: context.address) {
            case .allowed: break
            case .unauthenticated: return SessionRoutes.refusal(401, request: request, json: route.answersJSON)
            case .forbidden: return SessionRoutes.refusal(403, request: request, json: route.answersJSON)
            }
        }
        return try await next(request, context)
    }
}

/// What a route answered with the viewer and the store needs.
struct SessionMatch: Sendable {
    var request: DashboardRequest
    var parameters: [String: String]
    var viewer: Viewer
    var access: AccessControl
    /// The token the forms of the page must carry.
    var csrf: String
    /// The fields of a submitted form (POST), the uploaded files by field name.
    var form: [String: String]
    var files: [String: UploadedFile]
    var address: String
    var snapshot: DashboardSnapshot

    subscript(_ name: String) -> String { parameters[name] ?? "" }
}

/// A file sent in a multipart form.
struct UploadedFile: Sendable {
    var fileName: String
    var data: Data
}
