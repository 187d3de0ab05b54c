import Foundation
import GRDB
import PhareCore
import PhareStore
import PhareTestSupport

/// New observatories for the store suite, on either store; the parameterised tests run with both.
enum StoreFixture {
    static let framework = try! FrameworkLoader.bundled()
    static let tree = try! TerritoryTree.bundled()

    /// A new, initialised observatory (framework and bundled territories) and where it lives.
    static func initialised(_ kind: StoreKind) throws -> (store: any ObservatoryStore, location: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("phare-store-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let location = try kind.newLocation(in: folder, name: "obs.sqlite")
        try ObservatoryLocation(location).initialise(
            framework: framework, frameworkSource: "bundled", territories: tree, force: false)
        return (try ObservatoryLocation(location).open(), location)
    }

    /// Runs raw SQL on the observatory's own database (behind the store's back, as another program would).
    static func execute(_ sql: String, at location: String) throws {
        if PostgresURL.isPostgres(location) {
            try PostgresTestServer.psql(location, sql)
        } else {
            let queue = try DatabaseQueue(path: location)
            try queue.write { db in try db.execute(sql: sql) }
            try queue.close()
        }
    }
}
