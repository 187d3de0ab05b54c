import Foundation
import NIOCore
import PostgresNIO

/// Accounts, sessions, failed logins, publication marks and the audit log, read and written
/// directly in PostgreSQL (not through the working copy): a session created by one server is seen
/// by the next request on any other, and these writes do not move the data version (no snapshot
/// is rebuilt because someone logged in). The same statements as the SQLite access store.
extension PostgresObservatoryStore {
    @discardableResult
    private func run(_ sql: String, _ values: [(any PostgresValue)?]) throws -> [PostgresRow] {
        var binds = PostgresBindings()
        for value in values {
            if let value { value.bind(into: &binds) } else { binds.appendNull() }
        }
        return try session.query(sql, binds)
    }

    private func access<T>(_ body: () throws -> T) throws -> T {
        try withLock { try session.transaction(body) }
    }

    public func users() throws -> [UserAccount] {
        try access { try run("SELECT \(Self.userColumns) FROM app_user ORDER BY login", []).map(Self.user) }
    }

    public func user(login: String) throws -> UserAccount? {
        try access {
            try run("SELECT \(Self.userColumns) FROM app_user WHERE login = $1", [login]).first.map(Self.user)
        }
    }

    public func addUser(_ user: UserAccount, audit: AuditEntry) throws {
        try access {
            guard try !userExists(user.login) else { throw StoreError("the account \(user.login) already exists") }
            try run(
                "INSERT INTO app_user(login, role, password_hash, created_at, changed_at) VALUES ($1, $2, $3, $4, $5)",
                [
                    user.login, user.role.rawValue, user.passwordHash, user.createdAt.unixSeconds,
                    user.changedAt.unixSeconds,
                ])
            try insert(audit)
        }
    }

    public func updateUser(login: String, role: Role?, passwordHash: String?, at: Date, audit: AuditEntry) throws {
        try access {
            guard try userExists(login) else { throw StoreError("there is no account \(login)") }
            if let role { try run("UPDATE app_user SET role = $1 WHERE login = $2", [role.rawValue, login]) }
            if let passwordHash {
                try run("UPDATE app_user SET password_hash = $1 WHERE login = $2", [passwordHash, login])
                try run(
                    "UPDATE app_session SET revoked_at = $1 WHERE login = $2 AND revoked_at IS NULL",
                    [at.unixSeconds, login])
            }
            try run("UPDATE app_user SET changed_at = $1 WHERE login = $2", [at.unixSeconds, login])
            try insert(audit)
        }
    }

    public func removeUser(login: String, audit: AuditEntry) throws {
        try access {
            guard try userExists(login) else { throw StoreError("there is no account \(login)") }
            try run("DELETE FROM app_session WHERE login = $1", [login])
            try run("DELETE FROM app_user WHERE login = $1", [login])
            try insert(audit)
        }
    }

    public func createSession(_ record: SessionRecord) throws {
        try access {
            try run(
                """
                INSERT INTO app_session(id_hash, login, csrf_secret, created_at, last_seen_at, expires_at, revoked_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                """,
                [
                    record.idHash, record.login, record.csrfSecret, record.createdAt.unixSeconds,
                    record.lastSeenAt.unixSeconds, record.expiresAt.unixSeconds, record.revokedAt?.unixSeconds,
                ])
        }
    }

    public func session(idHash: String) throws -> SessionRecord? {
        try access {
            try run(
                """
                SELECT id_hash, login, csrf_secret, created_at, last_seen_at, expires_at, revoked_at FROM app_session
                WHERE id_hash = $1
                """, [idHash]
            ).first.map { row in
                let cells = row.cells
                return SessionRecord(
                    idHash: try cells[0].decode(String.self), login: try cells[1].decode(String.self),
                    csrfSecret: try cells[2].decode(String.self),
                    createdAt: Date(unixSeconds: try cells[3].decode(Int64.self)),
                    lastSeenAt: Date(unixSeconds: try cells[4].decode(Int64.self)),
                    expiresAt: Date(unixSeconds: try cells[5].decode(Int64.self)),
                    revokedAt: try cells[6].decode(Int64?.self).map(Date.init(unixSeconds:)))
            }
        }
    }

