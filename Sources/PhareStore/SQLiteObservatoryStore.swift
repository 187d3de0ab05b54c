import Foundation
import GRDB
import PhareAnalysis
import PhareCore

/// The embedded store: one SQLite file, written through GRDB.
public final class SQLiteObservatoryStore: ObservatoryStore {
    public let path: String
    let queue: DatabaseQueue

    /// Opens an existing observatory, applying any pending migration.
    public init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError("no observatory database at \(path): create it with `phare init --db \(path)`")
        }
        self.path = path
        do {
            queue = try DatabaseQueue(path: path, configuration: Self.configuration())
            let isObservatory = try queue.read { db in try db.tableExists("observatory_metadata") }
            guard isObservatory else {
                throw StoreError(
                    "\(path) is an SQLite file but not a Phare observatory: run `phare init --db \(path) --force` to replace it"
                )
            }
            try Schema.migrator.migrate(queue)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError("\(path) is not an SQLite database")
        } catch {
            throw StoreError("cannot open the observatory at \(path): \(error)")
        }
    }

    /// A store over a database already open and migrated: the PostgreSQL store's working copy.
    init(replica queue: DatabaseQueue, location: String) {
        path = location
        self.queue = queue
    }

    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        return configuration
    }

    /// Creates the observatory at `path`, or rebuilds it with `force`.
    ///
    /// The database is written to a temporary file beside `path` and moved into place only
    /// when complete, so a failure never leaves a half-written observatory behind. `populate`,
    /// when given, fills the new observatory (the demo data, say) at the temporary path before
    /// the move, so that it is part of the same all-or-nothing step.
    @discardableResult
    public static func initialise(
        path: String, framework: Framework, frameworkSource: String, territories: TerritoryTree, force: Bool,
        now: Date = Date(), populate: ((String) throws -> Void)? = nil
    ) throws -> InitOutcome {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            throw StoreError("cannot create the database \(path): the folder \(folder) does not exist")
        }
        guard isDirectory.boolValue else {
            throw StoreError("cannot create the database \(path): \(folder) is not a folder")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw StoreError("cannot create the database \(path): no write permission on the folder \(folder)")
        }
        let exists = FileManager.default.fileExists(atPath: path)
        if exists && !force {
            let before = try SQLiteObservatoryStore.appliedMigrations(path: path)
            let store = try SQLiteObservatoryStore(path: path)
            let after = try store.queue.read { db in try Schema.migrator.appliedMigrations(db) }
            return .alreadyInitialised(appliedMigrations: after.filter { !before.contains($0) })
        }

        let temporary = AtomicFile.temporaryPath(beside: path)
        defer {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                try? FileManager.default.removeItem(atPath: temporary + suffix)
            }
        }
        do {
            let queue = try DatabaseQueue(path: temporary, configuration: configuration())
            try Schema.migrator.migrate(queue)
            try queue.write { db in
                try write(framework: framework, source: frameworkSource, into: db)
                try write(territories: territories, into: db)
                try db.execute(
                    sql: "INSERT INTO observatory_metadata(key, value) VALUES ('created_at', ?)",
                    arguments: [ISO8601DateFormatter().string(from: now)]
                )
                try bumpDataVersion(db)
            }
            try queue.close()
        } catch {
            throw StoreError("cannot create the database \(path): \(error)")
        }
        try populate?(temporary)
        for suffix in ["-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        do {
            try AtomicFile.moveIntoPlace(temporary, path)
        } catch {
            throw StoreError("cannot move the new database into place at \(path): \(error.reason)")
        }
        return exists ? .rebuilt : .created
    }

    /// Runs a write of the observatory's data (framework, territories, indicators, surveys, alliances,
    /// provenance) and bumps its data version in the same transaction. Writes of accounts, sessions
    /// and the audit log do not go through it: a server reloads its snapshot when the data version
    /// moves, not when someone signs in.
    func writeData<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.write { db in
            let result = try body(db)
            try Self.bumpDataVersion(db)
            return result
        }
    }

    /// `data_version` (a counter) and `data_changed_at` (ISO 8601) in `observatory_metadata`.
    static func bumpDataVersion(_ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO observatory_metadata(key, value) VALUES ('data_version', '1')
                ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1
                """)
        try db.execute(
            sql: "INSERT OR REPLACE INTO observatory_metadata(key, value) VALUES ('data_changed_at', ?)",
            arguments: [ISO8601DateFormatter().string(from: Date())])
    }

    /// The data version of the observatory at `path` and when it last moved (0 and "" for a database
    /// written before versions were kept), read without migrating anything.
    public static func dataState(path: String) throws -> (version: Int64, changedAt: String) {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            let values = try Dictionary(
                uniqueKeysWithValues: Row.fetchAll(
                    db,
                    sql: """
                        SELECT key, value FROM observatory_metadata WHERE key IN ('data_version', 'data_changed_at')
                        """
                ).map { row -> (String, String) in (row["key"], row["value"]) })
            return (Int64(values["data_version"] ?? "") ?? 0, values["data_changed_at"] ?? "")
        }
    }

    static func appliedMigrations(path: String) throws -> [String] {
        do {
            let queue = try DatabaseQueue(path: path)
            defer { try? queue.close() }
            return try queue.read { db in
                try db.tableExists("grdb_migrations") ? try Schema.migrator.appliedMigrations(db) : []
            }
        } catch {
            throw StoreError(
                "\(path) exists but cannot be read as an observatory (\(error)); use --force to replace it")
        }
    }

    private static func write(framework: Framework, source: String, into db: Database) throws {
        let json = try JSONEncoder().encode(framework)
        try db.execute(
            sql: "INSERT INTO observatory_metadata(key, value) VALUES ('framework_json', ?)",
            arguments: [String(decoding: json, as: UTF8.self)])
        try db.execute(
            sql: "INSERT INTO observatory_metadata(key, value) VALUES ('framework_source', ?)", arguments: [source])
        for (position, axis) in framework.axes.enumerated() {
            try db.execute(
                sql: "INSERT INTO axis(code, position, label_fr, label_en) VALUES (?, ?, ?, ?)",
                arguments: [axis.code, position, axis.label.fr, axis.label.en]
            )
        }
        for (position, domain) in framework.domains.enumerated() {
            try db.execute(
                sql:
                    "INSERT INTO domain(code, axis_code, position, label_fr, label_en, short_label_fr, short_label_en) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    domain.code, domain.axis, position, domain.label.fr, domain.label.en, domain.shortLabel.fr,
                    domain.shortLabel.en,
                ]
            )
        }
        for (position, actor) in framework.actors.enumerated() {
            try db.execute(
                sql: "INSERT INTO actor(code, position, label_fr, label_en) VALUES (?, ?, ?, ?)",
                arguments: [actor.code.rawValue, position, actor.label.fr, actor.label.en]
            )
        }
    }

    private static func write(territories: TerritoryTree, into db: Database) throws {
        let statement = try db.makeStatement(
            sql: """
                INSERT INTO territory(level, code, name, parent_level, parent_code, epci_code, population, area_km2)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        // Parents first, so that the foreign keys hold at every insert.
        for territory in territories.territories.sorted(by: { $0.level.depth < $1.level.depth }) {
            try statement.execute(arguments: [
                territory.level.rawValue, territory.code, territory.name,
                territory.parent?.level.rawValue, territory.parent?.code, territory.epci,
                territory.population, territory.areaKm2,
            ])
        }
    }

    public func framework() throws -> Framework {
        let json = try queue.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM observatory_metadata WHERE key = 'framework_json'")
        }
        guard let json else {
            throw StoreError(
                "the observatory at \(path) has no framework recorded: rebuild it with `phare init --force`")
        }
        return try JSONDecoder().decode(Framework.self, from: Data(json.utf8))
    }

    public func territoryTree() throws -> TerritoryTree {
        let territories = try queue.read { db in
            try Row.fetchAll(
                db,
                // In a fixed order (level from the top, then code): the sums of the tree (areas, populations)
                // are then the same bits on every store, whatever order the rows were stored in.
                sql: """
                    SELECT level, code, name, parent_level, parent_code, epci_code, population, area_km2 FROM territory
                    ORDER BY CASE level WHEN 'pays' THEN 0 WHEN 'region' THEN 1 WHEN 'departement' THEN 2
                    WHEN 'epci' THEN 3 ELSE 4 END, code
                    """
            )
            .map { row -> Territory in
                let level = TerritoryLevel(rawValue: row["level"]) ?? .commune
                let parentLevel: String? = row["parent_level"]
                let parentCode: String? = row["parent_code"]
                let parent = parentLevel.flatMap(TerritoryLevel.init(rawValue:)).flatMap { level in
                    parentCode.map { TerritoryID(level, $0) }
                }
                return Territory(
                    id: TerritoryID(level, row["code"]), name: row["name"], parent: parent, epci: row["epci_code"],
                    population: row["population"], areaKm2: row["area_km2"]
                )
            }
        }
        // The stored tree is the bundled geography (`phare init` writes it): it keeps the bundled
        // population vintages (Mayotte's estimate) and the commune history.
        return TerritoryTree(
            territories: territories, populations: try PopulationTable.bundled(), history: try CommuneHistory.bundled()
        )
    }

    /// The questionnaire of the surveys: the bundled PHARE questionnaire, checked against the
    /// observatory's framework.
    public func questionnaire() throws -> Questionnaire {
        try QuestionnaireLoader.bundled(framework: framework())
    }

    public func description() throws -> ObservatoryDescription {
        try queue.read { db in
            let metadata = try Dictionary(
                uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT key, value FROM observatory_metadata").map {
                    ($0["key"] as String, $0["value"] as String)
                })
            let migrations = try Schema.migrator.appliedMigrations(db)
            let framework = try metadata["framework_json"].map {
                try JSONDecoder().decode(Framework.self, from: Data($0.utf8))
            }
            return ObservatoryDescription(
                location: path,
                schemaVersion: migrations.count,
                migrations: migrations,
                frameworkID: framework?.id ?? "",
                frameworkVersion: framework?.version ?? "",
                frameworkSource: metadata["framework_source"] ?? "",
                createdAt: metadata["created_at"] ?? "",
                territoryCount: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM territory") ?? 0
            )
        }
    }
}
