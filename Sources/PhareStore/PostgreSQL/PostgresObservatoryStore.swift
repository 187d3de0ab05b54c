import Foundation
import GRDB
import PhareAnalysis
import PhareCore
import PostgresNIO

/// The shared store: the observatory's tables in a PostgreSQL database, for several users and
/// several server processes.
///
/// The tables hold the same columns as the SQLite schema. Each store keeps a working copy of them in
/// an in-memory SQLite database, loaded from PostgreSQL in one repeatable-read transaction, and
/// reads and writes through the SQLite store's own code on it — one implementation of every read
/// and every import, so both stores answer byte for byte alike. A write locks the data-version row
/// (`phare_state`, `SELECT … FOR UPDATE`: one writer at a time across every process), reloads the
/// working copy if another process changed the data, runs on it, sends the rows that changed
/// (found by comparing each table with a copy taken before) and bumps the data version, all in one
/// PostgreSQL transaction. Servers poll the data version to know when to rebuild their snapshot.
public final class PostgresObservatoryStore: ObservatoryStore, @unchecked Sendable {
    public let url: PostgresURL
    let session: PostgresSession
    let lock = NSLock()
    private var replica: SQLiteObservatoryStore
    /// The data version the working copy holds; nil when it must be reloaded before use.
    private var replicaVersion: Int64?
    /// The tables of the working copy (the observatory's data), and every table (access ones too).
    let tables: [MirroredTable]
    let allTables: [MirroredTable]
    /// The data version the working copy holds (nil while it must be reloaded) and when it changed.
    public var loadedVersion: Int64? { replicaVersion }
    public private(set) var loadedChangedAt = ""
    /// Migrations this open applied (for `phare init` on an existing observatory).
    let appliedMigrations: [String]

    /// Opens an existing observatory, applying any pending migration.
    public convenience init(url text: String) throws {
        try self.init(url: try PostgresURL(text), create: false)
    }

    /// Opens the observatory at `url`; with `create`, an empty database gets the schema.
    public init(url: PostgresURL, create: Bool = false) throws {
        self.url = url
        let session = try PostgresSession(url)
        self.session = session
        let (replica, allTables) = try Self.emptyReplica(location: url.description)
        self.replica = replica
        self.allTables = allTables
        tables = allTables.filter { !PostgresSchema.accessTables.contains($0.name) }
        appliedMigrations = try session.transaction { try Self.migrate(session, url: url, create: create) }
        try Self.checkColumns(session, tables: allTables, url: url)
        try reload()
    }

    /// A new in-memory SQLite observatory with every migration applied and no rows.
    static func emptyReplica(location: String) throws -> (SQLiteObservatoryStore, [MirroredTable]) {
        let queue = try DatabaseQueue(configuration: SQLiteObservatoryStore.configuration())
        try Schema.migrator.migrate(queue)
        let tables = try queue.read { db in try MirroredTable.all(db) }
        return (SQLiteObservatoryStore(replica: queue, location: location), tables)
    }

    // MARK: Schema

    /// Brings the schema up to date and returns the migrations applied. An empty database gets the
    /// whole schema when `create`; a database with tables of its own but not ours is refused.
    static func migrate(_ session: PostgresSession, url: PostgresURL, create: Bool) throws -> [String] {
        let hasSchema = try session.query("SELECT to_regclass('phare_schema') IS NOT NULL")[0].cells[0].decode(
            Bool.self)
        var version = 0
        if hasSchema {
            version = Int(
                try session.query("SELECT version FROM phare_schema FOR UPDATE")[0].cells[0].decode(Int64.self))
        } else {
            let tableCount = try session.query(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
            )[0].cells[0].decode(Int64.self)
            guard tableCount == 0 else {
                throw StoreError(
                    "the PostgreSQL database \(url) holds \(tableCount) tables but is not a Phare observatory "
                        + "(no phare_schema table): point --db at a database of its own")
            }
            guard create else {
                throw StoreError(
                    "the PostgreSQL database \(url) is empty, not yet an observatory: create it with "
                        + "`phare init --db \(url)`")
            }
            try session.query("CREATE TABLE phare_schema (version BIGINT NOT NULL)")
            try session.query("INSERT INTO phare_schema VALUES (0)")
        }
        let known = PostgresSchema.migrations.count
        guard version <= known else {
            throw StoreError(
                "the observatory \(url) has schema version \(version), newer than this phare knows (\(known)): "
                    + "upgrade phare; nothing was changed")
        }
        var applied: [String] = []
        for number in version..<known {
            // One statement at a time: the extended protocol takes one per query.
            for statement in PostgresSchema.migrations[number].split(separator: ";") {
                let sql = statement.trimmingCharacters(in: .whitespacesAndNewlines)
                if !sql.isEmpty { try session.query(sql) }
            }
            applied.append("postgres-v\(number + 1)")
        }
        if !applied.isEmpty {
            try session.query("UPDATE phare_schema SET version = \(known)")
            if version == 0 {
                try session.query("INSERT INTO phare_state(data_version, changed_at) VALUES (0, '')")
            }
        }
        return applied
    }

