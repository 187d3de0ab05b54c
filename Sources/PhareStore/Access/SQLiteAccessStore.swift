import Foundation
import GRDB

extension SQLiteObservatoryStore {
    /// Migration `v6-access`: accounts, sessions, failed logins, publication marks, the audit log.
    /// Instants are integer Unix seconds; the counts of an audit entry are a JSON object (text).
    static func migrateAccess(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE app_user (
                    login TEXT PRIMARY KEY NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'reader')),
                    password_hash TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    changed_at INTEGER NOT NULL
                );
                CREATE TABLE app_session (
                    id_hash TEXT PRIMARY KEY NOT NULL,
                    login TEXT NOT NULL REFERENCES app_user(login) ON DELETE CASCADE,
                    csrf_secret TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    last_seen_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL,
                    revoked_at INTEGER
                );
                CREATE INDEX app_session_login ON app_session(login);
                CREATE TABLE login_failure (
                    login TEXT NOT NULL,
                    address TEXT NOT NULL,
                    at INTEGER NOT NULL,
                    cleared INTEGER NOT NULL DEFAULT 0 CHECK (cleared IN (0, 1))
                );
                CREATE INDEX login_failure_login ON login_failure(login, at);
                CREATE INDEX login_failure_address ON login_failure(address, at);
                CREATE TABLE publication_mark (
                    kind TEXT PRIMARY KEY NOT NULL CHECK (kind IN ('methodology', 'dashboard')),
                    marked_by TEXT NOT NULL,
                    marked_at INTEGER NOT NULL
                );
                CREATE TABLE audit_entry (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    file_name TEXT,
                    sha256 TEXT,
                    counts_json TEXT NOT NULL,
                    detail TEXT NOT NULL
                );
                CREATE INDEX audit_entry_at ON audit_entry(at);
                """)
    }
}

extension SQLiteObservatoryStore {
    /// Migration `v9-pending-uploads`: the files checked in the browser and waiting for their
    /// confirmation, kept in the store so that any server of a shared observatory can confirm them.
    static func migratePendingUploads(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE pending_upload (
                    token_hash TEXT PRIMARY KEY NOT NULL,
                    owner TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    file_name TEXT NOT NULL,
                    options_json TEXT NOT NULL,
                    content BLOB NOT NULL,
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL
                );
                CREATE INDEX pending_upload_owner ON pending_upload(owner, created_at);
                CREATE INDEX pending_upload_expires ON pending_upload(expires_at);
                """)
    }
}

