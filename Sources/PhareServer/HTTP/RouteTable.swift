import Foundation
import PhareAnalysis
import PhareCore
import PhareRender

/// One route of the dashboard: the path pattern it answers, the label the metrics count it under,
/// what it answers (a page, the API, a download, a static file, the server's own state), and its
/// OpenAPI path item when it belongs to the documented interface. `RouteTable.routes` is the one
/// list that drives the routing, the metrics labels and the OpenAPI document.
struct Route: Sendable {
    enum Kind: Sendable {
        /// An HTML page of the dashboard (not part of the API).
        case page
        /// A JSON resource of `/api/v1`, documented.
        case api
        /// A table as a CSV or XLSX file, documented.
        case download
        /// A static file (stylesheet, script) or the OpenAPI document itself.
        case asset
        /// The server's own state (`/healthz`, `/metrics`), documented, answered by the server.
        case operations
    }

    /// `/region/{code}`: literal segments, and parameters in braces that match any one segment.
    let pattern: String
    let segments: [String]
    let label: String
    let kind: Kind
    /// A path this route answers on the demo observatory (checked by the tests).
    let example: String
    /// The OpenAPI path item (JSON), nil for pages and assets.
    let openAPI: String?
    /// Who may ask (the minimum role, and whether the public may once an admin published it),
    /// enforced by `AccessMiddleware` for every route.
    let access: Access
    let method: Method
    let handler: Handler
    /// The query parameters the answer reads besides `lang` (a name ending in `*` stands for every
    /// parameter it begins): the others are dropped before the answer is rendered and from the
    /// cache key, so URLs that differ only by them share one cached answer.
    let query: [String]

    enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
    }

    enum Handler: Sendable {
        /// Answered from the snapshot alone (pure, cached).
        case snapshot(@Sendable (RouteMatch) throws -> DashboardReply)
        /// Answered with the viewer and the store (accounts, forms, uploads; never cached).
        case session(@Sendable (SessionMatch) async throws -> DashboardReply)
    }

    init(
        _ pattern: String, label: String, kind: Kind, example: String? = nil, openAPI: String? = nil,
        access: Access = .dashboard, query: [String] = [],
        answer: @escaping @Sendable (RouteMatch) throws -> DashboardReply
    ) {
        self.init(
            pattern, label: label, kind: kind, method: .get, access: access, example: example, openAPI: openAPI,
            query: query, handler: .snapshot(answer))
    }

    init(
        _ pattern: String, label: String, kind: Kind, method: Method, access: Access, example: String? = nil,
        openAPI: String? = nil, act: @escaping @Sendable (SessionMatch) async throws -> DashboardReply
    ) {
        self.init(
            pattern, label: label, kind: kind, method: method, access: access, example: example, openAPI: openAPI,
            query: [], handler: .session(act))
    }

    private init(
        _ pattern: String, label: String, kind: Kind, method: Method, access: Access, example: String?,
        openAPI: String?, query: [String], handler: Handler
    ) {
        self.pattern = pattern
        self.segments = pattern.split(separator: "/").map(String.init)
        self.label = label
        self.kind = kind
        self.method = method
        self.access = access
        self.example = example ?? pattern
        self.openAPI = openAPI
        self.query = query
        self.handler = handler
    }

    /// Whether the answer reads the query parameter `name`.
    func reads(_ name: String) -> Bool {
        name == "lang"
            || query.contains { $0.hasSuffix("*") ? name.hasPrefix($0.dropLast()) : name == $0 }
    }

    /// Errors of the API, the downloads and the operations are JSON; those of pages are HTML.
    var answersJSON: Bool { kind != .page }

    /// The parameters of `components` when this route answers them.
    func match(_ components: [String]) -> [String: String]? {
        guard components.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, component) in zip(segments, components) {
            if segment.hasPrefix("{") && segment.hasSuffix("}") {
                parameters[String(segment.dropFirst().dropLast())] = component
            } else if segment != component {
                return nil
            }
        }
        return parameters
    }
}