    /// Refuses a database whose tables lack a column of the SQLite schema's.
    static func checkColumns(_ session: PostgresSession, tables: [MirroredTable], url: PostgresURL) throws {
        for table in tables {
            let held = try table.postgresColumns(session)
            if let missing = table.columns.first(where: { !held.contains($0) }) {
                throw StoreError(
                    "the observatory \(url) has no column \(missing) in its table \(table.name): its schema does "
                        + "not match this phare's")
            }
        }
    }

    // MARK: Data version and working copy

    /// The data version and when it last changed (ISO 8601), read without a lock.
    public func dataState() throws -> (version: Int64, changedAt: String) {
        let cells = try session.query("SELECT data_version, changed_at FROM phare_state")[0].cells
        return (try cells[0].decode(Int64.self), try cells[1].decode(String.self))
    }

    /// Reloads the working copy if another process changed the data; says whether it did.
    @discardableResult
    public func refresh() throws -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard try dataState().version != replicaVersion else { return false }
        try reload()
        return true
    }

    /// Loads every table into a new working copy, in one repeatable-read transaction (one state of
    /// the data), and swaps it in.
    private func reload() throws {
        try session.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        defer { _ = try? session.query("COMMIT") }
        let version = try dataState().version
        try loadReplica(version: version)
    }

    /// Reads the tables into a new working copy (in the caller's transaction).
    func loadReplica(version: Int64) throws {
        let (fresh, _) = try Self.emptyReplica(location: url.description)
        let rows = try tables.map { try $0.rows(session) }
        try fresh.queue.write { db in
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            for (table, rows) in zip(tables, rows) { try table.insert(rows, into: db) }
        }
        replica = fresh
        replicaVersion = version
        loadedChangedAt = try dataState().changedAt
    }

    /// Runs `body` alone on the connection (no other call of this store in between).
    func withLock<T>(_ body: () throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    func withReplica<T>(_ body: (SQLiteObservatoryStore) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        if replicaVersion == nil { try reload() }
        return try body(replica)
    }

    /// Runs a write on the working copy and sends what changed, in one PostgreSQL transaction.
    private func write<T>(_ body: (SQLiteObservatoryStore) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        do {
            return try session.transaction {
                let current = try session.query("SELECT data_version FROM phare_state FOR UPDATE")[0].cells[0]
                    .decode(Int64.self)
                if current != replicaVersion { try loadReplica(version: current) }
                try replica.queue.inDatabase { db in
                    for table in tables {
                        try db.execute(
                            sql:
                                "CREATE TEMP TABLE \"before_\(table.name)\" AS SELECT \(table.columnList) FROM "
                                + "main.\"\(table.name)\""
                        )
                    }
                }
                defer {
                    try? replica.queue.inDatabase { db in
                        for table in tables {
                            try db.execute(sql: "DROP TABLE IF EXISTS temp.\"before_\(table.name)\"")
                        }
                    }
                }
                let result = try body(replica)
                // From here on the working copy is ahead of PostgreSQL until the commit.
                replicaVersion = nil
                try sendChanges()
                let changedAt = ISO8601DateFormatter().string(from: Date())
                var binds = PostgresBindings()
                binds.append(changedAt)
                let version = try session.query(
                    "UPDATE phare_state SET data_version = data_version + 1, changed_at = $1 RETURNING data_version",
                    binds)[0].cells[0].decode(Int64.self)
                replicaVersion = version
                loadedChangedAt = changedAt
                return result
            }
        } catch {
            if replicaVersion == nil { _ = try? reload() }
            throw error
        }
    }

    /// Deletes from PostgreSQL the rows the write removed or changed, inserts the new ones.
    private func sendChanges() throws {
        for table in tables {
            let (changed, removed) = try replica.queue.read { db -> ([[DatabaseValue]], [[DatabaseValue]]) in
                let changed = try table.rows(
                    db,
                    sql: """
                        SELECT \(table.columnList) FROM main."\(table.name)"
                        EXCEPT SELECT \(table.columnList) FROM temp."before_\(table.name)"
                        """)
                let removed = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(table.keyList) FROM temp."before_\(table.name)"
                        EXCEPT SELECT \(table.keyList) FROM main."\(table.name)"
                        """
                ).map { row in (0..<row.count).map { row[$0] as DatabaseValue } }
                return (changed, removed)
            }
            guard !changed.isEmpty || !removed.isEmpty else { continue }
            let keyPositions = table.primaryKey.compactMap { table.columns.firstIndex(of: $0) }
            let keys = removed + changed.map { row in keyPositions.map { row[$0] } }
            try table.delete(keys: keys, from: session)
            try table.insert(changed, into: session)
        }
    }

    // MARK: ObservatoryReader

    public func framework() throws -> Framework { try withReplica { try $0.framework() } }
    public func territoryTree() throws -> TerritoryTree { try withReplica { try $0.territoryTree() } }
    public func questionnaire() throws -> Questionnaire { try withReplica { try $0.questionnaire() } }
    public func description() throws -> ObservatoryDescription { try withReplica { try $0.description() } }
    public func indicatorCatalogue() throws -> IndicatorCatalogue { try withReplica { try $0.indicatorCatalogue() } }
    public func indicatorDatasets() throws -> [IndicatorDataset] { try withReplica { try $0.indicatorDatasets() } }
    public func openDataProvenance() throws -> OpenDataProvenance? { try withReplica { try $0.openDataProvenance() } }
    public func indicatorSeries(level: TerritoryLevel, indicators: [String]?) throws -> [IndicatorSeries] {
        try withReplica { try $0.indicatorSeries(level: level, indicators: indicators) }
    }
    public func surveyWaves() throws -> [SurveyWaveSummary] { try withReplica { try $0.surveyWaves() } }
    public func responses(wave: String, actor: ActorCode) throws -> SurveyResponses {
        try withReplica { try $0.responses(wave: wave, actor: actor) }
    }
    public func weighting(wave: String, actor: ActorCode) throws -> StoredWeighting? {
        try withReplica { try $0.weighting(wave: wave, actor: actor) }
    }
    public func alliances() throws -> [Alliance] { try withReplica { try $0.alliances() } }
    public func publishedFigures() throws -> [PublishedFigureSet] { try withReplica { try $0.publishedFigures() } }
    public func indicatorHistory(level: TerritoryLevel, indicators: [String]?) throws -> [IndicatorSeries] {
        try withReplica { try $0.indicatorHistory(level: level, indicators: indicators) }
    }

    // MARK: Writes

    public func saveOpenDataProvenance(_ data: Data) throws { try write { try $0.saveOpenDataProvenance(data) } }
    public func saveAlliances(_ alliances: [Alliance]) throws -> (added: Int, replaced: Int) {
        try write { try $0.saveAlliances(alliances) }
    }
    public func savePublishedFigures(_ set: PublishedFigureSet, replace: Bool) throws {
        try write { try $0.savePublishedFigures(set, replace: replace) }
    }
    public func saveCatalogue(_ definitions: [IndicatorDefinition]) throws -> CatalogueSaveSummary {
        try write { try $0.saveCatalogue(definitions) }
    }
    public func importIndicatorValues(
        _ observations: IndicatorObservations, dataset: NewIndicatorDataset, index: TerritoryIndex,
        catalogue: IndicatorCatalogue, aggregate: TreeAggregator
    ) throws -> IndicatorImportSummary {
        try write {
            try $0.importIndicatorValues(
                observations, dataset: dataset, index: index, catalogue: catalogue, aggregate: aggregate)
        }
    }
    public func saveResponses(_ responses: SurveyResponses, replace: Bool) throws {
        try write { try $0.saveResponses(responses, replace: replace) }
    }
    public func saveWeighting(
        wave: String, actor: ActorCode, plan: WeightingPlan, report: WeightingReport, weights: CalibratedWeights
    ) throws {
        try write { try $0.saveWeighting(wave: wave, actor: actor, plan: plan, report: report, weights: weights) }
    }
}
