import Foundation
import PhareAnalysis
import PhareCore
import PhareRender

/// Turns a request into an answer, from the snapshot alone. Pure: no I/O, no clock; the HTTP
/// layer (`DashboardServer`) adds caching, compression and headers.
public enum DashboardRoutes {
    static let html = "text/html; charset=utf-8"
    static let json = "application/json; charset=utf-8"

    public static func reply(
        path: String, queryItems: [(String, String)], snapshot: DashboardSnapshot, assets: DashboardAssetData,
        operations: (@Sendable () -> String)? = nil
    ) -> DashboardReply {
        let isAPI = RouteTable.answersJSON(path)
        let components = DashboardRequest(path: path, language: .fr).components
        let request: DashboardRequest
        do {
            // Only the parameters the route reads (`Route.query`): the answer depends on nothing else.
            request = try DashboardRequest(
                path: path, queryItems: RouteTable.itemsRead(by: components, from: queryItems))
        } catch {
            return failure(error, request: DashboardRequest(path: path, language: .fr), isAPI: isAPI)
        }
        do {
            guard let (route, parameters) = RouteTable.route(for: request.components),
                case .snapshot(let answer) = route.handler
            else {
                throw DashboardError.notFound(
                    LocalizedText(
                        fr: "Aucune page à l’adresse « \(request.path) ».", en: "No page at \"\(request.path)\".")
                )
            }
            let match = RouteMatch(
                request: request, parameters: parameters, snapshot: snapshot, assets: assets,
                operations: operations.map { OperationsState(metrics: $0) }
            )
            return try answer(match)
        } catch {
            return failure(error, request: request, isAPI: isAPI)
        }
    }

    static func failure(_ error: Error, request: DashboardRequest, isAPI: Bool) -> DashboardReply {
        let dashboardError =
            (error as? DashboardError)
            ?? DashboardError(
                status: 500, message: LocalizedText(fr: "Erreur interne : \(error)", en: "Internal error: \(error)"))
        if isAPI {
            let body =
                "{\"error\":{\"status\":\(dashboardError.status),\"message\":\(JSONText.string(dashboardError.message.text(request.language)))}}"
            return DashboardReply(
                status: dashboardError.status, contentType: json, body: Data(markupSafe(body).utf8), cacheable: false)
        }
        return DashboardReply(
            status: dashboardError.status, contentType: html,
            body: Data(DashboardPage.errorPage(request, dashboardError).utf8), cacheable: false)
    }

    /// JSON with `<`, `>` and `&` written as \u escapes: the same JSON value, and never markup
    /// even if a client mistakes it for HTML. They can only occur inside JSON strings.
    static func markupSafe(_ json: String) -> String {
        json.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }

    static func download(_ request: DashboardRequest, file: String, snapshot: DashboardSnapshot) throws
        -> DashboardReply
    {
        let pieces = file.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count == 2 else {
            throw DashboardError.notFound(
                LocalizedText(
                    fr: "Téléchargement inconnu « \(file) » : NOM.csv ou NOM.xlsx.",
                    en: "Unknown download \"\(file)\": NAME.csv or NAME.xlsx."))
        }
        let table = try DashboardTables.table(named: String(pieces[0]), request: request, snapshot: snapshot)
        let disposition = ("Content-Disposition", "attachment; filename=\"phare-\(table.name).\(pieces[1])\"")
        switch pieces[1] {
        case "csv":
            return DashboardReply(
                contentType: "text/csv; charset=utf-8", body: Data(table.dataTable.render(.csv).utf8),
                headers: [disposition])
        case "xlsx":
            let workbook = try XLSXWriter.workbook(table.dataTable, sheetName: table.name)
            return DashboardReply(
                contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body: workbook,
                headers: [disposition])
        default:
            throw DashboardError.notFound(
                LocalizedText(
                    fr: "Format inconnu « \(pieces[1]) » : csv ou xlsx.",
                    en: "Unknown format \"\(pieces[1])\": csv or xlsx."))
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
