/// The versioned PostgreSQL schema: `phare_schema.version` counts the migrations applied. Each
/// migration is applied once, in order, in the transaction that opens the store; a database whose
/// version is newer than `migrations.count` is refused. Never edit a migration that has shipped: add
/// one. The observatory's tables hold the same columns as the SQLite schema's (`Schema`), which the
/// store checks at every open; an SQLite migration that changes a table needs a migration here too.
enum PostgresSchema {
    static let migrations: [String] = [
        // 1: the observatory as of the SQLite migrations v1 to v5, and the data version that tells
        // every server when the observatory changed.
        """
        CREATE TABLE phare_state (
            singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
            data_version BIGINT NOT NULL,
            changed_at TEXT NOT NULL
        );
        CREATE TABLE observatory_metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE axis (
            code TEXT PRIMARY KEY, position BIGINT NOT NULL, label_fr TEXT NOT NULL, label_en TEXT NOT NULL
        );
        CREATE TABLE domain (
            code TEXT PRIMARY KEY, axis_code TEXT NOT NULL, position BIGINT NOT NULL, label_fr TEXT NOT NULL,
            label_en TEXT NOT NULL, short_label_fr TEXT NOT NULL, short_label_en TEXT NOT NULL
        );
        CREATE TABLE actor (
            code TEXT PRIMARY KEY, position BIGINT NOT NULL, label_fr TEXT NOT NULL, label_en TEXT NOT NULL
        );
        CREATE TABLE territory (
            level TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, parent_level TEXT, parent_code TEXT,
            epci_code TEXT, population BIGINT, area_km2 DOUBLE PRECISION, PRIMARY KEY (level, code)
        );
        CREATE TABLE indicator (
            code TEXT PRIMARY KEY, position BIGINT NOT NULL, label_fr TEXT NOT NULL, label_en TEXT NOT NULL,
            domain_code TEXT, unit TEXT NOT NULL, polarity TEXT NOT NULL, aggregation TEXT NOT NULL,
            numerator_code TEXT, denominator_code TEXT, scale DOUBLE PRECISION NOT NULL, source TEXT NOT NULL,
            vintage TEXT NOT NULL, levels TEXT NOT NULL, diagnosed BIGINT NOT NULL
        );
        CREATE TABLE indicator_dataset (
            id BIGINT PRIMARY KEY, name TEXT NOT NULL, source_file TEXT NOT NULL, format TEXT NOT NULL,
            illustrative BIGINT NOT NULL, imported_at TEXT NOT NULL, value_count BIGINT NOT NULL
        );
        CREATE TABLE indicator_slot (
            territory_level TEXT NOT NULL, territory_code TEXT NOT NULL, slot BIGINT NOT NULL,
            PRIMARY KEY (territory_level, territory_code)
        );
        CREATE TABLE indicator_column (
            indicator_code TEXT NOT NULL, territory_level TEXT NOT NULL, year BIGINT NOT NULL,
            value_count BIGINT NOT NULL, dataset_blob BYTEA NOT NULL, value_blob BYTEA NOT NULL,
            PRIMARY KEY (territory_level, indicator_code, year)
        );
        CREATE TABLE indicator_aggregate_column (
            indicator_code TEXT NOT NULL, territory_level TEXT NOT NULL, year BIGINT NOT NULL,
            value_count BIGINT NOT NULL, flags_blob BYTEA NOT NULL, value_blob BYTEA NOT NULL,
            PRIMARY KEY (territory_level, indicator_code, year)
        );
        CREATE TABLE survey_wave (
            code TEXT PRIMARY KEY, year BIGINT NOT NULL, label TEXT NOT NULL, synthetic BIGINT NOT NULL,
            questionnaire_id TEXT NOT NULL, questionnaire_version TEXT NOT NULL, created_at TEXT NOT NULL
        );
        CREATE TABLE survey_respondent (
            wave TEXT NOT NULL, actor TEXT NOT NULL, respondent_id TEXT NOT NULL, position BIGINT NOT NULL,
            source_line BIGINT NOT NULL, design_weight DOUBLE PRECISION NOT NULL, stratum TEXT, cluster TEXT,
            calibrated_weight DOUBLE PRECISION, PRIMARY KEY (wave, actor, respondent_id)
        );
        CREATE TABLE survey_profile (
            wave TEXT NOT NULL, actor TEXT NOT NULL, respondent_id TEXT NOT NULL, variable TEXT NOT NULL,
            value TEXT NOT NULL, PRIMARY KEY (wave, actor, respondent_id, variable)
        );
        CREATE TABLE survey_answer (
            wave TEXT NOT NULL, actor TEXT NOT NULL, respondent_id TEXT NOT NULL, question TEXT NOT NULL,
            choice BIGINT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (wave, actor, respondent_id, question, choice)
        );
        CREATE TABLE survey_weighting (
            wave TEXT NOT NULL, actor TEXT NOT NULL, plan_json TEXT NOT NULL, report_json TEXT NOT NULL,
            created_at TEXT NOT NULL, responses_fingerprint TEXT, PRIMARY KEY (wave, actor)
        );
        CREATE TABLE survey_calibration_step (
            wave TEXT NOT NULL, actor TEXT NOT NULL, position BIGINT NOT NULL, kind TEXT NOT NULL,
            sweep_step BIGINT NOT NULL, cell_count BIGINT NOT NULL, cells BYTEA NOT NULL, weights_before BYTEA,
            weights_after BYTEA NOT NULL, PRIMARY KEY (wave, actor, position, sweep_step)
        );
        """,
        // 2: accounts, sessions, failed logins, publication marks and the audit log (SQLite v6-access).
        // Read and written directly, not through the working copy: a session made on one server is
        // seen by the next request on any other.
        """
        CREATE TABLE app_user (
            login TEXT PRIMARY KEY, role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'reader')),
            password_hash TEXT NOT NULL, created_at BIGINT NOT NULL, changed_at BIGINT NOT NULL
        );
        CREATE TABLE app_session (
            id_hash TEXT PRIMARY KEY, login TEXT NOT NULL REFERENCES app_user(login) ON DELETE CASCADE,
            csrf_secret TEXT NOT NULL, created_at BIGINT NOT NULL, last_seen_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL, revoked_at BIGINT
        );
        CREATE INDEX app_session_login ON app_session(login);
        CREATE TABLE login_failure (
            rowid BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, login TEXT NOT NULL, address TEXT NOT NULL,
            at BIGINT NOT NULL, cleared BIGINT NOT NULL DEFAULT 0 CHECK (cleared IN (0, 1))
        );
        CREATE INDEX login_failure_login ON login_failure(login, at);
        CREATE INDEX login_failure_address ON login_failure(address, at);
        CREATE TABLE publication_mark (
            kind TEXT PRIMARY KEY CHECK (kind IN ('methodology', 'dashboard')), marked_by TEXT NOT NULL,
            marked_at BIGINT NOT NULL
        );
        CREATE TABLE audit_entry (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, at BIGINT NOT NULL, actor TEXT NOT NULL,
            action TEXT NOT NULL, file_name TEXT, sha256 TEXT, counts_json TEXT NOT NULL, detail TEXT NOT NULL
        );
        CREATE INDEX audit_entry_at ON audit_entry(at);
        """,
        // 3: the registry of alliances (SQLite v7-alliances), in the working copy like the other data
        // (its foreign keys are checked there, as for migration 1's tables).
        """
        CREATE TABLE alliance (
            id TEXT PRIMARY KEY, title TEXT NOT NULL, category TEXT NOT NULL, territory_level TEXT NOT NULL,
            territory_code TEXT NOT NULL, stage TEXT NOT NULL, start_date TEXT NOT NULL, end_date TEXT,
            description TEXT NOT NULL, link TEXT, example BIGINT NOT NULL CHECK (example IN (0, 1))
        );
        CREATE TABLE alliance_partner (
            alliance_id TEXT NOT NULL, position BIGINT NOT NULL,
            name TEXT NOT NULL, kind TEXT NOT NULL, PRIMARY KEY (alliance_id, position)
        );
        CREATE TABLE alliance_domain (
            alliance_id TEXT NOT NULL, position BIGINT NOT NULL,
            domain TEXT NOT NULL, PRIMARY KEY (alliance_id, position)
        );
        """,
        // 4: figures published from past surveys without microdata (SQLite v8-published-figures).
        """
        CREATE TABLE published_figure (
            wave TEXT NOT NULL, year BIGINT NOT NULL, actor TEXT NOT NULL, measure TEXT NOT NULL, item TEXT NOT NULL,
            territory TEXT NOT NULL, value DOUBLE PRECISION NOT NULL, n BIGINT NOT NULL CHECK (n > 0),
            source TEXT NOT NULL, source_file TEXT NOT NULL, imported_at TEXT NOT NULL,
            PRIMARY KEY (wave, actor, measure, item, territory)
        );
        """,
        // 5: the files checked in the browser and waiting for their confirmation (SQLite
        // v9-pending-uploads), read and written directly like the access tables: a file checked on
        // one server is confirmed on another.
        """
        CREATE TABLE pending_upload (
            token_hash TEXT PRIMARY KEY, owner TEXT NOT NULL, kind TEXT NOT NULL, file_name TEXT NOT NULL,
            options_json TEXT NOT NULL, content BYTEA NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL
        );
        CREATE INDEX pending_upload_owner ON pending_upload(owner, created_at);
        CREATE INDEX pending_upload_expires ON pending_upload(expires_at);
        """,
    ]

    /// The tables the access store reads and writes directly in PostgreSQL (not in the working copy),
    /// with their identity columns, set past the highest value after a restore or a copy.
    static let accessTables: Set<String> = [
        "app_user", "app_session", "login_failure", "publication_mark", "audit_entry", "pending_upload",
    ]
    static let identityColumns = [("login_failure", "rowid"), ("audit_entry", "id")]
}