    public func touchSession(idHash: String, at: Date) throws {
        try access { try run("UPDATE app_session SET last_seen_at = $1 WHERE id_hash = $2", [at.unixSeconds, idHash]) }
    }

    public func revokeSession(idHash: String, at: Date) throws {
        try access {
            try run(
                "UPDATE app_session SET revoked_at = $1 WHERE id_hash = $2 AND revoked_at IS NULL",
                [at.unixSeconds, idHash])
        }
    }

    public func deleteSessions(endedBefore before: Date) throws {
        try access {
            try run(
                "DELETE FROM app_session WHERE expires_at < $1 OR (revoked_at IS NOT NULL AND revoked_at < $1)",
                [before.unixSeconds])
        }
    }

    public func recordLoginFailure(_ failure: LoginFailure) throws {
        try access {
            try run(
                "INSERT INTO login_failure(login, address, at) VALUES ($1, $2, $3)",
                [failure.login, failure.address, failure.at.unixSeconds])
        }
    }

    public func loginFailures(login: String, since: Date) throws -> [Date] {
        try access {
            try run(
                "SELECT at FROM login_failure WHERE login = $1 AND cleared = 0 AND at >= $2 ORDER BY at, rowid",
                [login, since.unixSeconds]
            ).map { Date(unixSeconds: try $0.cells[0].decode(Int64.self)) }
        }
    }

    public func loginFailures(address: String, since: Date) throws -> [Date] {
        try access {
            try run(
                "SELECT at FROM login_failure WHERE address = $1 AND at >= $2 ORDER BY at, rowid",
                [address, since.unixSeconds]
            ).map { Date(unixSeconds: try $0.cells[0].decode(Int64.self)) }
        }
    }

    public func clearLoginFailures(login: String) throws {
        try access { try run("UPDATE login_failure SET cleared = 1 WHERE login = $1", [login]) }
    }

    public func publicationMarks() throws -> [PublicationMark] {
        try access {
            try run("SELECT kind, marked_by, marked_at FROM publication_mark ORDER BY kind", []).compactMap { row in
                let cells = row.cells
                guard let kind = PublicationKind(rawValue: try cells[0].decode(String.self)) else { return nil }
                return PublicationMark(
                    kind: kind, markedBy: try cells[1].decode(String.self),
                    markedAt: Date(unixSeconds: try cells[2].decode(Int64.self)))
            }
        }
    }

    public func setPublication(kind: PublicationKind, mark: PublicationMark?, audit: AuditEntry) throws {
        try access {
            try run("DELETE FROM publication_mark WHERE kind = $1", [kind.rawValue])
            if let mark {
                try run(
                    "INSERT INTO publication_mark(kind, marked_by, marked_at) VALUES ($1, $2, $3)",
                    [kind.rawValue, mark.markedBy, mark.markedAt.unixSeconds])
            }
            try insert(audit)
        }
    }

    public func recordAudit(_ entry: AuditEntry) throws {
        try access { try insert(entry) }
    }

    public func auditEntries(since: Date?, limit: Int?) throws -> [AuditEntry] {
        try access {
            var sql = """
                SELECT id, at, actor, action, file_name, sha256, counts_json, detail FROM audit_entry
                WHERE at >= $1 ORDER BY id DESC
                """
            if let limit { sql += " LIMIT \(max(0, limit))" }
            return try run(sql, [since?.unixSeconds ?? Int64.min]).reversed().map { row in
                let cells = row.cells
                return AuditEntry(
                    id: try cells[0].decode(Int64.self), at: Date(unixSeconds: try cells[1].decode(Int64.self)),
                    actor: try cells[2].decode(String.self), action: try cells[3].decode(String.self),
                    fileName: try cells[4].decode(String?.self), sha256: try cells[5].decode(String?.self),
                    counts: try JSONDecoder().decode(
                        [String: Int].self, from: Data(try cells[6].decode(String.self).utf8)),
                    detail: try cells[7].decode(String.self))
            }
        }
    }

