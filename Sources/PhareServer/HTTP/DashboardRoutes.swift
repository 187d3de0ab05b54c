import Foundation
import PhareAnalysis
import PhareCore
import PhareRender

/// Turns a request into an answer, from the snapshot alone. Pure: no I/O, no clock; the HTTP
/// layer (`DashboardServer`) adds caching, compression and headers.
public enum DashboardRoutes {
    static let html = "text/html; charset=utf-8"
    static let json = "application/json; charset=utf-8"

    public static func reply(path: String, queryItems: [(String, String)], snapshot: DashboardSnapshot, assets: DashboardAssetData) -> DashboardReply {
        let isAPI = path.hasPrefix("/api/") || path.hasPrefix("/download/") || path == "/openapi.json"
        let request: DashboardRequest
        do {
            request = try DashboardRequest(path: path, queryItems: queryItems)
        } catch {
            return failure(error, request: DashboardRequest(path: path, language: .fr), isAPI: isAPI)
        }
        do {
            return try route(request, snapshot: snapshot, assets: assets)
        } catch {
            return failure(error, request: request, isAPI: isAPI)
        }
    }

    static func failure(_ error: Error, request: DashboardRequest, isAPI: Bool) -> DashboardReply {
        let dashboardError = (error as? DashboardError)
            ?? DashboardError(status: 500, message: LocalizedText(fr: "Erreur interne : \(error)", en: "Internal error: \(error)"))
        if isAPI {
            let body = "{\"error\":{\"status\":\(dashboardError.status),\"message\":\(JSONText.string(dashboardError.message.text(request.language)))}}"
            return DashboardReply(status: dashboardError.status, contentType: json, body: Data(markupSafe(body).utf8), cacheable: false)
        }
        return DashboardReply(status: dashboardError.status, contentType: html, body: Data(DashboardPage.errorPage(request, dashboardError).utf8), cacheable: false)
    }

    /// JSON with `<`, `>` and `&` written as \u escapes: the same JSON value, and never markup
    /// even if a client mistakes it for HTML. They can only occur inside JSON strings.
    static func markupSafe(_ json: String) -> String {
        json.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e").replacingOccurrences(of: "&", with: "\\u0026")
    }

    static func page(_ text: String) -> DashboardReply { DashboardReply(contentType: html, body: Data(text.utf8)) }

    static func route(_ request: DashboardRequest, snapshot: DashboardSnapshot, assets: DashboardAssetData) throws -> DashboardReply {
        let parts = request.components
        switch parts.first {
        case nil: return page(try FrancePage.render(request, snapshot))
        case "region" where parts.count == 2: return page(try TerritoryPage.region(request, code: parts[1], snapshot))
        case "departement" where parts.count == 2: return page(try TerritoryPage.departement(request, code: parts[1], snapshot))
        case "domain" where parts.count == 1: return page(FrameworkPages.domainIndex(request, snapshot))
        case "domain" where parts.count == 2: return page(try DomainPage.render(request, code: parts[1], snapshot))
        case "actor" where parts.count == 1: return page(FrameworkPages.actorIndex(request, snapshot))
        case "actor" where parts.count == 2: return page(try ActorPage.render(request, code: parts[1], snapshot))
        case "compare" where parts.count == 1: return page(try ComparePage.render(request, snapshot))
        case "indicators" where parts.count == 1: return page(FrameworkPages.indicators(request, snapshot))
        case "methodology" where parts.count == 1: return page(FrameworkPages.methodology(request, snapshot))
        case "framework" where parts.count == 1: return page(FrameworkPages.framework(request, snapshot))
        case "weights" where parts.count == 1: return page(try WeightsPage.render(request, snapshot))
        case "download" where parts.count == 2: return try download(request, file: parts[1], snapshot: snapshot)
        case "api" where parts.count >= 3 && parts[1] == "v1":
            return DashboardReply(contentType: json, body: Data(markupSafe(try DashboardAPI.respond(request, components: Array(parts.dropFirst(2)), snapshot)).utf8))
        case "openapi.json" where parts.count == 1:
            return DashboardReply(contentType: json, body: Data(OpenAPIDocument.json(version: "1.0.0").utf8))
        case "assets" where parts == ["assets", "dashboard.css"]:
            return DashboardReply(contentType: "text/css; charset=utf-8", body: assets.stylesheet)
        case "assets" where parts == ["assets", "dashboard.js"]:
            return DashboardReply(contentType: "text/javascript; charset=utf-8", body: assets.script)
        default:
            throw DashboardError.notFound(LocalizedText(fr: "Aucune page à l’adresse « \(request.path) ».", en: "No page at \"\(request.path)\"."))
        }
    }

    static func download(_ request: DashboardRequest, file: String, snapshot: DashboardSnapshot) throws -> DashboardReply {
        let pieces = file.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count == 2 else {
            throw DashboardError.notFound(LocalizedText(fr: "Téléchargement inconnu « \(file) » : NOM.csv ou NOM.xlsx.", en: "Unknown download \"\(file)\": NAME.csv or NAME.xlsx."))
        }
        let table = try DashboardTables.table(named: String(pieces[0]), request: request, snapshot: snapshot)
        let disposition = ("Content-Disposition", "attachment; filename=\"phare-\(table.name).\(pieces[1])\"")
        switch pieces[1] {
        case "csv":
            return DashboardReply(contentType: "text/csv; charset=utf-8", body: Data(table.dataTable.render(.csv).utf8), headers: [disposition])
        case "xlsx":
            let workbook = try XLSXWriter.workbook(table.dataTable, sheetName: table.name)
            return DashboardReply(contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body: workbook, headers: [disposition])
        default:
            throw DashboardError.notFound(LocalizedText(fr: "Format inconnu « \(pieces[1]) » : csv ou xlsx.", en: "Unknown format \"\(pieces[1])\": csv or xlsx."))
        }
    }
}

/// The static files, read once at start.
public struct DashboardAssetData: Sendable {
    public var stylesheet: Data
    public var script: Data

    public init(stylesheet: Data, script: Data) {
        self.stylesheet = stylesheet
        self.script = script
    }

    public static func bundled() throws -> DashboardAssetData {
        DashboardAssetData(stylesheet: try DashboardAssets.stylesheet(), script: try DashboardAssets.script())
    }
}
