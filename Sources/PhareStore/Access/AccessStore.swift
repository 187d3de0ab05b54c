import Foundation

/// Who may do what, and what was done: accounts, sessions, failed logins (for throttling), what an
/// admin made public, and the audit log. The server and the CLI decide; the store only keeps the
/// records. Every column is a portable SQL type (text and integer; instants as integer Unix seconds),
/// so that the same tables stand on SQLite and PostgreSQL.
public protocol AccessStore: Sendable {
    /// Every account, by login.
    func users() throws -> [UserAccount]
    /// The account with this login, or nil.
    func user(login: String) throws -> UserAccount?
    /// Creates an account and records `audit` in the same transaction; refused when the login exists.
    func addUser(_ user: UserAccount, audit: AuditEntry) throws
    /// Changes the role and/or the password hash of an account, sets its `changedAt`, and records
    /// `audit` in the same transaction; a new password hash also revokes every session of the account.
    /// Refused when the login does not exist.
    func updateUser(login: String, role: Role?, passwordHash: String?, at: Date, audit: AuditEntry) throws
    /// Removes an account, revokes its sessions and records `audit` in the same transaction; refused
    /// when the login does not exist.
    func removeUser(login: String, audit: AuditEntry) throws

    /// Records a new session (its id is stored as a hash only).
    func createSession(_ session: SessionRecord) throws
    /// The session whose id hashes to `idHash`, revoked or expired ones included (the caller checks), or nil.
    func session(idHash: String) throws -> SessionRecord?
    /// Moves the last-seen instant of a session (for the idle timeout).
    func touchSession(idHash: String, at: Date) throws
    /// Revokes one session (logout); revoking twice keeps the first instant.
    func revokeSession(idHash: String, at: Date) throws
    /// Deletes the sessions that expired or were revoked before `before` (housekeeping).
    func deleteSessions(endedBefore before: Date) throws

    /// Records a failed login for throttling.
    func recordLoginFailure(_ failure: LoginFailure) throws
    /// The instants of the failed logins for this login at or after `since`, oldest first.
    func loginFailures(login: String, since: Date) throws -> [Date]
    /// The instants of the failed logins from this address at or after `since`, oldest first.
    func loginFailures(address: String, since: Date) throws -> [Date]
    /// Forgets the failed logins of a login for the count per login (after a successful login); the
    /// count per address still sees them.
    func clearLoginFailures(login: String) throws

    /// What an admin marked public, by kind.
    func publicationMarks() throws -> [PublicationMark]
    /// Marks `kind` public (with `mark`) or takes the mark away (nil), and records `audit` in the
    /// same transaction.
    func setPublication(kind: PublicationKind, mark: PublicationMark?, audit: AuditEntry) throws

    /// Appends an entry to the audit log (for changes that are not made through this store).
    func recordAudit(_ entry: AuditEntry) throws
    /// The audit entries at or after `since` (all when nil), oldest first, at most `limit` (the newest ones).
    func auditEntries(since: Date?, limit: Int?) throws -> [AuditEntry]

    /// Keeps a checked upload until it is confirmed, on whichever server the confirmation arrives.
    /// In the same transaction it deletes every upload expired at `upload.createdAt`, and the oldest
    /// ones of the same owner beyond `perOwner` (this one included), so that files do not pile up.
    func keepUpload(_ upload: PendingUpload, perOwner: Int) throws
    /// Takes out the upload whose token hashes to `tokenHash` when it belongs to `owner` and has not
    /// expired at `at`, and returns it; an upload of another owner stays where it is. Of two callers
    /// asking at once, one only gets it.
    func takeUpload(tokenHash: String, owner: String, at: Date) throws -> PendingUpload?
}

/// A file checked in the browser and waiting for its confirmation. The page holds a random token;
/// the store keeps only its SHA-256 (`tokenHash`), with the file itself and what the form said.
public struct PendingUpload: Sendable, Equatable {
    public var tokenHash: String
    /// Who sent it, as the audit log names them (`user:LOGIN`, `local`): only they may confirm it.
    public var owner: String
    /// What the file holds (`catalogue`, `values`, `responses`, `margins`).
    public var kind: String
    public var fileName: String
    /// The form's fields that go with the file (wave, actor, replace…).
    public var options: [String: String]
    public var content: Data
    public var createdAt: Date
    public var expiresAt: Date