/// A request matched to a route, with what answering it needs.
struct RouteMatch: Sendable {
    var request: DashboardRequest
    var parameters: [String: String]
    var snapshot: DashboardSnapshot
    var assets: DashboardAssetData
    /// The server's own state, for the operations routes.
    var operations: OperationsState?

    subscript(_ name: String) -> String { parameters[name] ?? "" }
}

/// What `/healthz` and `/metrics` report, given by the running server.
struct OperationsState: Sendable {
    var metrics: @Sendable () -> String
}

enum RouteTable {
    /// What the tables read (`DashboardTables.table`), for `/api/v1/tables/{name}` and the downloads.
    static let tableParameters = [
        "layer", "region", "departement", "from", "domain", "actor", "a", "b", "group", "w-*",
    ]
    /// The answers of the stage diagnostic, one parameter per question.
    static let stageQuestions = (try? StageDiagnostic.bundled().questions.map(\.code)) ?? []

    static let routes: [Route] = [
        Route("/", label: "france", kind: .page, query: ["layer", "from", "evolution-actor"]) {
            page(try FrancePage.render($0.request, $0.snapshot))
        },
        Route(
            "/region/{code}", label: "region", kind: .page, example: "/region/44",
            query: ["layer", "from", "evolution-actor"]
        ) {
            page(try TerritoryPage.region($0.request, code: $0["code"], $0.snapshot))
        },
        Route("/departement/{code}", label: "departement", kind: .page, example: "/departement/54", query: ["layer"]) {
            page(try TerritoryPage.departement($0.request, code: $0["code"], $0.snapshot))
        },
        Route("/domain", label: "domain", kind: .page) { page(FrameworkPages.domainIndex($0.request, $0.snapshot)) },
        Route(
            "/domain/{code}", label: "domain", kind: .page, example: "/domain/emploi",
            query: ["from", "evolution-region"]
        ) {
            page(try DomainPage.render($0.request, code: $0["code"], $0.snapshot))
        },
        Route("/actor", label: "actor", kind: .page) { page(FrameworkPages.actorIndex($0.request, $0.snapshot)) },
        Route("/actor/{code}", label: "actor", kind: .page, example: "/actor/citoyens", query: ["domain", "from"]) {
            page(try ActorPage.render($0.request, code: $0["code"], $0.snapshot))
        },
        Route("/compare", label: "compare", kind: .page, example: "/compare?a=44&b=93", query: ["a", "b"]) {
            page(try ComparePage.render($0.request, $0.snapshot))
        },
        Route("/indicators", label: "indicators", kind: .page, access: .methodology) {
            page(FrameworkPages.indicators($0.request, $0.snapshot))
        },
        Route("/sources", label: "sources", kind: .page, access: .methodology) {
            page(FrameworkPages.sources($0.request, $0.snapshot))
        },
        Route("/methodology", label: "methodology", kind: .page, access: .methodology) {
            page(FrameworkPages.methodology($0.request, $0.snapshot))
        },
        Route("/framework", label: "framework", kind: .page, access: .methodology) {
            page(FrameworkPages.framework($0.request, $0.snapshot))
        },
        Route("/weights", label: "weights", kind: .page, query: ["w-*"]) {
            page(try WeightsPage.render($0.request, $0.snapshot))
        },
        Route("/coherence", label: "coherence", kind: .page) {
            page(try CoherencePage.render($0.request, $0.snapshot))
        },
        Route(
            "/alliances", label: "alliances", kind: .page, example: "/alliances?domain=emploi",
            query: ["domain", "territory"]
        ) {
            page(try AlliancePages.list($0.request, $0.snapshot))
        },
        Route("/stage", label: "stage", kind: .page, query: stageQuestions) { page(try StagePage.render($0.request)) },
        Route("/toolkit", label: "toolkit", kind: .page, query: ["q"]) { page(try ToolkitPages.index($0.request)) },
        Route("/toolkit/{name}", label: "toolkit", kind: .page, example: "/toolkit/typologie") {
            page(try ToolkitPages.page($0.request, name: $0["name"]))
        },
        Route(
            "/download/{file}", label: "download", kind: .download, example: "/download/regions.csv",
            openAPI:
                ##"{"get": {"operationId": "downloadTable", "summary": "A table of the dashboard as a CSV or XLSX file: {name}.csv or {name}.xlsx, same parameters as /api/v1/tables/{name}.", "parameters": [{"name": "file", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[a-z0-9-]+\\.(csv|xlsx)$"}}], "responses": {"200": {"description": "The file.", "content": {"text/csv": {"schema": {"type": "string"}}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "contentMediaType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "404": {"$ref": "#/components/responses/NotFound"}}}}"##,
            query: tableParameters
        ) { match in try DashboardRoutes.download(match.request, file: match["file"], snapshot: match.snapshot) },
        Route(
            "/api/v1/status", label: "api", kind: .api, example: "/api/v1/status",
            openAPI:
                ##"{"get": {"operationId": "getStatus", "summary": "State of the data served (version, what is loaded).", "responses": {"200": {"description": "Status.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Status"}}}}}}}"##
        ) { match in try api(match) },
        Route(
            "/api/v1/framework", label: "api", kind: .api, example: "/api/v1/framework",
            openAPI:
                ##"{"get": {"operationId": "getFramework", "summary": "The framework: axes, domains, actors, typologies and scales.", "responses": {"200": {"description": "The framework recorded in the observatory.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Framework"}}}}}}}"##
        ) { match in try api(match) },
        Route(
            "/api/v1/territories", label: "api", kind: .api, example: "/api/v1/territories?level=departement&parent=44",
            openAPI:
                ##"{"get": {"operationId": "listTerritories", "summary": "Territories of one level, optionally below a parent.", "parameters": [{"name": "level", "in": "query", "required": false, "schema": {"$ref": "#/components/schemas/Level"}, "description": "Level listed (default region). Communes need a parent."}, {"name": "parent", "in": "query", "required": false, "schema": {"type": "string"}, "description": "An INSEE code (44) or level:code (departement:44)."}], "responses": {"200": {"description": "Territories sorted by code.", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Territory"}}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "404": {"$ref": "#/components/responses/NotFound"}}}}"##,
            query: ["level", "parent"]
        ) { match in try api(match) },
        Route(
            "/api/v1/territories/{level}/{code}", label: "api", kind: .api, example: "/api/v1/territories/region/44",
            openAPI:
                ##"{"get": {"operationId": "getTerritory", "summary": "One territory with its ancestors, counts, children and values.", "parameters": [{"name": "level", "in": "path", "required": true, "schema": {"$ref": "#/components/schemas/Level"}}, {"name": "code", "in": "path", "required": true, "schema": {"type": "string"}, "description": "INSEE code (44 for Grand Est at level region)."}], "responses": {"200": {"description": "The territory.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TerritoryDetail"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "404": {"$ref": "#/components/responses/NotFound"}}}}"##
        ) { match in try api(match) },
        Route(
            "/api/v1/layers", label: "api", kind: .api, example: "/api/v1/layers",
            openAPI:
                ##"{"get": {"operationId": "listLayers", "summary": "The figures the maps can show (territory figures, then the analyses' results as they are loaded).", "responses": {"200": {"description": "Layers.", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Layer"}}}}}}}}"##
        ) { match in try api(match) },
        Route(
            "/api/v1/layers/{id}", label: "api", kind: .api, example: "/api/v1/layers/population",
            openAPI:
                ##"{"get": {"operationId": "getLayerValues", "summary": "One layer's values and ranks for the regions or the départements.", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "level", "in": "query", "required": false, "schema": {"type": "string", "enum": ["region", "departement"]}}], "responses": {"200": {"description": "Values.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LayerValues"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "404": {"$ref": "#/components/responses/NotFound"}}}}"##,
            query: ["level"]
        ) { match in try api(match) },
        Route(
            "/api/v1/regions/{code}/profile", label: "api", kind: .api, example: "/api/v1/regions/44/profile",
            openAPI:
                ##"{"get": {"operationId": "getRegionProfile", "summary": "The region profile: identity card, fragilities measured and felt, co-construction, practices against France, synthesis and provenance (404 when no analysis is loaded).", "parameters": [{"name": "code", "in": "path", "required": true, "schema": {"type": "string"}, "description": "INSEE code of the region (44 for Grand Est)."}], "responses": {"200": {"description": "The RegionProfile as computed by PhareCore (ObservatoryAnalysis).", "content": {"application/json": {"schema": {"type": ["object", "array"]}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "404": {"$ref": "#/components/responses/NotFound"}}}}"##
        ) { match in try api(match) },
        Route(
            "/api/v1/regions/{code}/crossview", label: "api", kind: .api, example: "/api/v1/regions/44/crossview",
            openAPI:
                ##"{"get": {"operationId": "getRegionCrossView", "summary": "The cross-view cells of a region: measured score and rank, each actor's perception, verdicts and class per domain.", "parameters": [{"name": "code", "in": "path", "required": true, "schema": {"type": "string"}, "description": "INSEE code of the region (44 for Grand Est)."}], "responses": {"200": {"description": "Cross-view cells, one per domain.", "content": {"application/json": {"schema": {"type": ["object", "array"]}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "404": {"$ref": "#/components/responses/NotFound"}}}}"##
        ) { match in try api(match) },
        Route(
            "/api/v1/diagnosis", label: "api", kind: .api, example: "/api/v1/diagnosis",
            openAPI:
                ##"{"get": {"operationId": "getDiagnosis", "summary": "The region diagnosis: indicator positions, domain and axis composite scores and ranks.", "parameters": [{"name": "peers", "in": "query", "required": false, "schema": {"type": "string", "enum": ["metropolitan", "all"]}, "description": "Peer set (default metropolitan)."}], "responses": {"200": {"description": "The Diagnosis as computed by PhareCore.", "content": {"application/json": {"schema": {"type": ["object", "array"]}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "404": {"$ref": "#/components/responses/NotFound"}}}}"##,
            query: ["peers"]
        ) { match in try api(match) },
        Route(
            "/api/v1/sensitivity", label: "api", kind: .api, example: "/api/v1/sensitivity",
            openAPI:
                ##"{"get": {"operationId": "getSensitivity", "summary": "Monte-Carlo rank intervals of the metropolitan region diagnosis (500 runs, fixed seed).", "parameters": [], "responses": {"200": {"description": "The SensitivityResult as computed by PhareCore.", "content": {"application/json": {"schema": {"type": ["object", "array"]}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "404": {"$ref": "#/components/responses/NotFound"}}}}"##
        ) { match in try api(match) },
        Route(
            "/api/v1/practices", label: "api", kind: .api, example: "/api/v1/practices",
            openAPI:
                ##"{"get": {"operationId": "getPractices", "summary": "Partnership practices of every region against France (rates, types, scopes, innovation agreement).", "parameters": [], "responses": {"200": {"description": "One entry per region with its PracticesPart.", "content": {"application/json": {"schema": {"type": ["object", "array"]}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "404": {"$ref": "#/components/responses/NotFound"}}}}"##
        ) { match in try api(match) },
        Route(
            "/api/v1/measures", label: "api", kind: .api, example: "/api/v1/measures",
            openAPI:
                ##"{"get": {"operationId": "getMeasures", "summary": "Every survey estimate of the latest wave read by the profiles, nationally and by region.", "parameters": [], "responses": {"200": {"description": "MeasureEstimate list.", "content": {"application/json": {"schema": {"type": ["object", "array"]}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "404": {"$ref": "#/components/responses/NotFound"}}}}"##
        ) { match in try api(match) },
        Route(
            "/api/v1/evolution", label: "api", kind: .api, example: "/api/v1/evolution?actor=citoyens&from=2015",
            openAPI:
                ##"{"get": {"operationId": "getEvolution", "summary": "Survey measures between two waves: both estimates, the difference, its standard error and 95 % interval (independent samples), nationally or in a region.", "parameters": [{"name": "region", "in": "query", "required": false, "schema": {"type": "string"}, "description": "INSEE code of the region (default France)."}, {"name": "actor", "in": "query", "required": false, "schema": {"type": "string"}, "description": "Only this actor's measures."}, {"name": "domain", "in": "query", "required": false, "schema": {"type": "string"}, "description": "Only the measures on this domain (every actor)."}, {"name": "from", "in": "query", "required": false, "schema": {"type": "string"}, "description": "The earlier wave (default the previous wave of microdata; nationally also a wave of published figures)."}], "responses": {"200": {"description": "WaveDifference list as computed by PhareCore.", "content": {"application/json": {"schema": {"type": "array", "items": {"type": "object"}}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "404": {"$ref": "#/components/responses/NotFound"}}}}"##,
            query: ["region", "actor", "domain", "from"]
        ) { match in try api(match) },
        Route(
            "/api/v1/indicator-series", label: "api", kind: .api,
            example: "/api/v1/indicator-series?indicator=cambriolages-1000&level=region",
            openAPI:
                ##"{"get": {"operationId": "getIndicatorSeries", "summary": "Every year of the indicators held for three years or more at region level (real values, today's geography), per region and for France (FR), with the annual change of each year.", "parameters": [{"name": "indicator", "in": "query", "required": false, "schema": {"type": "string"}, "description": "Only this indicator."}, {"name": "level", "in": "query", "required": false, "schema": {"type": "string", "enum": ["region"]}, "description": "The level of the territories (region only)."}, {"name": "region", "in": "query", "required": false, "schema": {"type": "string"}, "description": "Only this region (INSEE code); France is always given."}], "responses": {"200": {"description": "IndicatorTrend list: indicator, territory, points (year, value, national, annualChange).", "content": {"application/json": {"schema": {"type": "array", "items": {"type": "object"}}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "404": {"$ref": "#/components/responses/NotFound"}}}}"##,
            query: ["indicator", "level", "region"]
        ) { match in try api(match) },
        Route(
            "/api/v1/fragility-change", label: "api", kind: .api,
            example: "/api/v1/fragility-change?from=2016&to=2023&domain=securite",
            openAPI:
                ##"{"get": {"operationId": "getFragilityChange", "summary": "Diagnosis of change of the regions between two years: composite scores and ranks at both years on the indicators held at both, the rank shift, the 5-95 % rank intervals of the sensitivity analysis (500 runs, seed 2015) and the verdict (worsened or improved only when the intervals do not overlap).", "parameters": [{"name": "from", "in": "query", "required": false, "schema": {"type": "integer"}, "description": "The earlier year (default the first year of the series)."}, {"name": "to", "in": "query", "required": false, "schema": {"type": "integer"}, "description": "The later year (default the last year of the series)."}, {"name": "domain", "in": "query", "required": false, "schema": {"type": "string"}, "description": "Only this composite: overall or a domain code (default every one)."}, {"name": "peers", "in": "query", "required": false, "schema": {"type": "string", "enum": ["metropolitan", "all"]}, "description": "Peer set (default metropolitan)."}, {"name": "level", "in": "query", "required": false, "schema": {"type": "string", "enum": ["region"]}, "description": "The level of the territories (region only)."}], "responses": {"200": {"description": "The FragilityChange as computed by PhareCore; shifts most worsened first, verdict one of worsened, improved, uncertain, unranked.", "content": {"application/json": {"schema": {"type": "object"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "404": {"$ref": "#/components/responses/NotFound"}}}}"##,
            query: ["from", "to", "domain", "peers", "level"]
        ) { match in try api(match) },
        Route(
            "/api/v1/tables/{name}", label: "api", kind: .api, example: "/api/v1/tables/regions",
            openAPI:
                ##"{"get": {"operationId": "getTable", "summary": "A table of the dashboard as JSON rows (the same rows as its CSV and XLSX downloads).", "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[a-z0-9-]+$"}, "description": "regions, departements, communes, indicator-catalogue, sources, compare, compare-domains, compare-ratings, domains, actors, layers, weighted-ranking, coherence; with group (domain:CODE or axis:CODE): coherence-pairs; with domain: domain-regions, domain-indicators, domain-ratings, domain-relevance; with actor: actor-ratings, actor-top3, actor-innovation, actor-regions; headline-innovation, headline-dynamic, headline-partnership; with region: measured-felt-{axis}, perception-{actor}, crossview, dynamic, roles, relevance, recommended, partnership-rates, partnership-types, partnership-scopes, innovation; evolution (region optional, actor or domain optional, from), indicator-series (region, domain optional)."}, {"name": "layer", "in": "query", "required": false, "schema": {"type": "string"}, "description": "regions, departements: the layer (default population)."}, {"name": "region", "in": "query", "required": false, "schema": {"type": "string"}, "description": "departements and the region tables: the region code."}, {"name": "departement", "in": "query", "required": false, "schema": {"type": "string"}, "description": "communes: the département code."}, {"name": "from", "in": "query", "required": false, "schema": {"type": "string"}, "description": "evolution: the earlier wave (default the previous wave of microdata; nationally also a wave of published figures)."}, {"name": "domain", "in": "query", "required": false, "schema": {"type": "string"}, "description": "domain-* tables: the domain code."}, {"name": "group", "in": "query", "required": false, "schema": {"type": "string"}, "description": "coherence-pairs: the domain or axis, domain:CODE or axis:CODE."}, {"name": "actor", "in": "query", "required": false, "schema": {"type": "string"}, "description": "actor-* tables: the actor code."}, {"name": "a", "in": "query", "required": false, "schema": {"type": "string"}, "description": "compare tables: first region (INSEE code or region:CODE)."}, {"name": "b", "in": "query", "required": false, "schema": {"type": "string"}, "description": "compare tables: second region (INSEE code or region:CODE)."}, {"$ref": "#/components/parameters/Lang"}], "responses": {"200": {"description": "Rows, keys in column order.", "content": {"application/json": {"schema": {"type": "array", "items": {"type": "object", "additionalProperties": {"type": ["string", "number", "boolean", "null"]}}}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "404": {"$ref": "#/components/responses/NotFound"}}}}"##,
            query: tableParameters
        ) { match in try api(match) },
        // Accounts: login and logout, the admin pages, the audit log (AccountPages).
        Route("/login", label: "login", kind: .page, method: .get, access: .anyone) { AccountPages.loginPage($0) },
        Route("/login", label: "login", kind: .page, method: .post, access: .anyone) { try AccountPages.login($0) },
        Route("/logout", label: "logout", kind: .page, method: .post, access: .role(.reader, publicAs: nil)) {
            try AccountPages.logout($0)
        },
        Route("/admin/users", label: "admin", kind: .page, method: .get, access: .admin) {
            try AccountPages.usersPage($0)
        },
        Route("/admin/users", label: "admin", kind: .page, method: .post, access: .admin) {
            try AccountPages.changeUsers($0)
        },
        Route("/admin/publication", label: "admin", kind: .page, method: .get, access: .admin) {
            try AccountPages.publicationPage($0)
        },
        Route("/admin/publication", label: "admin", kind: .page, method: .post, access: .admin) {
            try AccountPages.changePublication($0)
        },
        Route("/admin/audit", label: "admin", kind: .page, method: .get, access: .admin) {
            try AccountPages.auditPage($0)
        },
        // Imports from the browser (ImportPages): the file is checked, then confirmed.
        Route("/import", label: "import", kind: .page, method: .get, access: .analyst) { ImportPages.form($0) },
        Route("/import/check", label: "import", kind: .page, method: .post, access: .analyst) {
            try ImportPages.checkUpload($0)
        },
        Route("/import/confirm", label: "import", kind: .page, method: .post, access: .analyst) {
            try ImportPages.confirm($0)
        },
        Route(
            "/api/v1/audit", label: "api", kind: .api, method: .get, access: .admin,
            openAPI:
                ##"{"get": {"operationId": "getAuditLog", "summary": "The audit log (admins only): who imported, replaced, weighted, published or changed an account, when, with which file.", "parameters": [{"name": "since", "in": "query", "required": false, "schema": {"type": "string"}, "description": "Entries at or after this day (YYYY-MM-DD) or instant (ISO 8601)."}], "responses": {"200": {"description": "Entries, oldest first.", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/AuditEntry"}}}}}, "400": {"$ref": "#/components/responses/BadRequest"}}}}"##
        ) { try AccountPages.auditJSON($0) },
        Route("/openapi.json", label: "openapi.json", kind: .asset, access: .anyone) { _ in
            DashboardReply(contentType: DashboardRoutes.json, body: Data(OpenAPIDocument.json(version: "1.0.0").utf8))
        },
        Route("/assets/dashboard.css", label: "assets", kind: .asset, access: .anyone) {
            DashboardReply(contentType: "text/css; charset=utf-8", body: $0.assets.stylesheet)
        },
        Route("/assets/dashboard.js", label: "assets", kind: .asset, access: .anyone) {
            DashboardReply(contentType: "text/javascript; charset=utf-8", body: $0.assets.script)
        },
        Route(
            "/healthz", label: "healthz", kind: .operations,
            openAPI:
                ##"{"get": {"operationId": "health", "summary": "Liveness and the data version served.", "responses": {"200": {"description": "Serving.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Status"}}}}}}}"##,
            access: .anyone
        ) { match in
            DashboardReply(
                contentType: DashboardRoutes.json, body: Data(DashboardAPI.status(match.snapshot).utf8),
                cacheable: false)
        },
        Route(
            "/metrics", label: "metrics", kind: .operations,
            openAPI:
                ##"{"get": {"operationId": "metrics", "summary": "Counters and latency histogram in the Prometheus text format (admins, or a client on the server's own machine).", "responses": {"200": {"description": "Metrics.", "content": {"text/plain": {"schema": {"type": "string"}}}}}}}"##,
            access: .adminOrLoopbackPeer
        ) { match in
            DashboardReply(
                contentType: "text/plain; version=0.0.4; charset=utf-8",
                body: Data((match.operations?.metrics() ?? "").utf8),
                cacheable: false
            )
        },
    ]

