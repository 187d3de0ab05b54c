import Foundation
import PhareRender
import PhareStore
import Testing

@testable import PhareServer

/// The route table is the one list behind routing, metrics labels and the OpenAPI document.
@Suite struct RouteTableTests {
    static let assets = try! DashboardAssetData.bundled()

    func reply(_ url: String, snapshot: DashboardSnapshot = DemoFixture.snapshot) throws -> DashboardReply {
        let parts = url.split(separator: "?", maxSplits: 1).map(String.init)
        return DashboardRoutes.reply(
            path: parts[0], queryItems: try QueryString.parse(parts.count > 1 ? parts[1] : nil),
            snapshot: snapshot, assets: Self.assets, operations: { "# metrics" }
        )
    }

    /// The routes of change over time need two waves and series: their examples answer on the demo
    /// with the real baseline and the 2025 wave.
    static let evolutionRoutes: Set<String> = [
        "/api/v1/evolution", "/api/v1/indicator-series", "/api/v1/fragility-change",
    ]

    @Test func everyRouteOfTheInterfaceIsDocumentedAndOnlyThose() throws {
        for route in RouteTable.routes {
            switch route.kind {
            case .api, .download, .operations: #expect(route.openAPI != nil, "\(route.pattern) is not documented")
            case .page, .asset: #expect(route.openAPI == nil, "\(route.pattern) is documented but is no API")
            }
        }
        let document = try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json(version: "1").utf8))
        let paths = try #require((document as? [String: Any])?["paths"] as? [String: Any])
        let documented = Set(RouteTable.routes.filter { $0.openAPI != nil }.map(\.pattern))
        #expect(Set(paths.keys) == documented)
        #expect(paths.count == 20)
    }

    /// The routes answered from the snapshot alone; those that need a session are checked in AccessTests.
    @Test func everyRouteAndEveryDocumentedPathAnswers() throws {
        for route in RouteTable.routes {
            guard case .snapshot = route.handler else { continue }
            let answer = try reply(
                route.example,
                snapshot: Self.evolutionRoutes.contains(route.pattern)
                    ? EvolutionFixture.snapshot : DemoFixture.snapshot)
            #expect(answer.status == 200, "\(route.example) answered \(answer.status)")
        }
    }

    /// Every route says who may ask: what writes or administers needs a role no publication opens.
    @Test func everyRouteDeclaresItsAccess() {
        for route in RouteTable.routes {
            if route.method == .post || route.pattern.hasPrefix("/admin") || route.pattern.hasPrefix("/import")
                || route.pattern == "/api/v1/audit"
            {
                if route.pattern != "/login" {
                    guard case .role(let role, let publicAs) = route.access else {
                        Issue.record("\(route.pattern) is open to anyone")
                        continue
                    }
                    #expect(publicAs == nil && role >= .reader, "\(route.pattern)")
                }
            }
        }
        #expect(RouteTable.route(for: ["admin", "users"], method: .post)?.route.access == .admin)
        #expect(RouteTable.route(for: ["import", "check"], method: .post)?.route.access == .analyst)
        #expect(RouteTable.route(for: ["region", "44"])?.route.access == .dashboard)
        #expect(RouteTable.route(for: ["methodology"])?.route.access == .methodology)
    }

    @Test func metricsLabelsComeFromTheRoutes() {
        #expect(DashboardMetrics.route(of: "/") == "france")
        #expect(DashboardMetrics.route(of: "/region/44") == "region")
        #expect(DashboardMetrics.route(of: "/api/v1/regions/44/profile") == "api")
        #expect(DashboardMetrics.route(of: "/download/regions.csv") == "download")
        #expect(DashboardMetrics.route(of: "/healthz") == "healthz")
        #expect(DashboardMetrics.route(of: "/nowhere/at/all") == "other")
    }

    @Test func errorsOfTheAPIAreJSONAndThoseOfPagesHTML() throws {
        #expect(try reply("/api/v1/regions/99/profile").contentType.hasPrefix("application/json"))
        #expect(try reply("/download/nothing.csv").contentType.hasPrefix("application/json"))
        #expect(try reply("/region/99").contentType.hasPrefix("text/html"))
    }
}