    public init(
        tokenHash: String, owner: String, kind: String, fileName: String, options: [String: String], content: Data,
        createdAt: Date, expiresAt: Date
    ) {
        self.tokenHash = tokenHash
        self.owner = owner
        self.kind = kind
        self.fileName = fileName
        self.options = options
        self.content = content
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    /// The options as the `options_json` column holds them (keys sorted).
    var optionsJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(options)) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func options(json: String) throws -> [String: String] {
        try JSONDecoder().decode([String: String].self, from: Data(json.utf8))
    }
}

/// What an account may do. Each role may do everything the ones before it may.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    /// Every page, no change.
    case reader
    /// Imports, weighting, reports, custom territories.
    case analyst
    /// Accounts and publication, and all the rest.
    case admin

    var rank: Int {
        switch self {
        case .reader: 0
        case .analyst: 1
        case .admin: 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}

/// One account. `passwordHash` is a bcrypt hash (`$2b$…`); the password itself is never stored.
public struct UserAccount: Sendable, Equatable, Codable {
    public var login: String
    public var role: Role
    public var passwordHash: String
    public var createdAt: Date
    public var changedAt: Date

    public init(login: String, role: Role, passwordHash: String, createdAt: Date, changedAt: Date) {
        self.login = login
        self.role = role
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.changedAt = changedAt
    }
}

/// A login session. The cookie holds a random token; the store keeps only its SHA-256 (`idHash`),
/// so that a copy of the database does not give working cookies. `csrfSecret` is the synchroniser
/// token the session's forms carry.
public struct SessionRecord: Sendable, Equatable {
    public var idHash: String
    public var login: String
    public var csrfSecret: String
    public var createdAt: Date
    public var lastSeenAt: Date
    public var expiresAt: Date
    public var revokedAt: Date?

    public init(
        idHash: String, login: String, csrfSecret: String, createdAt: Date, lastSeenAt: Date, expiresAt: Date,
        revokedAt: Date? = nil
    ) {
        self.idHash = idHash
        self.login = login
        self.csrfSecret = csrfSecret
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }
}

/// A failed login: which login was tried, from which address, when.
public struct LoginFailure: Sendable, Equatable {
    public var login: String
    public var address: String
    public var at: Date

    public init(login: String, address: String, at: Date) {
        self.login = login
        self.address = address
        self.at = at
    }
}

/// What an admin can make public to anonymous visitors. Nothing is public in a new observatory.
public enum PublicationKind: String, Sendable, Codable, CaseIterable {
    /// The documentation pages: framework, methodology, sources, indicator catalogue (no figure of
    /// a territory, no survey answer).
    case methodology
    /// Every page, table, download and API resource a reader sees (indicators and survey results).
    case dashboard
}

/// One thing made public, by whom and when.
public struct PublicationMark: Sendable, Equatable, Codable {
    public var kind: PublicationKind
    public var markedBy: String
    public var markedAt: Date

    public init(kind: PublicationKind, markedBy: String, markedAt: Date) {
        self.kind = kind
        self.markedBy = markedBy
        self.markedAt = markedAt
    }
}

/// One line of the audit log: who did what, when, with which file.
public struct AuditEntry: Sendable, Equatable, Codable {
    /// The store's sequence number (nil before it is recorded).
    public var id: Int64?
    public var at: Date
    /// `user:LOGIN` for a signed-in user, `local` for the loopback admin, `cli:OSUSER` for the CLI.
    public var actor: String
    /// What was done, e.g. `indicators.import`, `survey.weight`, `user.add`, `publication.set`.
    public var action: String
    public var fileName: String?
    /// The SHA-256 of the file, in lowercase hexadecimal.
    public var sha256: String?
    /// What the change counted (rows, respondents, indicators…), by name.
    public var counts: [String: Int]
    /// One free sentence (the wave, the actor, the role given…).
    public var detail: String

    public init(
        id: Int64? = nil, at: Date, actor: String, action: String, fileName: String? = nil, sha256: String? = nil,
        counts: [String: Int] = [:], detail: String = ""
    ) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.fileName = fileName
        self.sha256 = sha256
        self.counts = counts
        self.detail = detail
    }
}

extension Date {
    /// The instant as whole Unix seconds, the way the access tables store it.
    public var unixSeconds: Int64 { Int64(timeIntervalSince1970.rounded(.down)) }
    public init(unixSeconds: Int64) { self.init(timeIntervalSince1970: TimeInterval(unixSeconds)) }
}
