import GRDB

/// The versioned schema. Each migration is applied once, in order; the list of applied
/// migrations is the schema version. Never edit a migration that has shipped: add one.
enum Schema {
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-framework-and-territories") { db in
            try db.execute(
                sql: """
                    CREATE TABLE observatory_metadata (
                        key TEXT PRIMARY KEY NOT NULL,
                        value TEXT NOT NULL
                    );
                    CREATE TABLE axis (
                        code TEXT PRIMARY KEY NOT NULL,
                        position INTEGER NOT NULL,
                        label_fr TEXT NOT NULL,
                        label_en TEXT NOT NULL
                    );
                    CREATE TABLE domain (
                        code TEXT PRIMARY KEY NOT NULL,
                        axis_code TEXT NOT NULL REFERENCES axis(code),
                        position INTEGER NOT NULL,
                        label_fr TEXT NOT NULL,
                        label_en TEXT NOT NULL,
                        short_label_fr TEXT NOT NULL,
                        short_label_en TEXT NOT NULL
                    );
                    CREATE TABLE actor (
                        code TEXT PRIMARY KEY NOT NULL,
                        position INTEGER NOT NULL,
                        label_fr TEXT NOT NULL,
                        label_en TEXT NOT NULL
                    );
                    CREATE TABLE territory (
                        level TEXT NOT NULL CHECK (level IN ('pays', 'region', 'departement', 'epci', 'commune')),
                        code TEXT NOT NULL,
                        name TEXT NOT NULL,
                        parent_level TEXT,
                        parent_code TEXT,
                        epci_code TEXT,
                        population INTEGER CHECK (population IS NULL OR population >= 0),
                        area_km2 REAL CHECK (area_km2 IS NULL OR area_km2 >= 0),
                        PRIMARY KEY (level, code),
                        FOREIGN KEY (parent_level, parent_code) REFERENCES territory(level, code)
                    );
                    CREATE INDEX territory_parent ON territory(parent_level, parent_code);
                    CREATE INDEX territory_epci ON territory(epci_code);
                    """)
        }
        migrator.registerMigration("v2-indicators", migrate: SQLiteObservatoryStore.migrateIndicators)
        SQLiteObservatoryStore.registerSurveyMigration(&migrator)
        SQLiteObservatoryStore.registerCalibrationMigration(&migrator)
        migrator.registerMigration("v5-indicator-columns", migrate: SQLiteObservatoryStore.migrateIndicatorColumns)
        migrator.registerMigration("v6-access", migrate: SQLiteObservatoryStore.migrateAccess)
        SQLiteObservatoryStore.registerAllianceMigration(&migrator)
        SQLiteObservatoryStore.registerPublishedFiguresMigration(&migrator)
        migrator.registerMigration("v9-pending-uploads", migrate: SQLiteObservatoryStore.migratePendingUploads)
        return migrator
    }()
}
