import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PhareCore
import PhareRender
import PhareStore

/// Answers the routes that need the viewer or the store: reads the form (within the size
/// limit), checks its CSRF token, and turns the handler's reply into a response that is never cached.
enum SessionRoutes {
    /// The largest form a viewer who may not upload can send.
    static let smallFormBytes = 64 * 1024

    static func answer(
        _ request: Request, context: PhareRequestContext, route: Route, parameters: [String: String],
        act: @Sendable (SessionMatch) async throws -> DashboardReply, server: DashboardServer
    ) async throws -> Response {
        let access = server.access
        let rawPath = request.uri.path
        let path = rawPath.removingPercentEncoding ?? rawPath
        let queryItems = (try? QueryString.parse(request.uri.query)) ?? []
        let dashboardRequest =
            (try? DashboardRequest(path: path, queryItems: queryItems)) ?? DashboardRequest(path: path, language: .fr)
        var extraCookie: String?
        var csrf = access.csrfToken(for: context.viewer) ?? context.cookies[AccessControl.loginCookie] ?? ""
        if csrf.isEmpty {
            csrf = Tokens.random()
            extraCookie = access.cookie(AccessControl.loginCookie, csrf, maxAge: 3600)
        }
        var form: [String: String] = [:]
        var files: [String: UploadedFile] = [:]
        if request.method == .post {
            let limit = (context.viewer.role ?? .reader) >= .analyst ? access.settings.maxUploadBytes : smallFormBytes
            guard let body = try await readBody(request, limit: limit) else {
                return reply(
                    tooLarge(limit, dashboardRequest, json: route.answersJSON), request: request, context: context,
                    access: access)
            }
            do {
                (form, files) = try FormBody.parse(body, contentType: request.headers[.contentType] ?? "")
            } catch {
                return reply(
                    DashboardRoutes.failure(error, request: dashboardRequest, isAPI: route.answersJSON),
                    request: request, context: context, access: access)
            }
            guard let sent = form["csrf"], Tokens.equal(sent, csrf) else {
                let refusal = DashboardError(
                    status: 403,
                    message: LocalizedText(
                        fr: "Ce formulaire a expiré ou ne vient pas de ce site : rechargez la page et recommencez.",
                        en: "This form has expired or did not come from this site: reload the page and try again."))
                return reply(
                    DashboardRoutes.failure(refusal, request: dashboardRequest, isAPI: route.answersJSON),
                    request: request, context: context, access: access)
            }
        }
        let match = SessionMatch(
            request: dashboardRequest, parameters: parameters, viewer: context.viewer, access: access, csrf: csrf,
            form: form, files: files, address: context.address, snapshot: server.holder.current)
        var answer: DashboardReply
        do {
            answer = try await act(match)
        } catch {
            answer = DashboardRoutes.failure(error, request: dashboardRequest, isAPI: route.answersJSON)
        }
        if let extraCookie { answer.headers.append(("Set-Cookie", extraCookie)) }
        return reply(answer, request: request, context: context, access: access)
    }

    /// The body, or nil when it is larger than `limit`: refused on its Content-Length before
    /// anything is read, else counted as it streams in.
    static func readBody(_ request: Request, limit: Int) async throws -> Data? {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit { return nil }
        var collected = ByteBuffer()
        for try await chunk in request.body {
            guard collected.readableBytes + chunk.readableBytes <= limit else { return nil }
            var chunk = chunk
            collected.writeBuffer(&chunk)
        }
        return Data(collected.readableBytesView)
    }

    static func tooLarge(_ limit: Int, _ request: DashboardRequest, json: Bool) -> DashboardReply {
        let mebibytes = String(format: "%.0f", Double(limit) / 1_048_576)
        let size =
            limit >= 1_048_576
            ? LocalizedText(fr: "\(mebibytes) Mio", en: "\(mebibytes) MiB")
            : LocalizedText(fr: "\(limit) octets", en: "\(limit) bytes")
        let error = DashboardError(
            status: 413,
            message: LocalizedText(
                fr:
                    "Envoi refusé : il dépasse la limite de \(size.fr). Découpez le fichier ou importez-le avec la commande phare.",
                en:
                    "Upload refused: it is larger than the limit of \(size.en). Split the file or import it with the phare command."
            ))
        return DashboardRoutes.failure(error, request: request, isAPI: json)
    }