    /// The first route answering `components` with `method`, with its parameters.
    static func route(for components: [String], method: Route.Method = .get)
        -> (route: Route, parameters: [String: String])?
    {
        for route in routes where route.method == method {
            if let parameters = route.match(components) { return (route, parameters) }
        }
        return nil
    }

    /// The query items the answer at `components` reads (`Route.query`); only `lang` for an unknown path.
    static func itemsRead(by components: [String], from items: [(String, String)]) -> [(String, String)] {
        let route = route(for: components)?.route
        return items.filter { route?.reads($0.0) ?? ($0.0 == "lang") }
    }

    /// The cache key of an answer: the path and the query items it reads, sorted (their order never
    /// changes an answer).
    static func cacheKey(path: String, queryItems: [(String, String)]) -> String {
        let components = DashboardRequest(path: path, language: .fr).components
        let read = itemsRead(by: components, from: queryItems).sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        return path + "?"
            + read.map { HTML.queryComponent($0.0) + "=" + HTML.queryComponent($0.1) }.joined(separator: "&")
    }

    /// The label a path is counted under in the metrics: its route's, else `other`.
    static func label(of path: String) -> String {
        route(for: path.split(separator: "/").map(String.init))?.route.label ?? "other"
    }

    /// Whether errors at `path` are answered as JSON (API, downloads, operations, unknown API paths).
    static func answersJSON(_ path: String) -> Bool {
        if let route = route(for: path.split(separator: "/").map(String.init))?.route { return route.answersJSON }
        return path.hasPrefix("/api/") || path.hasPrefix("/download/")
    }

    static func page(_ text: String) -> DashboardReply {
        DashboardReply(contentType: DashboardRoutes.html, body: Data(text.utf8))
    }

    static func api(_ match: RouteMatch) throws -> DashboardReply {
        let components = Array(match.request.components.dropFirst(2))
        let body = try DashboardAPI.respond(match.request, components: components, match.snapshot)
        return DashboardReply(contentType: DashboardRoutes.json, body: Data(DashboardRoutes.markupSafe(body).utf8))
    }
}
