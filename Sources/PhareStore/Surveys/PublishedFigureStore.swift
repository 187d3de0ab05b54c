import Foundation
import GRDB
import PhareAnalysis
import PhareCore

extension SQLiteObservatoryStore {
    /// Migration `v8-published-figures`: figures published from past surveys without microdata.
    static func registerPublishedFiguresMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v8-published-figures") { db in
            try db.execute(
                sql: """
                    CREATE TABLE published_figure (
                        wave TEXT NOT NULL,
                        year INTEGER NOT NULL,
                        actor TEXT NOT NULL REFERENCES actor(code),
                        measure TEXT NOT NULL,
                        item TEXT NOT NULL,
                        territory TEXT NOT NULL,
                        value REAL NOT NULL,
                        n INTEGER NOT NULL CHECK (n > 0),
                        source TEXT NOT NULL,
                        source_file TEXT NOT NULL,
                        imported_at TEXT NOT NULL,
                        PRIMARY KEY (wave, actor, measure, item, territory)
                    ) WITHOUT ROWID;
                    """)
        }
    }

    /// Records published figures in one transaction, with the file they came from. A wave held as
    /// microdata is refused; a published wave already held is refused unless `replace`, which drops
    /// its figures first.
    public func savePublishedFigures(_ set: PublishedFigureSet, replace: Bool) throws {
        try writeData { db in
            let waves = Set(set.figures.map(\.wave))
            for wave in waves.sorted() {
                if try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM survey_wave WHERE code = ?)", arguments: [wave])
                    == true
                {
                    throw StoreError(
                        "wave \(wave) is already held as microdata (respondents): published figures need another wave "
                            + "code")
                }
                let held =
                    try Int.fetchOne(
                        db, sql: "SELECT COUNT(*) FROM published_figure WHERE wave = ?", arguments: [wave]) ?? 0
                if held > 0 && !replace {
                    throw StoreError(
                        "wave \(wave) already holds \(held) published figures: use --replace to replace them")
                }
                try db.execute(sql: "DELETE FROM published_figure WHERE wave = ?", arguments: [wave])
            }
            let now = ISO8601DateFormatter().string(from: Date())
            for figure in set.figures {
                try db.execute(
                    sql: """
                        INSERT INTO published_figure
                        (wave, year, actor, measure, item, territory, value, n, source, source_file, imported_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        figure.wave, figure.year, figure.actor.rawValue, figure.measure.rawValue, figure.item,
                        figure.territory, figure.value, figure.sampleSize, figure.source, set.sourceFile, now,
                    ])
            }
        }
    }

    public func publishedFigures() throws -> [PublishedFigureSet] {
        try queue.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM published_figure ORDER BY year, wave, actor, measure, territory, item")
            var sets: [PublishedFigureSet] = []
            for row in rows {
                let figure = PublishedFigure(
                    wave: row["wave"], year: row["year"], actor: ActorCode(row["actor"] as String),
                    measure: MeasureCode(row["measure"] as String), item: row["item"], territory: row["territory"],
                    value: row["value"], sampleSize: row["n"], source: row["source"])
                let file: String = row["source_file"]
                let importedAt: String = row["imported_at"]
                if let index = sets.firstIndex(where: { $0.sourceFile == file && $0.importedAt == importedAt }) {
                    sets[index].figures.append(figure)
                } else {
                    sets.append(PublishedFigureSet(figures: [figure], sourceFile: file, importedAt: importedAt))
                }
            }
            return sets
        }
    }
}