    static func reply(_ reply: DashboardReply, request: Request, context: PhareRequestContext, access: AccessControl)
        -> Response
    {
        var reply = reply
        if reply.contentType.hasPrefix("text/html") {
            let menu = accountMenu(request, context: context, access: access)
            reply.body = Data(
                String(decoding: reply.body, as: UTF8.self).replacingOccurrences(
                    of: PageLayout.accountPlaceholder, with: menu
                ).utf8)
        }
        var headers = HTTPFields()
        headers[.contentType] = reply.contentType
        headers[.cacheControl] = "no-store"
        for (name, value) in reply.headers {
            if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
        }
        return Response(
            status: .init(code: reply.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body)))
    }

    /// 401 or 403 for a route the viewer may not ask for: a JSON error, or a page with the login form's link.
    static func refusal(_ status: Int, request: Request, json: Bool) -> Response {
        let rawPath = request.uri.path
        let path = rawPath.removingPercentEncoding ?? rawPath
        let dashboardRequest =
            (try? DashboardRequest(path: path, queryItems: (try? QueryString.parse(request.uri.query)) ?? []))
            ?? DashboardRequest(path: path, language: .fr)
        let message =
            status == 401
            ? LocalizedText(
                fr: "Connectez-vous pour voir cette page.", en: "Sign in to see this page.")
            : LocalizedText(
                fr: "Votre rôle ne permet pas cette action ; demandez-la à un administrateur.",
                en: "Your role does not allow this; ask an administrator.")
        var reply = DashboardRoutes.failure(
            DashboardError(status: status, message: message), request: dashboardRequest, isAPI: json)
        if !json && status == 401 {
            let next = path + (request.uri.query.map { "?" + $0 } ?? "")
            let link = dashboardRequest.links.page("/login", [("next", next)])
            let text = String(decoding: reply.body, as: UTF8.self).replacingOccurrences(
                of: "</p><p><a ",
                with: "</p><p><a class=\"button\" href=\"\(HTML.escape(link))\">"
                    + HTML.escape(LocalizedText(fr: "Se connecter", en: "Sign in").text(dashboardRequest.language))
                    + "</a></p><p><a ")
            reply.body = Data(text.utf8)
        }
        var headers = HTTPFields()
        headers[.contentType] = reply.contentType
        headers[.cacheControl] = "no-store"
        return Response(
            status: .init(code: status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body))
        )
    }

    /// The header's account menu: who the viewer is, their role, their pages, logout.
    static func accountMenu(_ request: Request, context: PhareRequestContext, access: AccessControl) -> String {
        let language: Language = request.uri.queryParameters["lang"] == "en" ? .en : .fr
        let links = DashboardRequest(path: "/", language: language).links
        func text(_ fr: String, _ en: String) -> String { HTML.escape(language == .fr ? fr : en) }
        func link(_ path: String, _ fr: String, _ en: String) -> String {
            "<a href=\"\(HTML.escape(links.page(path)))\">\(text(fr, en))</a>"
        }
        switch context.viewer {
        case .anonymous:
            return "<div class=\"account\">\(link("/login", "Se connecter", "Sign in"))</div>"
        case .localAdmin:
            let title = text(
                "Aucun compte n’est défini et le serveur n’écoute que cette machine : vous êtes administrateur.",
                "No account is defined and the server listens on this machine only: you are admin.")
            let who = text("Utilisateur local · admin", "Local user · admin")
            let links =
                link("/import", "Imports", "Imports") + " "
                + link("/admin/users", "Administration", "Administration")
            return "<div class=\"account\"><span class=\"who\" title=\"\(title)\">\(who)</span> \(links)</div>"
        case .user(let account, _):
            let who = HTML.escape(account.login) + " · " + HTML.escape(roleName(account.role, language))
            let action = HTML.escape(links.page("/logout"))
            var html = "<form class=\"account\" method=\"post\" action=\"\(action)\">"
            html += "<span class=\"who\">\(who)</span> "
            if account.role >= .analyst { html += link("/import", "Imports", "Imports") + " " }
            if account.role >= .admin { html += link("/admin/users", "Administration", "Administration") + " " }
            html +=
                "<input type=\"hidden\" name=\"csrf\" value=\"\(HTML.escape(access.csrfToken(for: context.viewer) ?? ""))\">"
            html += "<button type=\"submit\">\(text("Se déconnecter", "Sign out"))</button></form>"
            return html
        }
    }

    static func roleName(_ role: Role, _ language: Language) -> String {
        switch role {
        case .admin: language == .fr ? "administrateur" : "admin"
        case .analyst: language == .fr ? "analyste" : "analyst"
        case .reader: language == .fr ? "lecteur" : "reader"
        }
    }
}