extension SQLiteObservatoryStore {
    public func users() throws -> [UserAccount] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM app_user ORDER BY login").map(Self.user(row:))
        }
    }

    public func user(login: String) throws -> UserAccount? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM app_user WHERE login = ?", arguments: [login]).map(Self.user(row:))
        }
    }

    public func addUser(_ user: UserAccount, audit: AuditEntry) throws {
        try queue.write { db in
            guard try Self.userExists(user.login, db) == false else {
                throw StoreError("the account \(user.login) already exists")
            }
            try db.execute(
                sql: "INSERT INTO app_user(login, role, password_hash, created_at, changed_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    user.login, user.role.rawValue, user.passwordHash, user.createdAt.unixSeconds,
                    user.changedAt.unixSeconds,
                ])
            try Self.insert(audit, db)
        }
    }

    public func updateUser(login: String, role: Role?, passwordHash: String?, at: Date, audit: AuditEntry) throws {
        try queue.write { db in
            guard try Self.userExists(login, db) else { throw StoreError("there is no account \(login)") }
            if let role {
                try db.execute(sql: "UPDATE app_user SET role = ? WHERE login = ?", arguments: [role.rawValue, login])
            }
            if let passwordHash {
                try db.execute(
                    sql: "UPDATE app_user SET password_hash = ? WHERE login = ?", arguments: [passwordHash, login])
                try db.execute(
                    sql: "UPDATE app_session SET revoked_at = ? WHERE login = ? AND revoked_at IS NULL",
                    arguments: [at.unixSeconds, login])
            }
            try db.execute(
                sql: "UPDATE app_user SET changed_at = ? WHERE login = ?", arguments: [at.unixSeconds, login])
            try Self.insert(audit, db)
        }
    }

    public func removeUser(login: String, audit: AuditEntry) throws {
        try queue.write { db in
            guard try Self.userExists(login, db) else { throw StoreError("there is no account \(login)") }
            try db.execute(sql: "DELETE FROM app_session WHERE login = ?", arguments: [login])
            try db.execute(sql: "DELETE FROM app_user WHERE login = ?", arguments: [login])
            try Self.insert(audit, db)
        }
    }

    public func createSession(_ session: SessionRecord) throws {
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO app_session(id_hash, login, csrf_secret, created_at, last_seen_at, expires_at, revoked_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    session.idHash, session.login, session.csrfSecret, session.createdAt.unixSeconds,
                    session.lastSeenAt.unixSeconds, session.expiresAt.unixSeconds, session.revokedAt?.unixSeconds,
                ])
        }
    }

    public func session(idHash: String) throws -> SessionRecord? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM app_session WHERE id_hash = ?", arguments: [idHash]).map { row in
                let revoked: Int64? = row["revoked_at"]
                return SessionRecord(
                    idHash: row["id_hash"], login: row["login"], csrfSecret: row["csrf_secret"],
                    createdAt: Date(unixSeconds: row["created_at"]), lastSeenAt: Date(unixSeconds: row["last_seen_at"]),
                    expiresAt: Date(unixSeconds: row["expires_at"]), revokedAt: revoked.map(Date.init(unixSeconds:)))
            }
        }
    }

    public func touchSession(idHash: String, at: Date) throws {
        try queue.write { db in
            try db.execute(
                sql: "UPDATE app_session SET last_seen_at = ? WHERE id_hash = ?", arguments: [at.unixSeconds, idHash])
        }
    }

    public func revokeSession(idHash: String, at: Date) throws {
        try queue.write { db in
            try db.execute(
                sql: "UPDATE app_session SET revoked_at = ? WHERE id_hash = ? AND revoked_at IS NULL",
                arguments: [at.unixSeconds, idHash])
        }
    }

    public func deleteSessions(endedBefore before: Date) throws {
        try queue.write { db in
            try db.execute(
                sql: "DELETE FROM app_session WHERE expires_at < ? OR (revoked_at IS NOT NULL AND revoked_at < ?)",
                arguments: [before.unixSeconds, before.unixSeconds])
        }
    }

    public func recordLoginFailure(_ failure: LoginFailure) throws {
        try queue.write { db in
            try db.execute(
                sql: "INSERT INTO login_failure(login, address, at) VALUES (?, ?, ?)",
                arguments: [failure.login, failure.address, failure.at.unixSeconds])
        }
    }

    public func loginFailures(login: String, since: Date) throws -> [Date] {
        try queue.read { db in
            try Int64.fetchAll(
                db, sql: "SELECT at FROM login_failure WHERE login = ? AND cleared = 0 AND at >= ? ORDER BY at",
                arguments: [login, since.unixSeconds]
            ).map(Date.init(unixSeconds:))
        }
    }

    public func loginFailures(address: String, since: Date) throws -> [Date] {
        try queue.read { db in
            try Int64.fetchAll(
                db, sql: "SELECT at FROM login_failure WHERE address = ? AND at >= ? ORDER BY at",
                arguments: [address, since.unixSeconds]
            ).map(Date.init(unixSeconds:))
        }
    }

    public func clearLoginFailures(login: String) throws {
        try queue.write { db in
            try db.execute(sql: "UPDATE login_failure SET cleared = 1 WHERE login = ?", arguments: [login])
        }
    }

    public func publicationMarks() throws -> [PublicationMark] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM publication_mark ORDER BY kind").compactMap { row in
                guard let kind = PublicationKind(rawValue: row["kind"]) else { return nil }
                return PublicationMark(
                    kind: kind, markedBy: row["marked_by"],
                    markedAt: Date(unixSeconds: row["marked_at"]))
            }
        }
    }

    public func setPublication(kind: PublicationKind, mark: PublicationMark?, audit: AuditEntry) throws {
        try queue.write { db in
            try db.execute(sql: "DELETE FROM publication_mark WHERE kind = ?", arguments: [kind.rawValue])
            if let mark {
                try db.execute(
                    sql: "INSERT INTO publication_mark(kind, marked_by, marked_at) VALUES (?, ?, ?)",
                    arguments: [kind.rawValue, mark.markedBy, mark.markedAt.unixSeconds])
            }
            try Self.insert(audit, db)
        }
    }

    public func recordAudit(_ entry: AuditEntry) throws {
        try queue.write { db in try Self.insert(entry, db) }
    }

    public func auditEntries(since: Date?, limit: Int?) throws -> [AuditEntry] {
        try queue.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT * FROM audit_entry WHERE at >= ? ORDER BY id DESC LIMIT ?",
                arguments: [since?.unixSeconds ?? Int64.min, limit ?? -1])
            return try rows.reversed().map { row in
                let countsJSON: String = row["counts_json"]
                return AuditEntry(
                    id: row["id"], at: Date(unixSeconds: row["at"]), actor: row["actor"], action: row["action"],
                    fileName: row["file_name"], sha256: row["sha256"],
                    counts: try JSONDecoder().decode([String: Int].self, from: Data(countsJSON.utf8)),
                    detail: row["detail"])
            }
        }
    }

    public func keepUpload(_ upload: PendingUpload, perOwner: Int) throws {
        try queue.write { db in
            try db.execute(
                sql: "DELETE FROM pending_upload WHERE expires_at <= ?", arguments: [upload.createdAt.unixSeconds])
            try db.execute(
                sql: """
                    DELETE FROM pending_upload WHERE owner = ? AND token_hash NOT IN (
                        SELECT token_hash FROM pending_upload WHERE owner = ?
                        ORDER BY created_at DESC, token_hash LIMIT ?)
                    """,
                arguments: [upload.owner, upload.owner, max(0, perOwner - 1)])
            try db.execute(
                sql: """
                    INSERT INTO pending_upload(token_hash, owner, kind, file_name, options_json, content, created_at,
                        expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    upload.tokenHash, upload.owner, upload.kind, upload.fileName, upload.optionsJSON, upload.content,
                    upload.createdAt.unixSeconds, upload.expiresAt.unixSeconds,
                ])
        }
    }

    public func takeUpload(tokenHash: String, owner: String, at: Date) throws -> PendingUpload? {
        try queue.write { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM pending_upload WHERE token_hash = ? AND owner = ? AND expires_at > ?",
                    arguments: [tokenHash, owner, at.unixSeconds])
            else { return nil }
            try db.execute(sql: "DELETE FROM pending_upload WHERE token_hash = ?", arguments: [tokenHash])
            return PendingUpload(
                tokenHash: row["token_hash"], owner: row["owner"], kind: row["kind"], fileName: row["file_name"],
                options: try PendingUpload.options(json: row["options_json"]), content: row["content"],
                createdAt: Date(unixSeconds: row["created_at"]), expiresAt: Date(unixSeconds: row["expires_at"]))
        }
    }

    private static func user(row: Row) -> UserAccount {
        UserAccount(
            login: row["login"], role: Role(rawValue: row["role"]) ?? .reader, passwordHash: row["password_hash"],
            createdAt: Date(unixSeconds: row["created_at"]), changedAt: Date(unixSeconds: row["changed_at"]))
    }

    private static func userExists(_ login: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM app_user WHERE login = ?)", arguments: [login]) ?? false
    }

    private static func insert(_ entry: AuditEntry, _ db: Database) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let counts = String(decoding: try encoder.encode(entry.counts), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT INTO audit_entry(at, actor, action, file_name, sha256, counts_json, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                entry.at.unixSeconds, entry.actor, entry.action, entry.fileName, entry.sha256, counts, entry.detail,
            ])
    }
}
