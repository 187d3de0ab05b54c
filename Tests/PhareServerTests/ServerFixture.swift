import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PhareAnalysis
import PhareCore
import PhareRender
import PhareStore

@testable import PhareServer

/// Observatories built once for the server tests.
enum ServerFixture {
    static func temporaryFolder() -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("phare-server-\(UUID().uuidString)")
            .path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    static let framework = try! FrameworkLoader.bundled()
    static let tree = try! TerritoryTree.bundled()

    /// The real observatory: bundled framework and territory tree.
    static let databasePath: String = {
        let path = temporaryFolder() + "/phare.sqlite"
        try! SQLiteObservatoryStore.initialise(
            path: path, framework: framework, frameworkSource: "bundled", territories: tree, force: false)
        return path
    }()

    static let snapshot: DashboardSnapshot = try! SnapshotLoader(path: databasePath).load().0
    static let assets = try! DashboardAssetData.bundled()

    /// Access as on a laptop: loopback, no account, so the local user is admin.
    static let localAccess = AccessControl(
        store: try! SQLiteObservatoryStore(path: databasePath),
        settings: AccessSettings(loopback: true, secureCookies: false),
        bcryptCost: 4)

    static func server(_ snapshot: DashboardSnapshot = snapshot) -> DashboardServer {
        DashboardServer(holder: SnapshotHolder(snapshot), assets: assets, access: localAccess, accessLog: nil)
    }

    static func application(_ server: DashboardServer) -> some ApplicationProtocol {
        Application(router: server.router())
    }

    /// A tiny observatory whose territory names are hostile strings.
    static func hostileTree(names: [String]) -> TerritoryTree {
        var territories = [
            Territory(id: TerritoryID(.pays, "FR"), name: "France", parent: nil, population: nil, areaKm2: nil)
        ]
        territories.append(
            Territory(
                id: TerritoryID(.region, "44"), name: names[0], parent: TerritoryID(.pays, "FR"), population: nil,
                areaKm2: nil))
        territories.append(
            Territory(
                id: TerritoryID(.departement, "54"), name: names[1], parent: TerritoryID(.region, "44"),
                population: nil, areaKm2: nil))
        territories.append(
            Territory(
                id: TerritoryID(.epci, "200000001"), name: names[2], parent: TerritoryID(.departement, "54"),
                population: nil, areaKm2: nil))
        territories.append(
            Territory(
                id: TerritoryID(.commune, "54395"), name: names[3], parent: TerritoryID(.departement, "54"),
                epci: "200000001", population: 104_000, areaKm2: 15))
        territories.append(
            Territory(
                id: TerritoryID(.commune, "54001"), name: names[4 % names.count],
                parent: TerritoryID(.departement, "54"), epci: "200000001", population: 900, areaKm2: 3))
        // A second region, so that two hostile names meet on the compare page.
        territories.append(
            Territory(
                id: TerritoryID(.region, "11"), name: names[5 % names.count], parent: TerritoryID(.pays, "FR"),
                population: nil, areaKm2: nil))
        return TerritoryTree(territories: territories)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}

/// Strings a territory name or a query parameter could hold.
let hostileStrings = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "'; DROP TABLE territory; --",
    "</title><svg onload=alert(1)>",
    "javascript:alert(1)",
    "{{7*7}} ${7*7} <%= 7*7 %>",
    "Île « guillemets » 👩🏽‍🌾 \u{1b}[31m",
    "%3Cscript%3E",
    "a&b=c#d",
]