/// The body of a submitted form: `application/x-www-form-urlencoded` or `multipart/form-data`
/// (RFC 7578: parts separated by the boundary, each with a Content-Disposition naming its field
/// and, for a file, its file name).
enum FormBody {
    static func parse(_ body: Data, contentType: String) throws -> ([String: String], [String: UploadedFile]) {
        let lowered = contentType.lowercased()
        if lowered.hasPrefix("multipart/form-data") {
            guard let range = contentType.range(of: "boundary=", options: .caseInsensitive) else {
                throw badForm("multipart form without a boundary")
            }
            var boundary = String(contentType[range.upperBound...])
            if let end = boundary.firstIndex(of: ";") { boundary = String(boundary[..<end]) }
            boundary = boundary.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
            return try multipart(body, boundary: boundary)
        }
        var fields: [String: String] = [:]
        for (name, value) in try QueryString.parse(String(decoding: body, as: UTF8.self)) where fields[name] == nil {
            fields[name] = value
        }
        return (fields, [:])
    }

    static func badForm(_ reason: String) -> DashboardError {
        DashboardError.badRequest(
            LocalizedText(fr: "Formulaire mal formé (\(reason)).", en: "Malformed form (\(reason))."))
    }

    static func multipart(_ body: Data, boundary: String) throws -> ([String: String], [String: UploadedFile]) {
        let bytes = [UInt8](body)
        let delimiter = [UInt8](("--" + boundary).utf8)
        var starts: [Int] = []
        var index = 0
        while let found = find(delimiter, in: bytes, from: index) {
            starts.append(found)
            index = found + delimiter.count
        }
        guard starts.count >= 2 else { throw badForm("no part") }
        var fields: [String: String] = [:]
        var files: [String: UploadedFile] = [:]
        for (start, end) in zip(starts, starts.dropFirst()) {
            var partStart = start + delimiter.count
            if partStart + 1 < bytes.count, bytes[partStart] == 13, bytes[partStart + 1] == 10 { partStart += 2 }
            var partEnd = end
            if partEnd >= 2, bytes[partEnd - 2] == 13, bytes[partEnd - 1] == 10 { partEnd -= 2 }
            guard partStart <= partEnd else { throw badForm("truncated part") }
            let part = Array(bytes[partStart..<partEnd])
            guard let split = find([13, 10, 13, 10], in: part, from: 0) else { throw badForm("part without headers") }
            let headers = String(decoding: part[..<split], as: UTF8.self)
            let content = Data(part[(split + 4)...])
            guard let name = attribute("name", in: headers) else { throw badForm("part without a name") }
            if let fileName = attribute("filename", in: headers) {
                if !fileName.isEmpty { files[name] = UploadedFile(fileName: fileName, data: content) }
            } else if fields[name] == nil {
                fields[name] = String(decoding: content, as: UTF8.self)
            }
        }
        return (fields, files)
    }

    /// A parameter of the part's Content-Disposition (`name`, `filename`): quoted (with `\"`
    /// escapes, so that `;` may appear inside) or bare.
    static func attribute(_ name: String, in headers: String) -> String? {
        for line in headers.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            var rest = Substring(line.drop { $0 != ";" })
            while let separator = rest.firstIndex(of: ";") {
                rest = rest[rest.index(after: separator)...].drop { $0 == " " }
                guard let equals = rest.firstIndex(of: "=") else { break }
                let key = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
                rest = rest[rest.index(after: equals)...]
                var value = ""
                if rest.first == "\"" {
                    var index = rest.index(after: rest.startIndex)
                    while index < rest.endIndex, rest[index] != "\"" {
                        if rest[index] == "\\", rest.index(after: index) < rest.endIndex {
                            index = rest.index(after: index)
                        }
                        value.append(rest[index])
                        index = rest.index(after: index)
                    }
                    rest = index < rest.endIndex ? rest[rest.index(after: index)...] : rest[rest.endIndex...]
                } else {
                    value = String(rest.prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces)
                    rest = rest.drop { $0 != ";" }
                }
                if key == name { return value }
            }
        }
        return nil
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0] && haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}