    public func keepUpload(_ upload: PendingUpload, perOwner: Int) throws {
        try access {
            try run("DELETE FROM pending_upload WHERE expires_at <= $1", [upload.createdAt.unixSeconds])
            try run(
                """
                DELETE FROM pending_upload WHERE owner = $1 AND token_hash NOT IN (
                    SELECT token_hash FROM pending_upload WHERE owner = $1
                    ORDER BY created_at DESC, token_hash LIMIT $2)
                """, [upload.owner, Int64(max(0, perOwner - 1))])
            try run(
                """
                INSERT INTO pending_upload(token_hash, owner, kind, file_name, options_json, content, created_at,
                    expires_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                """,
                [
                    upload.tokenHash, upload.owner, upload.kind, upload.fileName, upload.optionsJSON,
                    ByteBuffer(bytes: upload.content), upload.createdAt.unixSeconds, upload.expiresAt.unixSeconds,
                ])
        }
    }

    public func takeUpload(tokenHash: String, owner: String, at: Date) throws -> PendingUpload? {
        try access {
            try run(
                """
                DELETE FROM pending_upload WHERE token_hash = $1 AND owner = $2 AND expires_at > $3
                RETURNING token_hash, owner, kind, file_name, options_json, content, created_at, expires_at
                """, [tokenHash, owner, at.unixSeconds]
            ).first.map { row in
                let cells = row.cells
                return PendingUpload(
                    tokenHash: try cells[0].decode(String.self), owner: try cells[1].decode(String.self),
                    kind: try cells[2].decode(String.self), fileName: try cells[3].decode(String.self),
                    options: try PendingUpload.options(json: try cells[4].decode(String.self)),
                    content: Data(try cells[5].decode(ByteBuffer.self).readableBytesView),
                    createdAt: Date(unixSeconds: try cells[6].decode(Int64.self)),
                    expiresAt: Date(unixSeconds: try cells[7].decode(Int64.self)))
            }
        }
    }

    private static let userColumns = "login, role, password_hash, created_at, changed_at"

    private static func user(_ row: PostgresRow) throws -> UserAccount {
        let cells = row.cells
        return UserAccount(
            login: try cells[0].decode(String.self), role: Role(rawValue: try cells[1].decode(String.self)) ?? .reader,
            passwordHash: try cells[2].decode(String.self),
            createdAt: Date(unixSeconds: try cells[3].decode(Int64.self)),
            changedAt: Date(unixSeconds: try cells[4].decode(Int64.self)))
    }

    private func userExists(_ login: String) throws -> Bool {
        try run("SELECT EXISTS (SELECT 1 FROM app_user WHERE login = $1)", [login])[0].cells[0].decode(Bool.self)
    }

    private func insert(_ entry: AuditEntry) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let counts = String(decoding: try encoder.encode(entry.counts), as: UTF8.self)
        try run(
            """
            INSERT INTO audit_entry(at, actor, action, file_name, sha256, counts_json, detail)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, [entry.at.unixSeconds, entry.actor, entry.action, entry.fileName, entry.sha256, counts, entry.detail])
    }
}

/// A value bound to a PostgreSQL parameter with its own type.
protocol PostgresValue {
    func bind(into binds: inout PostgresBindings)
}

extension String: PostgresValue {
    func bind(into binds: inout PostgresBindings) { binds.append(self) }
}

extension Int64: PostgresValue {
    func bind(into binds: inout PostgresBindings) { binds.append(self) }
}

extension ByteBuffer: PostgresValue {
    func bind(into binds: inout PostgresBindings) { binds.append(self) }
}
